package io.syncms.store.entity;

/**
 * Stored content does not hash to its name: it was changed or damaged on disk and is not served
 * (code {@code OS-CORRUPT1}).
 */
public class CorruptObjectException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final ReferenceKind kind;
    private final String hash;
    private final String actualHash;

    public CorruptObjectException(ReferenceKind kind, String hash, String actualHash) {
        super("OS-CORRUPT1", kind + " " + hash + " is corrupt: its content hashes to " + actualHash);
        this.kind = kind;
        this.hash = hash;
        this.actualHash = actualHash;
    }

    public ReferenceKind kind() {
        return kind;
    }

    public String hash() {
        return hash;
    }

    public String actualHash() {
        return actualHash;
    }
}
