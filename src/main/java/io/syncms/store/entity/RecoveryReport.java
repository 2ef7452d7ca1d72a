package io.syncms.store.entity;

/**
 * What {@code open()} found and repaired.
 *
 * @param checkpointSeq    files of journal entries up to here were known to be in place
 * @param batchesChecked   journal batches after the checkpoint whose files were checked
 * @param filesCompleted   files whose rename from {@code tmp/} a crash had interrupted, now done
 * @param batchesVoided    batches whose files were lost (never acknowledged), now ignored
 * @param tempFilesDeleted left-over temp files of unfinished writes, deleted
 * @param tornBytesCut     bytes of a torn last journal record, cut off
 */
public record RecoveryReport(long checkpointSeq, int batchesChecked, int filesCompleted, int batchesVoided,
                             int tempFilesDeleted, long tornBytesCut) {
}
