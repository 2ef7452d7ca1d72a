package io.syncms.chum.control;

import io.syncms.chum.entity.ChangeNotice;
import io.syncms.chum.entity.ChangePage;
import io.syncms.chum.entity.Challenge;
import io.syncms.chum.entity.ChumAccessDeniedException;
import io.syncms.chum.entity.ChumProtocolException;
import io.syncms.chum.entity.ChumSessionClosedException;
import io.syncms.chum.entity.ChumUnauthenticatedException;
import io.syncms.chum.entity.FinishReason;
import io.syncms.chum.entity.HandshakeGrant;
import io.syncms.chum.entity.HandshakeRequest;
import io.syncms.chum.entity.ObjectBody;
import io.syncms.chum.entity.ProtocolVersionMismatchException;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.ReferenceKind;

import java.util.List;

/**
 * The remote exporter as the local importer sees it: the transport-independent Chum protocol
 * (version {@link io.syncms.chum.entity.ChumSettings#PROTOCOL_VERSION}). Implemented over HTTP
 * ({@link HttpChumPeer}), later over ONE's WebSocket protocol, and in the unit tests by a peer that
 * calls the other side's {@link ChumExporter} directly. Its methods mirror those of
 * {@link ChumExporter} one to one.
 *
 * <p>Every method after the handshake takes the session token of the {@link HandshakeGrant} and
 * throws {@link ChumUnauthenticatedException} (HTTP 401) for a missing, unknown or expired token, and
 * {@link ChumSessionClosedException} (HTTP 410) once the session has ended. Everything is batched:
 * listings are pages of hashes, objects come many per request, BLOB and CLOB content is streamed
 * many per request; nothing costs a round trip per object.
 */
public interface ChumPeer {

    /**
     * Step 1 of the handshake (unauthenticated): a fresh nonce, the exporter's version, identity and
     * ephemeral key, signed by the exporter over the importer's nonce.
     */
    Challenge challenge(String importerNonce);

    /**
     * Step 2 of the handshake: the signed request. Yields the grant of a session bound to the
     * importer person and the Chum, whose token both sides derive from the key exchange.
     *
     * @throws ChumUnauthenticatedException     unknown or used nonce, untrusted person, bad signature,
     *                                          a request signed for another instance's key
     * @throws ProtocolVersionMismatchException the versions differ (the exporter aborts its side too)
     * @throws ChumProtocolException            the request names another exporter instance or person
     */
    HandshakeGrant handshake(HandshakeRequest request);

    /**
     * Opens a listing round: every entry accessible to the session's person that may be new to the
     * importer since {@code afterSeq} (0: everything accessible), referenced content before what
     * references it, and returns its first page of at most {@code limit} entries. Opening a round
     * ends the session's previous round.
     */
    ChangePage changesAfter(String token, long afterSeq, int limit);

    /** The next page of the current round. @throws ChumProtocolException for a cursor of another round */
    ChangePage nextChanges(String token, String cursor, int limit);

    /**
     * The microdata of objects (kind OBJECT) and ID objects (kind ID), in request order; content
     * the exporter cannot read (damaged on its disk) is left out.
     *
     * @throws ChumAccessDeniedException if any of them is not accessible now; then nothing is sent
     */
    List<ObjectBody> fetchObjects(String token, List<ClosureEntry> entries);

    /**
     * Streams BLOBs or CLOBs to the sink, one after the other in request order; content the
     * exporter cannot read is left out.
     *
     * @throws ChumAccessDeniedException if any of them is not accessible now; then nothing is sent
     */
    void fetchContent(String token, ReferenceKind kind, List<String> hashes, ContentSink sink);

    /**
     * Long poll: returns as soon as something accessible to the session's person was written after
     * {@code afterSeq} ({@link ChangeNotice#changed()}), when {@code timeoutMillis} (capped by the
     * exporter) has passed without that, or when the session ends.
     */
    ChangeNotice waitForChanges(String token, long afterSeq, long timeoutMillis);

    /**
     * The importer is done with this exporter: after a complete one-shot import, or because its side
     * stopped or failed (then the exporter's side stops its own importer too). Ends the session.
     */
    void finish(String token, FinishReason reason, String message);
}
