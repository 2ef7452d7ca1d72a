package io.syncms.chum.control;

import io.syncms.chum.control.HandshakeClient.Opened;
import io.syncms.chum.entity.ChangeNotice;
import io.syncms.chum.entity.ChangePage;
import io.syncms.chum.entity.FinishReason;
import io.syncms.chum.entity.HandshakeGrant;
import io.syncms.chum.entity.ObjectBody;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.ReferenceKind;

import java.util.List;

/**
 * The remote exporter once the handshake succeeded: {@link ChumPeer}'s calls without the token, which
 * this class holds and renews with a new handshake before its lifetime ends, so a long keepRunning
 * Chum never meets an expired token.
 */
final class RemoteExporter {

    private final ChumPeer peer;
    private final HandshakeClient handshakes;
    private final HandshakeGrant grant;
    private volatile Opened session;

    private RemoteExporter(ChumPeer peer, HandshakeClient handshakes, Opened session) {
        this.peer = peer;
        this.handshakes = handshakes;
        this.grant = session.grant();
        this.session = session;
    }

    /** Handshakes; see {@link HandshakeClient#open()} for what is checked and thrown. */
    static RemoteExporter open(ChumPeer peer, HandshakeClient handshakes) {
        return new RemoteExporter(peer, handshakes, handshakes.open());
    }

    /** The grant of the first handshake (the remote store's epoch and position then). */
    HandshakeGrant grant() {
        return grant;
    }

    ChangePage changesAfter(long afterSeq, int limit) {
        return peer.changesAfter(token(), afterSeq, limit);
    }

    ChangePage nextChanges(String cursor, int limit) {
        return peer.nextChanges(token(), cursor, limit);
    }

    List<ObjectBody> fetchObjects(List<ClosureEntry> entries) {
        return peer.fetchObjects(token(), entries);
    }

    void fetchContent(ReferenceKind kind, List<String> hashes, ContentSink sink) {
        peer.fetchContent(token(), kind, hashes, sink);
    }

    ChangeNotice waitForChanges(long afterSeq, long timeoutMillis) {
        return peer.waitForChanges(token(), afterSeq, timeoutMillis);
    }

    void finish(FinishReason reason, String message) {
        peer.finish(token(), reason, message);
    }

    /** The current token, renewed first when it is due. */
    private String token() {
        Opened current = session;
        if (System.nanoTime() - current.renewAtNanos() >= 0) {
            synchronized (this) {
                current = session;
                if (System.nanoTime() - current.renewAtNanos() >= 0) {
                    current = handshakes.renew();
                    session = current;
                }
            }
        }
        return current.token();
    }
}
