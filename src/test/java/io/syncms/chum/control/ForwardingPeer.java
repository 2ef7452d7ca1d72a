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

/** A peer that passes every call on; tests override what they record, change or break. */
class ForwardingPeer implements ChumPeer {

    private final ChumPeer target;

    ForwardingPeer(ChumPeer target) {
        this.target = target;
    }

    @Override
    public Challenge challenge(String importerNonce) {
        return target.challenge(importerNonce);
    }

    @Override
    public HandshakeGrant handshake(HandshakeRequest request) {
        return target.handshake(request);
    }

    @Override
    public ChangePage changesAfter(String token, long afterSeq, int limit) {
        return target.changesAfter(token, afterSeq, limit);
    }

    @Override
    public ChangePage nextChanges(String token, String cursor, int limit) {
        return target.nextChanges(token, cursor, limit);
    }

    @Override
    public List<ObjectBody> fetchObjects(String token, List<ClosureEntry> entries) {
        return target.fetchObjects(token, entries);
    }

    @Override
    public void fetchContent(String token, ReferenceKind kind, List<String> hashes, ContentSink sink) {
        target.fetchContent(token, kind, hashes, sink);
    }

    @Override
    public ChangeNotice waitForChanges(String token, long afterSeq, long timeoutMillis) {
        return target.waitForChanges(token, afterSeq, timeoutMillis);
    }

    @Override
    public void finish(String token, FinishReason reason, String message) {
        target.finish(token, reason, message);
    }
}
