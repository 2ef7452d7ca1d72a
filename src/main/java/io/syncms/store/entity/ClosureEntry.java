package io.syncms.store.entity;

import java.util.Objects;

/** Something stored that belongs to a closure: an object, ID object, BLOB or CLOB. */
public record ClosureEntry(ReferenceKind kind, String hash) {

    public ClosureEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hash, "hash");
    }
}
