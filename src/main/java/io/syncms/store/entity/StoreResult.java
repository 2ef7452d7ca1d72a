package io.syncms.store.entity;

import java.util.Objects;

/**
 * What a store operation did. {@code created} is false if the content was already stored (and, for
 * a versioned object, already part of its history): then nothing was written and {@code seq} is 0.
 *
 * @param kind    what was stored
 * @param hash    the SHA-256 of the stored content (the object hash, ID hash, BLOB or CLOB hash)
 * @param idHash  the ID hash of a versioned object (equal to {@code hash} for an ID object), else null
 * @param created whether this call wrote it
 * @param seq     the write log sequence number of the entry for {@code hash}, 0 if nothing was written
 */
public record StoreResult(ReferenceKind kind, String hash, String idHash, boolean created, long seq) {

    public StoreResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hash, "hash");
    }
}
