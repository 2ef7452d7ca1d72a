package io.syncms.store.entity;

import java.util.Objects;

/**
 * One file the store created, in the write log.
 *
 * @param seq       per-store sequence number, strictly increasing in log order (gaps are possible)
 * @param timestamp when it was written, epoch milliseconds
 * @param kind      what the file holds
 * @param hash      its name, the SHA-256 of its content
 * @param type      the ONE type of an object or ID object, null for BLOBs and CLOBs
 * @param idHash    the ID hash of a versioned object (equal to {@code hash} for an ID object), else null
 */
public record LogEntry(long seq, long timestamp, ReferenceKind kind, String hash, String type, String idHash) {

    public LogEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hash, "hash");
    }
}
