package io.syncms.store.entity;

/**
 * What converting a store of the first layout (one file per object, a journal) did.
 *
 * @param entries        write log entries converted, with their sequence numbers and timestamps
 * @param bytes          content bytes read and verified
 * @param inlined        files moved into the database
 * @param keptAsFiles    large BLOBs and CLOBs kept as files where they were
 * @param batchesSkipped journal batches not converted: voided before, or with a file missing or
 *                       damaged (those files are moved to {@code quarantine/})
 * @param resumed        a conversion that was cut short was resumed
 * @param millis         how long it took
 */
public record MigrationReport(long entries, long bytes, long inlined, long keptAsFiles, long batchesSkipped,
                              boolean resumed, long millis) {
}
