package io.syncms.store.entity;

import java.util.Objects;

/**
 * One version in the history of an ID hash.
 *
 * @param hash      the object hash of the version
 * @param nodeHash  the hash of the version node (VersionNodeEdge or VersionNodeChange) that added it
 * @param seq       the write log sequence number of that version node
 * @param timestamp the node's creationTime, epoch milliseconds
 */
public record Version(String hash, String nodeHash, long seq, long timestamp) {

    public Version {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(nodeHash, "nodeHash");
    }
}
