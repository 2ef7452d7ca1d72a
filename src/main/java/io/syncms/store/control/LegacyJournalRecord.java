package io.syncms.store.control;

import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.ReferenceKind;

import java.util.List;

/** A record of the write journal: files written together, or batches declared void by recovery. */
sealed interface LegacyJournalRecord permits LegacyJournalRecord.Batch, LegacyJournalRecord.Voided {

    /**
     * A file of a batch; {@code tempName} is its file in {@code tmp/} until it has been renamed into
     * place (recovery finishes the rename if a crash came first).
     */
    record FileEntry(long seq, ReferenceKind kind, String hash, String type, String idHash, String tempName) {

        LogEntry toLogEntry(long timestamp) {
            return new LogEntry(seq, timestamp, kind, hash, type, idHash);
        }
    }

    /** A version added to the history of {@code idHash} by the version node {@code nodeHash}. */
    record VersionLink(String idHash, String dataHash, String nodeHash, long nodeSeq) {
    }

    /**
     * Files that were created together and become visible together; {@code version} is null unless
     * the batch added a version. Sequence numbers are consecutive within a batch.
     */
    record Batch(long timestamp, List<FileEntry> files, VersionLink version) implements LegacyJournalRecord {

        public Batch {
            files = List.copyOf(files);
            if (files.isEmpty()) {
                throw new IllegalArgumentException("A batch has at least one file");
            }
        }

        long firstSeq() {
            return files.get(0).seq();
        }

        long lastSeq() {
            return files.get(files.size() - 1).seq();
        }
    }

    /**
     * Batches whose files recovery could not complete (possible only after a machine crash or with
     * fsync off); they were never acknowledged and are ignored from here on.
     */
    record Voided(List<Batch> batches) implements LegacyJournalRecord {

        public Voided {
            batches = List.copyOf(batches);
        }
    }
}
