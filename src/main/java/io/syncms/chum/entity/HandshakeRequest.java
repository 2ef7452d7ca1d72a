package io.syncms.chum.entity;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The importer's signed answer to a {@link Challenge}: who it is, whom it wants to Chum with, and the
 * Chum's settings. The signature covers {@link #signedBytes()}, i.e. every other field.
 *
 * @param protocolVersion      the importer's {@code PROTOCOL_VERSION}
 * @param nonce                the challenge's nonce
 * @param chumId               the Chum's id, chosen by the initiator; both sides use it
 * @param initiator            true when the sender's side started the Chum: the receiver then starts
 *                             its own importer towards the sender (the reverse direction)
 * @param importerInstance     the sender's instance name
 * @param importerPerson       the ID hash of the sender's owner (who will be served)
 * @param exporterInstance     the receiver's instance name as the sender expects it
 * @param exporterPerson       the ID hash of the receiver's owner as the sender expects it
 * @param chumName             the name of the Chum (its log objects' {@code name})
 * @param keepRunning          whether the Chum keeps running after full synchronization
 * @param maxNotificationDelay how long (ms) a new accessible write may wait before it is announced
 * @param signature            Ed25519 signature by the importer person's key, standard Base64
 */
public record HandshakeRequest(int protocolVersion, String nonce, String chumId, boolean initiator,
                               String importerInstance, String importerPerson,
                               String exporterInstance, String exporterPerson,
                               String chumName, boolean keepRunning, long maxNotificationDelay, String signature) {

    /** Starts the signed text, so that a signature of a handshake is never valid as anything else. */
    public static final String SIGNATURE_DOMAIN = "syncms-chum-handshake";

    public HandshakeRequest {
        Checks.line(nonce, "nonce");
        Checks.line(chumId, "chumId");
        Checks.line(importerInstance, "importerInstance");
        Checks.hash(importerPerson, "importerPerson");
        Checks.line(exporterInstance, "exporterInstance");
        Checks.hash(exporterPerson, "exporterPerson");
        Checks.line(chumName, "chumName");
        if (maxNotificationDelay < 0) {
            throw new IllegalArgumentException("maxNotificationDelay must not be negative: " + maxNotificationDelay);
        }
    }

    /**
     * The bytes the importer signs: UTF-8 of one {@code name:value} line per field, each ending in
     * {@code \n}, in this order, after the domain line. No field holds a line break, so the text is
     * unambiguous:
     * <pre>
     * syncms-chum-handshake
     * version:1
     * nonce:&lt;nonce&gt;
     * chum:&lt;chumId&gt;
     * initiator:true
     * importer-person:&lt;64 hex&gt;
     * exporter-person:&lt;64 hex&gt;
     * importer-instance:&lt;name&gt;
     * exporter-instance:&lt;name&gt;
     * chum-name:&lt;name&gt;
     * keep-running:false
     * max-notification-delay:20
     * </pre>
     */
    public byte[] signedBytes() {
        String text = SIGNATURE_DOMAIN + "\n"
                + "version:" + protocolVersion + "\n"
                + "nonce:" + nonce + "\n"
                + "chum:" + chumId + "\n"
                + "initiator:" + initiator + "\n"
                + "importer-person:" + importerPerson + "\n"
                + "exporter-person:" + exporterPerson + "\n"
                + "importer-instance:" + importerInstance + "\n"
                + "exporter-instance:" + exporterInstance + "\n"
                + "chum-name:" + chumName + "\n"
                + "keep-running:" + keepRunning + "\n"
                + "max-notification-delay:" + maxNotificationDelay + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public HandshakeRequest withSignature(String base64Signature) {
        return new HandshakeRequest(protocolVersion, nonce, chumId, initiator, importerInstance, importerPerson,
                exporterInstance, exporterPerson, chumName, keepRunning, maxNotificationDelay,
                Objects.requireNonNull(base64Signature, "signature"));
    }
}
