package io.syncms.chum.entity;

import java.time.Instant;

/**
 * Everything the remote person-view held when the Chum started has been received and stored.
 *
 * @param remoteSeq  the remote write-log sequence number the import covered (the "timestamp" of the
 *                   full synchronization)
 * @param achievedAt when it was achieved, local clock
 */
public record FullSync(long remoteSeq, Instant achievedAt) {
}
