package io.syncms.chum.entity;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of a Chum on one side ({@code GET /api/chums/{id}}).
 *
 * @param id             the Chum's id (the same on both sides)
 * @param role           whether this side started it
 * @param options        what it was asked to do (from this side's point of view)
 * @param state          where it is
 * @param fullSync       when full synchronization was achieved, null until then
 * @param sent           what this side's exporter sent to the other side
 * @param received       what this side's importer received and stored
 * @param exists         entries offered to this side's importer that it already had
 * @param progress       the importer's progress
 * @param errors         what went wrong, oldest first
 * @param logHash        the hash of the stored Chum log object once it ended, else null
 * @param startedAt      when this side started it
 * @param endedAt        when it ended, null while running
 * @param traceId        the W3C trace id the Chum belongs to on both instances
 */
public record ChumStatus(String id, ChumRole role, ChumOptions options, ChumState state, FullSync fullSync,
                         TransferCounts sent, TransferCounts received, long exists, ChumProgress progress,
                         List<ChumError> errors, String logHash, Instant startedAt, Instant endedAt, String traceId) {

    public ChumStatus {
        errors = List.copyOf(errors);
    }

    public boolean fullSyncAchieved() {
        return fullSync != null;
    }
}
