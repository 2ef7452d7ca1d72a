package io.syncms.chum.entity;

import io.syncms.store.entity.ReferenceKind;

import java.util.Objects;

/** The microdata of an object (kind OBJECT) or the ID microdata of an ID object (kind ID), as sent. */
public record ObjectBody(ReferenceKind kind, String hash, String microdata) {

    public ObjectBody {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(microdata, "microdata");
        if (kind != ReferenceKind.OBJECT && kind != ReferenceKind.ID) {
            throw new IllegalArgumentException("Only objects and ID objects have microdata, not " + kind);
        }
    }
}
