package io.syncms.chum.entity;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The importer's signed answer to a {@link Challenge}: who it is, whom it wants to Chum with (naming
 * the exporter's own key, so the signature is worthless at any other instance), its half of the session
 * key exchange, and the Chum's settings. The signature covers {@link #signedBytes()}, i.e. every other
 * field.
 *
 * @param protocolVersion      the importer's {@code PROTOCOL_VERSION}
 * @param nonce                the challenge's nonce
 * @param importerNonce        the nonce the importer sent with its challenge request
 * @param chumId               the Chum's id, chosen by the initiator; both sides use it
 * @param initiator            true when the sender's side started the Chum: the receiver then starts
 *                             its own importer towards the sender (the reverse direction)
 * @param renew                true to renew the token of the running session of this Chum (same
 *                             importer person), rather than to open one
 * @param importerInstance     the sender's instance name
 * @param importerPerson       the ID hash of the sender's owner (who will be served)
 * @param exporterInstance     the receiver's instance name as the sender expects it
 * @param exporterPerson       the ID hash of the receiver's owner as the sender expects it
 * @param exporterKey          the Ed25519 key the sender paired with the receiver's owner (Base64)
 * @param exporterEphemeralKey the challenge's ephemeral key
 * @param importerEphemeralKey the importer's X25519 key for this handshake (X.509 encoding, Base64)
 * @param chumName             the name of the Chum (its log objects' {@code name})
 * @param keepRunning          whether the Chum keeps running after full synchronization
 * @param maxNotificationDelay how long (ms) a new accessible write may wait before it is announced
 * @param signature            Ed25519 signature by the importer person's key, standard Base64
 */
public record HandshakeRequest(int protocolVersion, String nonce, String importerNonce, String chumId, boolean initiator,
                               boolean renew, String importerInstance, String importerPerson, String exporterInstance,
                               String exporterPerson, String exporterKey, String exporterEphemeralKey,
                               String importerEphemeralKey, String chumName, boolean keepRunning,
                               long maxNotificationDelay, String signature) {

    /** Starts the signed text, so that a signature of a handshake is never valid as anything else. */
    public static final String SIGNATURE_DOMAIN = "syncms-chum-handshake";

    public HandshakeRequest {
        Checks.line(nonce, "nonce");
        Checks.line(importerNonce, "importerNonce");
        Checks.line(chumId, "chumId");
        Checks.line(importerInstance, "importerInstance");
        Checks.hash(importerPerson, "importerPerson");
        Checks.line(exporterInstance, "exporterInstance");
        Checks.hash(exporterPerson, "exporterPerson");
        Checks.line(exporterKey, "exporterKey");
        Checks.line(exporterEphemeralKey, "exporterEphemeralKey");
        Checks.line(importerEphemeralKey, "importerEphemeralKey");
        Checks.line(chumName, "chumName");
        if (maxNotificationDelay < 0 || maxNotificationDelay > ChumOptions.MAX_NOTIFICATION_DELAY) {
            throw new IllegalArgumentException("maxNotificationDelay must be from 0 to " + ChumOptions.MAX_NOTIFICATION_DELAY
                    + " ms, not " + maxNotificationDelay);
        }
    }

    /**
     * The bytes the importer signs: UTF-8 of one {@code name:value} line per field, each ending in
     * {@code \n}, in this order, after the domain line. No field holds a line break, so the text is
     * unambiguous:
     * <pre>
     * syncms-chum-handshake
     * version:2
     * nonce:&lt;nonce&gt;
     * importer-nonce:&lt;importer nonce&gt;
     * chum:&lt;chumId&gt;
     * initiator:true
     * renew:false
     * importer-person:&lt;64 hex&gt;
     * exporter-person:&lt;64 hex&gt;
     * importer-instance:&lt;name&gt;
     * exporter-instance:&lt;name&gt;
     * exporter-key:&lt;base64&gt;
     * exporter-ephemeral-key:&lt;base64&gt;
     * importer-ephemeral-key:&lt;base64&gt;
     * chum-name:&lt;name&gt;
     * keep-running:false
     * max-notification-delay:20
     * </pre>
     */
    public byte[] signedBytes() {
        String text = SIGNATURE_DOMAIN + "\n"
                + "version:" + protocolVersion + "\n"
                + "nonce:" + nonce + "\n"
                + "importer-nonce:" + importerNonce + "\n"
                + "chum:" + chumId + "\n"
                + "initiator:" + initiator + "\n"
                + "renew:" + renew + "\n"
                + "importer-person:" + importerPerson + "\n"
                + "exporter-person:" + exporterPerson + "\n"
                + "importer-instance:" + importerInstance + "\n"
                + "exporter-instance:" + exporterInstance + "\n"
                + "exporter-key:" + exporterKey + "\n"
                + "exporter-ephemeral-key:" + exporterEphemeralKey + "\n"
                + "importer-ephemeral-key:" + importerEphemeralKey + "\n"
                + "chum-name:" + chumName + "\n"
                + "keep-running:" + keepRunning + "\n"
                + "max-notification-delay:" + maxNotificationDelay + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public HandshakeRequest withSignature(String base64Signature) {
        return new HandshakeRequest(protocolVersion, nonce, importerNonce, chumId, initiator, renew, importerInstance,
                importerPerson, exporterInstance, exporterPerson, exporterKey, exporterEphemeralKey, importerEphemeralKey,
                chumName, keepRunning, maxNotificationDelay, Objects.requireNonNull(base64Signature, "signature"));
    }
}
