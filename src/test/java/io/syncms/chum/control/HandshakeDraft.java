package io.syncms.chum.control;

import io.syncms.chum.entity.Challenge;
import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.HandshakeGrant;
import io.syncms.chum.entity.HandshakeRequest;
import io.syncms.store.control.InstanceIdentity;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * An importer's half of a handshake built by hand: the challenge it asked for and a request with the
 * fields a well-behaved importer fills in, each of which a test may change before signing it, so that
 * replayed, relayed, forged and tampered handshakes can be tried against an exporter.
 */
final class HandshakeDraft {

    final String importerNonce;
    final Challenge challenge;
    final KeyPair ephemeral = SessionKeys.ephemeral();
    int protocolVersion = ChumSettings.PROTOCOL_VERSION;
    String nonce;
    String chumId = "chum-1";
    boolean initiator = true;
    boolean renew;
    String importerInstance;
    String importerPerson;
    String exporterInstance;
    String exporterPerson;
    String exporterKey;
    String exporterEphemeralKey;
    String importerEphemeralKey;
    String chumName = "test";
    boolean keepRunning;
    long maxNotificationDelay = 20;

    private HandshakeDraft(String importerNonce, Challenge challenge, String importerInstance, String importerPerson) {
        this.importerNonce = importerNonce;
        this.challenge = challenge;
        this.nonce = challenge.nonce();
        this.importerInstance = importerInstance;
        this.importerPerson = importerPerson;
        this.exporterInstance = challenge.instanceName();
        this.exporterPerson = challenge.personId();
        this.exporterKey = challenge.publicKey();
        this.exporterEphemeralKey = challenge.ephemeralKey();
        this.importerEphemeralKey = SessionKeys.encode(ephemeral.getPublic());
    }

    /** Asks the peer for a challenge, as the importer {@code importerInstance} of {@code importerPerson}. */
    static HandshakeDraft against(ChumPeer peer, String importerInstance, String importerPerson) {
        String importerNonce = Challenges.nonce(new SecureRandom());
        return new HandshakeDraft(importerNonce, peer.challenge(importerNonce), importerInstance, importerPerson);
    }

    static HandshakeDraft against(ChumExporter exporter, String importerInstance, String importerPerson) {
        return against(new InMemoryChumPeer(exporter), importerInstance, importerPerson);
    }

    HandshakeRequest unsigned() {
        return new HandshakeRequest(protocolVersion, nonce, importerNonce, chumId, initiator, renew, importerInstance,
                importerPerson, exporterInstance, exporterPerson, exporterKey, exporterEphemeralKey, importerEphemeralKey,
                chumName, keepRunning, maxNotificationDelay, null);
    }

    HandshakeRequest signedBy(InstanceIdentity who) {
        HandshakeRequest request = unsigned();
        return request.withSignature(Base64.getEncoder().encodeToString(who.sign(request.signedBytes())));
    }

    /** The session keys this side derives; {@code null} token if the grant does not confirm them. */
    SessionKeys keys() {
        return SessionKeys.derive(ephemeral.getPrivate(), SessionKeys.decode(challenge.ephemeralKey()), challenge.nonce(),
                importerNonce, chumId);
    }

    /** The session token, after checking the grant confirms this side's keys. */
    String token(HandshakeGrant grant) {
        SessionKeys keys = keys();
        if (!keys.confirms(chumId, grant)) {
            throw new AssertionError("the grant does not confirm the session keys");
        }
        return keys.token();
    }
}
