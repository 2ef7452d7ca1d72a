package io.syncms.chum.control;

import io.syncms.chum.entity.ChangeNotice;
import io.syncms.chum.entity.ChangePage;
import io.syncms.chum.entity.Challenge;
import io.syncms.chum.entity.FinishReason;
import io.syncms.chum.entity.HandshakeGrant;
import io.syncms.chum.entity.HandshakeRequest;
import io.syncms.chum.entity.ObjectBody;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.ReferenceKind;

import java.util.List;

/**
 * The transport for two instances in one JVM (tests, tools): calls the other side's
 * {@link ChumExporter} directly, on the caller's thread. Lists are copied at the boundary, as a
 * wire would, so neither side holds the other's collections.
 */
public final class InMemoryChumPeer implements ChumPeer {

    private final ChumExporter exporter;

    public InMemoryChumPeer(ChumExporter exporter) {
        this.exporter = exporter;
    }

    @Override
    public Challenge challenge(String importerNonce) {
        return exporter.challenge(importerNonce, "in-memory");
    }

    @Override
    public HandshakeGrant handshake(HandshakeRequest request) {
        return exporter.handshake(request);
    }

    @Override
    public ChangePage changesAfter(String token, long afterSeq, int limit) {
        return exporter.changesAfter(token, afterSeq, limit);
    }

    @Override
    public ChangePage nextChanges(String token, String cursor, int limit) {
        return exporter.nextChanges(token, cursor, limit);
    }

    @Override
    public List<ObjectBody> fetchObjects(String token, List<ClosureEntry> entries) {
        return List.copyOf(exporter.fetchObjects(token, List.copyOf(entries)));
    }

    @Override
    public void fetchContent(String token, ReferenceKind kind, List<String> hashes, ContentSink sink) {
        exporter.fetchContent(token, kind, List.copyOf(hashes), sink);
    }

    @Override
    public ChangeNotice waitForChanges(String token, long afterSeq, long timeoutMillis) {
        return exporter.waitForChanges(token, afterSeq, timeoutMillis);
    }

    @Override
    public void finish(String token, FinishReason reason, String message) {
        exporter.finish(token, reason, message);
    }
}
