package io.syncms.store.entity;

/**
 * Received content does not have the hash it was announced with, so it was not stored
 * (code {@code OS-HASH1}).
 */
public class HashMismatchException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String expectedHash;
    private final String actualHash;

    public HashMismatchException(ReferenceKind kind, String expectedHash, String actualHash) {
        super("OS-HASH1", kind + " expected with hash " + expectedHash + " hashes to " + actualHash);
        this.expectedHash = expectedHash;
        this.actualHash = actualHash;
    }

    public String expectedHash() {
        return expectedHash;
    }

    public String actualHash() {
        return actualHash;
    }
}
