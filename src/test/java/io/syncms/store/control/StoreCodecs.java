package io.syncms.store.control;

import io.syncms.store.entity.CorruptJournalException;
import io.syncms.store.entity.LogEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The store's decoders of what it reads back from disk, for the fuzz tests (they live in another package). */
public final class StoreCodecs {

    private StoreCodecs() {
    }

    /**
     * Decodes the bytes as every kind of database value; each either decodes or throws
     * {@link IllegalArgumentException}. A log entry that decodes encodes back to the same bytes.
     */
    public static void decodeDatabaseValues(byte[] bytes) {
        try {
            LogEntry entry = LogRecords.decode(7, bytes);
            byte[] again = LogRecords.encode(entry);
            if (!java.util.Arrays.equals(again, bytes)) {
                throw new AssertionError("a decoded log entry encodes to other bytes: " + entry);
            }
        } catch (IllegalArgumentException expected) {
            // refused as malformed
        }
        try {
            VersionRecords.decodeInfo(bytes);
        } catch (IllegalArgumentException expected) {
            // refused as malformed
        }
        try {
            VersionRecords.decodeVersion(bytes);
        } catch (IllegalArgumentException expected) {
            // refused as malformed
        }
        try {
            ContentValue.decode(bytes);
        } catch (IllegalArgumentException expected) {
            // refused as malformed
        }
    }

    /**
     * Replays the bytes as a journal of the first layout, as a conversion does when the store is opened:
     * it replays, or refuses with {@link CorruptJournalException}.
     */
    public static void replayLegacyJournal(byte[] bytes, Path file) throws IOException {
        Files.write(file, bytes);
        try (LegacyJournal journal = LegacyJournal.open(file, false)) {
            journal.replay((offset, record) -> {
            });
        } catch (CorruptJournalException expected) {
            // refused as damaged beyond a torn tail
        }
    }
}
