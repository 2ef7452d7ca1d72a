package io.syncms.chum.entity;

import java.util.Objects;

/**
 * An accepted handshake: the session token every later request carries.
 *
 * @param token            opaque bearer token bound to the importer person and this Chum
 * @param idleTimeoutMillis the token expires when no request used it for this long
 * @param storeEpoch       identifies the exporter's store (see {@link ChumCheckpoint#remoteStoreEpoch()})
 * @param lastSeq          the exporter's write-log sequence number when the session started
 */
public record HandshakeGrant(String token, long idleTimeoutMillis, String storeEpoch, long lastSeq) {

    public HandshakeGrant {
        Checks.line(token, "token");
        Objects.requireNonNull(storeEpoch, "storeEpoch");
    }
}
