package io.syncms.chum.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instances in one JVM, reachable by made-up URLs: each registers the peer through which others
 * reach it (usually an {@link InMemoryChumPeer} of its exporter).
 */
public final class InMemoryChumNetwork implements ChumConnector {

    private final Map<String, ChumPeer> peers = new ConcurrentHashMap<>();

    /** Makes the peer reachable under the URL (replacing what was there). */
    public void register(String url, ChumPeer peer) {
        peers.put(url, peer);
    }

    @Override
    public ChumPeer connect(String url) {
        ChumPeer peer = peers.get(url);
        if (peer == null) {
            throw new IllegalStateException("Nothing listens at " + url);
        }
        return peer;
    }
}
