package io.syncms.store.entity;

import java.util.Objects;

/**
 * A hash a ONE object links to. {@code itemprop} is the top-level property it was found in
 * (references inside lists, maps and nested objects report their enclosing property).
 */
public record ObjectReference(ReferenceKind kind, String hash, String itemprop) {

    public ObjectReference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(itemprop, "itemprop");
    }
}
