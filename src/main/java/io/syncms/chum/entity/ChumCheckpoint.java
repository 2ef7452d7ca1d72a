package io.syncms.chum.entity;

import java.time.Instant;
import java.util.Objects;

/**
 * How far an import got: everything the remote instance had written up to {@code remoteSeq} that the
 * local person may see there is stored locally. The next Chum asks only for what came after it.
 *
 * @param remoteSeq        a sequence number of the remote write log
 * @param remoteStoreEpoch identifies the remote store the number belongs to; a remote store that was
 *                         replaced has another epoch, and the checkpoint no longer counts
 * @param savedAt          when it was written
 * @param localQuarantined how many items the local store had put in quarantine when the round began:
 *                         once it has more, items stored before may be missing again, and the next
 *                         Chum lists everything so that they arrive anew
 */
public record ChumCheckpoint(long remoteSeq, String remoteStoreEpoch, Instant savedAt, long localQuarantined) {

    public ChumCheckpoint(long remoteSeq, String remoteStoreEpoch, Instant savedAt) {
        this(remoteSeq, remoteStoreEpoch, savedAt, 0);
    }

    public ChumCheckpoint {
        if (remoteSeq < 0) {
            throw new IllegalArgumentException("remoteSeq must not be negative: " + remoteSeq);
        }
        Objects.requireNonNull(remoteStoreEpoch, "remoteStoreEpoch");
        Objects.requireNonNull(savedAt, "savedAt");
    }
}
