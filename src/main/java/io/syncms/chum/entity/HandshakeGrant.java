package io.syncms.chum.entity;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An accepted handshake. It carries no token: each side derives the session token from the key
 * exchange, so whoever relayed the handshake learns nothing usable. {@code confirmation} proves that
 * the exporter derived the same keys (a MAC over the other fields with a key from the exchange).
 *
 * @param idleTimeoutMillis the token expires when no request used it for this long
 * @param lifetimeMillis    the token expires this long after the handshake in any case: the importer
 *                          renews it before with another handshake ({@link HandshakeRequest#renew()})
 * @param storeEpoch        identifies the exporter's store (see {@link ChumCheckpoint#remoteStoreEpoch()})
 * @param lastSeq           the exporter's write-log sequence number when the session started
 * @param confirmation      Base64 HMAC-SHA256 of {@link #confirmedBytes(String)}
 */
public record HandshakeGrant(long idleTimeoutMillis, long lifetimeMillis, String storeEpoch, long lastSeq, String confirmation) {

    public HandshakeGrant {
        Objects.requireNonNull(storeEpoch, "storeEpoch");
        Checks.line(confirmation, "confirmation");
        if (idleTimeoutMillis <= 0 || lifetimeMillis <= 0) {
            throw new IllegalArgumentException("idleTimeoutMillis and lifetimeMillis must be positive");
        }
    }

    /** The bytes the confirmation covers. */
    public byte[] confirmedBytes(String chumId) {
        return confirmedBytes(chumId, idleTimeoutMillis, lifetimeMillis, storeEpoch, lastSeq);
    }

    public static byte[] confirmedBytes(String chumId, long idleTimeoutMillis, long lifetimeMillis, String storeEpoch, long lastSeq) {
        String text = "syncms-chum-grant\n"
                + "chum:" + chumId + "\n"
                + "idle-timeout:" + idleTimeoutMillis + "\n"
                + "lifetime:" + lifetimeMillis + "\n"
                + "store-epoch:" + storeEpoch + "\n"
                + "last-seq:" + lastSeq + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
