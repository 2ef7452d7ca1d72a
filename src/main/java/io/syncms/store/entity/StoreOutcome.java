package io.syncms.store.entity;

/**
 * The outcome of one item of a batch store call: what was stored, or why this item was refused
 * (the other items of the batch are stored nonetheless).
 *
 * @param result  what the store did, null if the item was refused
 * @param problem why it was refused ({@link OneValidationException} or {@link StoreException}), else null
 */
public record StoreOutcome(StoreResult result, RuntimeException problem) {

    public StoreOutcome {
        if ((result == null) == (problem == null)) {
            throw new IllegalArgumentException("An outcome has a result or a problem");
        }
    }

    public static StoreOutcome stored(StoreResult result) {
        return new StoreOutcome(result, null);
    }

    public static StoreOutcome refused(RuntimeException problem) {
        return new StoreOutcome(null, problem);
    }

    public boolean isStored() {
        return result != null;
    }
}
