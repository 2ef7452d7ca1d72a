package io.syncms.store.entity;

import java.util.Objects;

/**
 * An object or ID object as it arrived from elsewhere (a Chum): the hash it was listed under and its
 * microdata, which must hash to it.
 */
public record ReceivedItem(ReferenceKind kind, String hash, String microdata) {

    public ReceivedItem {
        if (kind != ReferenceKind.OBJECT && kind != ReferenceKind.ID) {
            throw new IllegalArgumentException("Received microdata is an object or an ID object, not " + kind);
        }
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(microdata, "microdata");
    }
}
