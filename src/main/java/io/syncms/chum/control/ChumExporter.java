package io.syncms.chum.control;

import io.syncms.platform.entity.TraceParent;

import io.syncms.chum.control.Challenges.Issued;
import io.syncms.chum.entity.ChangeNotice;
import io.syncms.chum.entity.ChangePage;
import io.syncms.chum.entity.Challenge;
import io.syncms.chum.entity.ChumException;
import io.syncms.chum.entity.ChumLimits;
import io.syncms.chum.entity.ChumProtocolException;
import io.syncms.chum.entity.ChumSessionClosedException;
import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.ChumUnauthenticatedException;
import io.syncms.chum.entity.FinishReason;
import io.syncms.chum.entity.HandshakeGrant;
import io.syncms.chum.entity.HandshakeRequest;
import io.syncms.chum.entity.ObjectBody;
import io.syncms.chum.entity.ProtocolVersionMismatchException;
import io.syncms.chum.entity.TrustedPeer;
import io.syncms.store.control.InstanceIdentity;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.ReferenceKind;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Serves the local store to remote importers: the server side of {@link ChumPeer}, whose methods
 * it mirrors (the HTTP resource calls these). Authenticates the handshake against the
 * {@link TrustedPeers}, derives session tokens and dispatches each request to its
 * {@link ExportSession}.
 *
 * <h2>Handshake</h2>
 * {@link #challenge(String)} issues a single-use nonce and an ephemeral X25519 key, signed with the
 * owner's key over the importer's own nonce, so the importer can check it reached the instance it
 * paired with. {@link #handshake} accepts a request only if the nonce was issued to that importer and
 * is still open, the importer person is a trusted peer, and the Ed25519 signature over
 * {@link HandshakeRequest#signedBytes()} verifies with that peer's key; then it checks the protocol
 * version, that the request names this instance, its owner and its owner's key (a handshake signed for
 * another instance is worthless here), and derives the session token from the key exchange
 * ({@link SessionKeys}): the token never travels, so a relay cannot use the session. A token expires
 * after the token idle timeout without a request, and in any case after the token lifetime; the
 * importer then renews it with another handshake for the same Chum ({@link HandshakeRequest#renew()}).
 */
public final class ChumExporter implements AutoCloseable {

    /** The importer's nonce: base64url, as {@link Challenges#nonce} makes it. */
    private static final java.util.regex.Pattern IMPORTER_NONCE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{22,86}");

    private final LocalInstance local;
    private final TrustedPeers peers;
    private final ChumSettings settings;
    private final Consumer<ExportSession> onAccepted;
    private final BiConsumer<HandshakeRequest, ChumException> onRefused;
    private final Challenges challenges;
    private final ChangeSignal signal = new ChangeSignal();
    private final Map<String, ExportSession> sessions = new ConcurrentHashMap<>();

    /**
     * @param onAccepted called with each new session before its grant is handed out; it may refuse
     *                   the session by throwing a {@link ChumException}
     * @param onRefused  called when an authenticated handshake is refused (a version mismatch), so
     *                   this side records the aborted Chum too
     */
    public ChumExporter(LocalInstance local, TrustedPeers peers, ChumSettings settings, ChumLimits limits,
                        Consumer<ExportSession> onAccepted, BiConsumer<HandshakeRequest, ChumException> onRefused) {
        this.local = local;
        this.peers = peers;
        this.settings = settings;
        this.onAccepted = onAccepted;
        this.onRefused = onRefused;
        this.challenges = new Challenges(settings.clock(), settings.challengeTimeout(), limits.maxOpenChallenges(),
                limits.maxChallengesPerAddress());
        // after the AccessService's listener, which the LocalInstance guarantees was added first
        local.store().addWriteListener(signal);
        signal.startAt(local.store().lastSeq());
    }

    /**
     * A challenge for the importer that sent {@code importerNonce} from {@code address}.
     *
     * @throws ChumProtocolException  if the importer's nonce is not a base64url nonce
     * @throws io.syncms.platform.entity.LimitExceededException (429) if too many challenges are open, in all
     *                                or for the address
     */
    public Challenge challenge(String importerNonce, String address) {
        if (importerNonce == null || !IMPORTER_NONCE.matcher(importerNonce).matches()) {
            throw new ChumProtocolException("A challenge request needs the importer's nonce: 22 to 86 base64url characters");
        }
        Issued issued = challenges.issue(importerNonce, address);
        String publicKey = local.identity().publicKeyBase64();
        String ephemeral = SessionKeys.encode(issued.ephemeral().getPublic());
        byte[] signed = Challenge.signedBytes(importerNonce, issued.nonce(), settings.protocolVersion(), local.name(),
                local.owner(), publicKey, ephemeral, issued.expiresAt());
        return new Challenge(issued.nonce(), settings.protocolVersion(), local.name(), local.owner(), publicKey, ephemeral,
                issued.expiresAt(), Base64.getEncoder().encodeToString(local.identity().sign(signed)));
    }

    public HandshakeGrant handshake(HandshakeRequest request) {
        return handshake(request, null);
    }

    /** As {@link #handshake(HandshakeRequest)}, from an importer whose requests belong to {@code trace} (null: none said). */
    public HandshakeGrant handshake(HandshakeRequest request, TraceParent trace) {
        dropIdleSessions();
        Issued issued = authenticate(request);
        if (request.protocolVersion() != settings.protocolVersion()) {
            ProtocolVersionMismatchException mismatch = new ProtocolVersionMismatchException(request.importerInstance(),
                    request.protocolVersion(), local.name(), settings.protocolVersion());
            onRefused.accept(request, mismatch);
            throw mismatch;
        }
        if (!local.name().equals(request.exporterInstance()) || !local.owner().equals(request.exporterPerson())) {
            throw new ChumProtocolException("This is instance \"" + local.name() + "\" of person " + local.owner()
                    + ", not \"" + request.exporterInstance() + "\" of person " + request.exporterPerson());
        }
        if (!local.identity().publicKeyBase64().equals(request.exporterKey())) {
            throw new ChumUnauthenticatedException("The handshake was signed for the key " + request.exporterKey()
                    + ", which is not this instance's: it was meant for another instance");
        }
        if (!SessionKeys.encode(issued.ephemeral().getPublic()).equals(request.exporterEphemeralKey())) {
            throw new ChumUnauthenticatedException("The handshake names the ephemeral key of another challenge");
        }
        SessionKeys keys = SessionKeys.derive(issued.ephemeral().getPrivate(), SessionKeys.decode(request.importerEphemeralKey()),
                request.nonce(), request.importerNonce(), request.chumId());
        Instant expiresAt = settings.clock().instant().plus(settings.tokenLifetime());
        if (request.renew()) {
            renew(request, keys.token(), expiresAt);
        } else {
            ExportSession session = new ExportSession(keys.token(), expiresAt, request, trace, local, signal, settings);
            onAccepted.accept(session);
            sessions.put(keys.token(), session);
        }
        long idle = settings.tokenIdleTimeout().toMillis();
        long lifetime = settings.tokenLifetime().toMillis();
        String epoch = storeEpoch();
        long lastSeq = local.store().lastSeq();
        return new HandshakeGrant(idle, lifetime, epoch, lastSeq, keys.confirmation(request.chumId(), idle, lifetime, epoch, lastSeq));
    }

    /** Gives the running session of the request's Chum and person the new token; the old one is void at once. */
    private void renew(HandshakeRequest request, String token, Instant expiresAt) {
        ExportSession session = sessions.values().stream()
                .filter(candidate -> candidate.chumId().equals(request.chumId())
                        && candidate.request().importerPerson().equals(request.importerPerson()) && !candidate.isEnded())
                .findFirst().orElseThrow(() -> new ChumSessionClosedException("Chum " + request.chumId()
                        + " has no running session of person " + request.importerPerson() + " to renew"));
        synchronized (session) {
            String old = session.token();
            session.renew(token, expiresAt);
            sessions.put(token, session);
            sessions.remove(old);
        }
    }

    /**
     * Ends every session of the person at once and voids their tokens: the person was unpaired (or its
     * key replaced), so nothing more is served to it.
     */
    public void revoke(String personId, String reason) {
        sessions.values().removeIf(session -> {
            if (session.request().importerPerson().equals(personId)) {
                session.end(FinishReason.FAILED, reason);
                return true;
            }
            return false;
        });
    }

    public ChangePage changesAfter(String token, long afterSeq, int limit) {
        return session(token).changesAfter(afterSeq, limit);
    }

    public ChangePage nextChanges(String token, String cursor, int limit) {
        return session(token).nextChanges(cursor, limit);
    }

    public List<ObjectBody> fetchObjects(String token, List<ClosureEntry> entries) {
        return session(token).fetchObjects(entries);
    }

    public void fetchContent(String token, ReferenceKind kind, List<String> hashes, ContentSink sink) {
        session(token).fetchContent(kind, hashes, sink);
    }

    /**
     * Checks a content request as {@link #fetchContent} does first (token, kinds, batch size, access
     * to every item), without sending anything: a streaming transport calls it before it commits to
     * a successful response, so a refusal is still a plain 401/403/410.
     */
    public void checkContent(String token, ReferenceKind kind, List<String> hashes) {
        session(token).checkContent(kind, hashes);
    }

    public ChangeNotice waitForChanges(String token, long afterSeq, long timeoutMillis) {
        return session(token).awaitChanges(afterSeq, timeoutMillis);
    }

    /**
     * {@link #waitForChanges} without holding a thread while it waits: the looks run on the scheduler.
     * A missing or ended session is refused at once (thrown), as by every other method.
     */
    public CompletionStage<ChangeNotice> waitForChangesAsync(String token, long afterSeq, long timeoutMillis,
                                                             ScheduledExecutorService scheduler) {
        return session(token).awaitChangesAsync(afterSeq, timeoutMillis, scheduler);
    }

    /** Ends the session of the token; finishing an ended session again does nothing. */
    public void finish(String token, FinishReason reason, String message) {
        ExportSession session = known(token);
        session.touch();
        session.end(reason, message);
    }

    /** Ends every session and stops following the store. */
    @Override
    public void close() {
        local.store().removeWriteListener(signal);
        sessions.values().forEach(session -> session.end(FinishReason.STOPPED, "instance " + local.name() + " shut down"));
    }

    /** Identifies the store the sequence numbers belong to: its first write-log entry. */
    private String storeEpoch() {
        return local.store().epoch();
    }

    private Issued authenticate(HandshakeRequest request) {
        Issued issued = challenges.consume(request.nonce(), request.importerNonce()).orElseThrow(() ->
                new ChumUnauthenticatedException("The challenge was not issued here to this importer, has expired or was used"));
        TrustedPeer peer = peers.find(request.importerPerson()).orElseThrow(() ->
                new ChumUnauthenticatedException("Person " + request.importerPerson() + " is not a trusted peer"));
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(request.signature() == null ? "" : request.signature());
        } catch (IllegalArgumentException e) {
            throw new ChumUnauthenticatedException("The signature is not Base64");
        }
        if (!InstanceIdentity.verify(peer.publicKey(), request.signedBytes(), signature)) {
            throw new ChumUnauthenticatedException("The signature does not verify with the key of person " + peer.personId());
        }
        return issued;
    }

    private ExportSession session(String token) {
        ExportSession session = known(token);
        if (session.isEnded()) {
            throw new ChumSessionClosedException("The session has ended: " + session.ended().toCompletableFuture().join().message());
        }
        session.touch();
        return session;
    }

    private ExportSession known(String token) {
        ExportSession session = token == null ? null : sessions.get(token);
        if (session == null) {
            throw new ChumUnauthenticatedException("No valid session token");
        }
        if (session.isIdle()) {
            sessions.remove(token);
            session.end(FinishReason.FAILED, "the session token expired");
            throw new ChumUnauthenticatedException("The session token expired");
        }
        if (session.tokenExpired()) {
            // the session stays (a renewal finds it, and replaces the token); unused, it ends when it goes idle
            throw new ChumUnauthenticatedException("The session token outlived its lifetime: renew it with a handshake");
        }
        return session;
    }

    private void dropIdleSessions() {
        sessions.values().removeIf(session -> {
            if (session.isIdle()) {
                session.end(FinishReason.FAILED, "the session token expired");
                return true;
            }
            return false;
        });
    }
}
