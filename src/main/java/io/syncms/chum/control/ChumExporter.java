package io.syncms.chum.control;

import io.syncms.chum.control.Challenges.Nonce;
import io.syncms.chum.entity.ChangeNotice;
import io.syncms.chum.entity.ChangePage;
import io.syncms.chum.entity.Challenge;
import io.syncms.chum.entity.ChumException;
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

import java.security.SecureRandom;
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
 * it mirrors (the HTTP resource will call these). Authenticates the handshake against the
 * {@link TrustedPeers}, hands out session tokens and dispatches each request to its
 * {@link ExportSession}.
 *
 * <h2>Handshake</h2>
 * {@link #challenge()} issues a single-use nonce. {@link #handshake} accepts a request only if the
 * nonce is open, the importer person is a trusted peer, and the Ed25519 signature over
 * {@link HandshakeRequest#signedBytes()} verifies with that peer's key; then it checks the protocol
 * version and that the request names this instance and its owner. The token is
 * {@code chum1.<43 base64url characters>} (32 random bytes), bound to the session; it expires after
 * the settings' token idle timeout without a request.
 */
public final class ChumExporter implements AutoCloseable {

    private static final String TOKEN_PREFIX = "chum1.";
    private static final int TOKEN_BYTES = 32;

    private final LocalInstance local;
    private final TrustedPeers peers;
    private final ChumSettings settings;
    private final Consumer<ExportSession> onAccepted;
    private final BiConsumer<HandshakeRequest, ChumException> onRefused;
    private final Challenges challenges;
    private final ChangeSignal signal = new ChangeSignal();
    private final Map<String, ExportSession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param onAccepted called with each new session before its token is handed out; it may refuse
     *                   the session by throwing a {@link ChumException}
     * @param onRefused  called when an authenticated handshake is refused (a version mismatch), so
     *                   this side records the aborted Chum too
     */
    public ChumExporter(LocalInstance local, TrustedPeers peers, ChumSettings settings,
                        Consumer<ExportSession> onAccepted, BiConsumer<HandshakeRequest, ChumException> onRefused) {
        this.local = local;
        this.peers = peers;
        this.settings = settings;
        this.onAccepted = onAccepted;
        this.onRefused = onRefused;
        this.challenges = new Challenges(settings.clock(), settings.challengeTimeout());
        // after the AccessService's listener, which the LocalInstance guarantees was added first
        local.store().addWriteListener(signal);
        signal.startAt(local.store().lastSeq());
    }

    public Challenge challenge() {
        Nonce nonce = challenges.issue();
        return new Challenge(nonce.value(), settings.protocolVersion(), local.name(), local.owner(), nonce.expiresAt());
    }

    public HandshakeGrant handshake(HandshakeRequest request) {
        dropIdleSessions();
        authenticate(request);
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
        String token = newToken();
        ExportSession session = new ExportSession(token, request, local, signal, settings);
        onAccepted.accept(session);
        sessions.put(token, session);
        return new HandshakeGrant(token, settings.tokenIdleTimeout().toMillis(), storeEpoch(), local.store().lastSeq());
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
        List<LogEntry> first = local.store().writtenAfter(0, 1);
        return first.isEmpty() ? "empty" : first.get(0).hash() + "@" + first.get(0).timestamp();
    }

    private void authenticate(HandshakeRequest request) {
        if (!challenges.consume(request.nonce())) {
            throw new ChumUnauthenticatedException("The challenge was not issued here, has expired or was used");
        }
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

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
