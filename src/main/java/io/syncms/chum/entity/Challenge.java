package io.syncms.chum.entity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What an exporter answers to "I want to Chum": a fresh nonce for the importer to sign, who the
 * exporter is, and its half of the session key exchange, all signed with the exporter owner's key
 * over the importer's own nonce, so the importer knows it speaks to the instance it paired with.
 *
 * @param nonce           random, single use, valid until {@code expiresAt}
 * @param protocolVersion the exporter's {@code PROTOCOL_VERSION}
 * @param instanceName    the exporter's instance name
 * @param personId        the ID hash of the exporter's owner
 * @param publicKey       the owner's Ed25519 public key (raw 32 bytes, standard Base64)
 * @param ephemeralKey    the exporter's X25519 key for this handshake only (X.509 encoding, standard Base64)
 * @param expiresAt       when the nonce stops being accepted
 * @param signature       Ed25519 signature of {@link #signedBytes(String)}, standard Base64
 */
public record Challenge(String nonce, int protocolVersion, String instanceName, String personId, String publicKey,
                        String ephemeralKey, Instant expiresAt, String signature) {

    /** Starts the signed text, so that a signature of a challenge is never valid as anything else. */
    public static final String SIGNATURE_DOMAIN = "syncms-chum-challenge";

    public Challenge {
        Checks.line(nonce, "nonce");
        Checks.line(instanceName, "instanceName");
        Checks.hash(personId, "personId");
        Checks.line(publicKey, "publicKey");
        Checks.line(ephemeralKey, "ephemeralKey");
        java.util.Objects.requireNonNull(expiresAt, "expiresAt");
        Checks.line(signature, "signature");
    }

    /** The bytes the exporter signs: every other field, after the importer's nonce. */
    public byte[] signedBytes(String importerNonce) {
        return signedBytes(importerNonce, nonce, protocolVersion, instanceName, personId, publicKey, ephemeralKey, expiresAt);
    }

    public static byte[] signedBytes(String importerNonce, String nonce, int protocolVersion, String instanceName,
                                     String personId, String publicKey, String ephemeralKey, Instant expiresAt) {
        String text = SIGNATURE_DOMAIN + "\n"
                + "version:" + protocolVersion + "\n"
                + "importer-nonce:" + importerNonce + "\n"
                + "nonce:" + nonce + "\n"
                + "exporter-instance:" + instanceName + "\n"
                + "exporter-person:" + personId + "\n"
                + "exporter-key:" + publicKey + "\n"
                + "ephemeral-key:" + ephemeralKey + "\n"
                + "expires-at:" + expiresAt + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
