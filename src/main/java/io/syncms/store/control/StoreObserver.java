package io.syncms.store.control;

import io.syncms.store.entity.ReferenceKind;

/**
 * Hears what the store does, for metrics. Called on the writing or reading thread, so an observer
 * must be quick and must not call back into the store.
 */
public interface StoreObserver {

    StoreObserver NONE = new StoreObserver() { };

    /**
     * One group commit was written (and forced, with fsync on).
     *
     * @param requests the writers' requests that shared it
     * @param bytes    the bytes of the database batch
     * @param nanos    how long the write took, force included
     */
    default void committed(int requests, long bytes, long nanos) {
    }

    /** A read found {@code hash} damaged or missing; it is put in quarantine. */
    default void corrupt(ReferenceKind kind) {
    }
}
