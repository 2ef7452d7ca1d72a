package io.syncms.store.entity;

/**
 * What {@code open()} found. The database itself replays its write-ahead log; a write is in it as a
 * whole or not at all.
 *
 * @param cleanShutdown    the store was closed properly last time
 * @param epochRenewed     it was not, with fsync off: writes peers saw may be lost, so the store
 *                         started a new epoch and peers list it anew
 * @param epoch            the store's epoch now
 * @param lastSeq          the newest write log sequence number
 * @param tempFilesDeleted left-over temp files of unfinished large writes, deleted
 * @param migration        what converting a store of the first layout did, null if there was none
 */
public record RecoveryReport(boolean cleanShutdown, boolean epochRenewed, String epoch, long lastSeq,
                             int tempFilesDeleted, MigrationReport migration) {
}
