package io.syncms.store.control;

import io.syncms.store.control.LegacyJournalRecord.Batch;
import io.syncms.store.control.LegacyJournalRecord.FileEntry;
import io.syncms.store.control.LegacyJournalRecord.VersionLink;
import io.syncms.store.control.LegacyJournalRecord.Voided;
import io.syncms.store.entity.CorruptJournalException;
import io.syncms.store.entity.ReferenceKind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LegacyJournalTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);

    @TempDir
    Path directory;

    private final Batch versioned = new Batch(1_718_000_000_000L, List.of(
            new FileEntry(7, ReferenceKind.ID, A, "Person", A, "w-1.tmp"),
            new FileEntry(8, ReferenceKind.OBJECT, B, "Person", A, "w-2.tmp"),
            new FileEntry(9, ReferenceKind.OBJECT, C, "VersionNodeEdge", null, "w-3.tmp")),
            new VersionLink(A, B, C, 9));
    private final Batch blob = new Batch(5L, List.of(new FileEntry(10, ReferenceKind.BLOB, C, null, null, "w-4.tmp")), null);

    @Test
    void recordsRoundTripThroughTheCodec() throws IOException {
        LegacyJournalCodec codec = new LegacyJournalCodec();

        assertEquals(versioned, codec.decode(codec.encode(versioned)));
        assertEquals(blob, codec.decode(codec.encode(blob)));
        Voided voided = new Voided(List.of(versioned, blob));
        assertEquals(voided, codec.decode(codec.encode(voided)));
        byte[] surplus = Arrays.copyOf(codec.encode(blob), codec.encode(blob).length + 1);
        assertThrows(IOException.class, () -> codec.decode(surplus));
    }

    @Test
    void appendedRecordsAreReplayedAndReadByOffset() throws IOException {
        Path file = directory.resolve("journal.log");
        long[] first;
        long[] second;
        try (LegacyJournal journal = LegacyJournal.open(file, true)) {
            journal.replay((offset, record) -> {
                throw new AssertionError("a new journal is empty");
            });
            first = journal.append(versioned);
            second = journal.append(blob);
            journal.sync(second[1]);
            assertEquals(first[1], second[0]);
            assertEquals(versioned, journal.read(first[0]).record());
            assertEquals(second[0], journal.read(first[0]).next());
            assertNull(journal.read(second[1]));
        }
        List<Long> offsets = new ArrayList<>();
        List<LegacyJournalRecord> records = new ArrayList<>();
        try (LegacyJournal journal = LegacyJournal.open(file, false)) {
            journal.replay((offset, record) -> {
                offsets.add(offset);
                records.add(record);
            });
        }
        assertEquals(List.of(first[0], second[0]), offsets);
        assertEquals(List.of(versioned, blob), records);
        assertArrayEquals(LegacyJournal.MAGIC, Arrays.copyOf(Files.readAllBytes(file), 8));
    }

    @Test
    void aFileThatIsNotAJournalIsRefused() throws IOException {
        Path file = directory.resolve("journal.log");
        Files.writeString(file, "something else entirely");

        assertThrows(CorruptJournalException.class, () -> LegacyJournal.open(file, false));
    }

    @Test
    void afterAFailedAppendTheJournalTakesNoMoreRecords() throws IOException {
        Path file = directory.resolve("journal.log");
        LegacyJournal journal = LegacyJournal.open(file, false);
        journal.replay((offset, record) -> { });
        journal.append(blob);
        journal.close();

        assertThrows(IOException.class, () -> journal.append(versioned));
        IOException refused = assertThrows(IOException.class, () -> journal.append(blob));
        assertEquals("The journal failed earlier and takes no more records until it is reopened", refused.getMessage());
    }

    @Test
    void aTornRecordIsCutAndAppendsContinueAfterTheLastGoodOne() throws IOException {
        Path file = directory.resolve("journal.log");
        long end;
        try (LegacyJournal journal = LegacyJournal.open(file, false)) {
            journal.replay((offset, record) -> { });
            end = journal.append(versioned)[1];
        }
        byte[] frame = Files.readAllBytes(file);
        // the first 30 bytes of a second copy of the record: a write the crash cut short
        Files.write(file, Arrays.copyOfRange(frame, 8, 38), StandardOpenOption.APPEND);

        try (LegacyJournal journal = LegacyJournal.open(file, false)) {
            List<LegacyJournalRecord> records = new ArrayList<>();
            journal.replay((offset, record) -> records.add(record));
            assertEquals(List.of(versioned), records);
            assertEquals(end, Files.size(file));
            assertEquals(end, journal.append(blob)[0]);
        }
    }
}
