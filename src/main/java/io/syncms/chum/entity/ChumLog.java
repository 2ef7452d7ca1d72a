package io.syncms.chum.entity;

import io.syncms.store.entity.OneObject;

import java.util.Objects;

/** The {@code Chum} object a side stored when its Chum ended, and its hash. */
public record ChumLog(String hash, OneObject object) {

    public ChumLog {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(object, "object");
    }
}
