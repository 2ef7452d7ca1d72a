package io.syncms.chum.control;

import io.syncms.chum.entity.Challenge;
import io.syncms.chum.entity.ChumException;
import io.syncms.chum.entity.ChumOptions;
import io.syncms.chum.entity.ChumProtocolException;
import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.ChumUnauthenticatedException;
import io.syncms.chum.entity.HandshakeGrant;
import io.syncms.chum.entity.HandshakeRequest;
import io.syncms.chum.entity.ProtocolVersionMismatchException;
import io.syncms.chum.entity.TrustedPeer;
import io.syncms.store.control.InstanceIdentity;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The importer's side of the handshake with a remote exporter. It checks, before anything else
 * happens, that the instance that answers is the one paired with the remote person: the challenge
 * must name that person and instance and be signed, over this side's fresh nonce, with the key
 * registered when pairing. Then it signs its request (naming that key, so the signature is worthless
 * anywhere else), and derives the session token from the key exchange, accepting the grant only if
 * the exporter's confirmation shows the exporter derived the same keys.
 */
final class HandshakeClient {

    /** An open session: its token, the grant, and when (System.nanoTime) to renew the token. */
    record Opened(String token, HandshakeGrant grant, long renewAtNanos) {
    }

    private static final Logger LOG = Logger.getLogger(HandshakeClient.class.getName());
    /** Renew this long before the token's lifetime ends at most, so a request never meets an expired token. */
    private static final long MAX_RENEWAL_MARGIN_MILLIS = 60_000;

    private final SecureRandom random = new SecureRandom();
    private final ChumPeer peer;
    private final LocalInstance local;
    private final TrustedPeers trustedPeers;
    private final ChumOptions options;
    private final String chumId;
    private final boolean initiator;
    private final ChumSettings settings;

    HandshakeClient(ChumPeer peer, LocalInstance local, TrustedPeers trustedPeers, ChumOptions options, String chumId,
                    boolean initiator, ChumSettings settings) {
        this.peer = peer;
        this.local = local;
        this.trustedPeers = trustedPeers;
        this.options = options;
        this.chumId = chumId;
        this.initiator = initiator;
        this.settings = settings;
    }

    /**
     * Opens a session.
     *
     * @throws ChumUnauthenticatedException     the answering instance is not the paired one, or refused this side
     * @throws ProtocolVersionMismatchException the versions differ (the exporter is told, so it records it too)
     * @throws ChumProtocolException            the answering instance has another name or owner than expected
     */
    Opened open() {
        return handshake(false);
    }

    /** A new token for the running session (the old one is void once this returns). */
    Opened renew() {
        return handshake(true);
    }

    private Opened handshake(boolean renew) {
        long started = System.nanoTime();
        String pairedKey = trustedPeers.find(options.remotePersonId()).map(TrustedPeer::publicKey).orElseThrow(() ->
                new ChumUnauthenticatedException("Person " + options.remotePersonId() + " is not a paired peer here"));
        String importerNonce = Challenges.nonce(random);
        Challenge challenge = peer.challenge(importerNonce);
        checkIdentity(challenge, importerNonce, pairedKey);
        KeyPair ephemeral = SessionKeys.ephemeral();
        HandshakeRequest unsigned = new HandshakeRequest(settings.protocolVersion(), challenge.nonce(), importerNonce, chumId,
                initiator, renew, local.name(), local.owner(), options.remoteInstanceName(), options.remotePersonId(),
                pairedKey, challenge.ephemeralKey(), SessionKeys.encode(ephemeral.getPublic()), options.chumName(),
                options.keepRunning(), options.maxNotificationDelay(), null);
        HandshakeRequest signed = unsigned.withSignature(
                Base64.getEncoder().encodeToString(local.identity().sign(unsigned.signedBytes())));
        if (challenge.protocolVersion() != settings.protocolVersion()) {
            // the exporter refuses it too, and records the aborted Chum on its side
            try {
                peer.handshake(signed);
            } catch (ChumException e) {
                LOG.fine(() -> "Handshake refused as expected: " + e.getMessage());
            }
            throw new ProtocolVersionMismatchException(local.name(), settings.protocolVersion(),
                    challenge.instanceName(), challenge.protocolVersion());
        }
        HandshakeGrant grant = peer.handshake(signed);
        SessionKeys keys = SessionKeys.derive(ephemeral.getPrivate(), SessionKeys.decode(challenge.ephemeralKey()),
                challenge.nonce(), importerNonce, chumId);
        if (!keys.confirms(chumId, grant)) {
            throw new ChumUnauthenticatedException("The grant from " + options.remoteUrl() + " does not confirm the session"
                    + " key: whoever answered could not complete the key exchange with the paired instance");
        }
        long margin = Math.min(MAX_RENEWAL_MARGIN_MILLIS, grant.lifetimeMillis() / 5);
        return new Opened(keys.token(), grant, started + TimeUnit.MILLISECONDS.toNanos(grant.lifetimeMillis() - margin));
    }

    private void checkIdentity(Challenge challenge, String importerNonce, String pairedKey) {
        if (!challenge.instanceName().equals(options.remoteInstanceName()) || !challenge.personId().equals(options.remotePersonId())) {
            throw new ChumProtocolException("The instance at " + options.remoteUrl() + " is \"" + challenge.instanceName()
                    + "\" of person " + challenge.personId() + ", not \"" + options.remoteInstanceName() + "\" of person "
                    + options.remotePersonId());
        }
        if (!challenge.publicKey().equals(pairedKey)) {
            throw new ChumUnauthenticatedException("The instance at " + options.remoteUrl() + " answers with the key "
                    + challenge.publicKey() + ", not the key paired with person " + options.remotePersonId());
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(challenge.signature());
        } catch (IllegalArgumentException e) {
            signature = new byte[0];
        }
        if (!InstanceIdentity.verify(pairedKey, challenge.signedBytes(importerNonce), signature)) {
            throw new ChumUnauthenticatedException("The challenge from " + options.remoteUrl() + " is not signed with the key"
                    + " paired with person " + options.remotePersonId() + ": it is not the paired instance");
        }
    }
}
