package io.syncms.store.control;

import io.syncms.store.control.JournalRecord.Batch;
import io.syncms.store.control.JournalRecord.FileEntry;
import io.syncms.store.entity.CorruptJournalException;
import io.syncms.store.entity.CorruptObjectException;
import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.ObjectNotFoundException;
import io.syncms.store.entity.RecoveryReport;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreOptions;
import io.syncms.store.entity.StoreResult;
import io.syncms.store.entity.StoreUnavailableException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

import static io.syncms.store.control.StoreFixtures.note;
import static io.syncms.store.control.StoreFixtures.person;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreRecoveryTest {

    @TempDir
    Path directory;

    private StoreLayout layout() {
        return new StoreLayout(directory);
    }

    @Test
    void reopeningAfterACleanCloseChecksNothingAndKeepsEverything() {
        List<LogEntry> before;
        try (ObjectStore store = StoreFixtures.open(directory)) {
            store.storeObject(person("a@example.com"));
            store.storeObject(note("x"));
            store.storeBlob(new ByteArrayInputStream(new byte[] {1, 2}));
            before = store.writtenAfter(0, 100);
        }
        try (ObjectStore store = StoreFixtures.open(directory)) {
            assertEquals(new RecoveryReport(5, 0, 0, 0, 0, 0), store.lastRecovery());
            assertEquals(before, store.writtenAfter(0, 100));
            assertEquals(5, store.lastSeq());
            assertEquals(6, store.storeObject(note("y")).seq());
        }
    }

    @Test
    void aTornLastJournalRecordIsCutOff() throws IOException {
        try (ObjectStore store = StoreFixtures.open(directory)) {
            for (int i = 0; i < 3; i++) {
                store.storeObject(note("n" + i));
            }
        }
        long intact = Files.size(layout().journalFile());
        // the start of a record whose write was cut short: its header promises 200 bytes
        byte[] torn = ByteBuffer.allocate(50).putInt(200).putInt(12345).put(new byte[] {1, 1, 2, 3}).array();
        Files.write(layout().journalFile(), torn, StandardOpenOption.APPEND);

        try (ObjectStore store = StoreFixtures.open(directory)) {
            assertEquals(50, store.lastRecovery().tornBytesCut());
            assertEquals(intact, Files.size(layout().journalFile()));
            assertEquals(3, store.lastSeq());
            assertEquals(4, store.storeObject(note("after")).seq());
        }
        try (ObjectStore store = StoreFixtures.open(directory)) {
            assertEquals(4, store.writtenAfter(0, 10).size());
        }
    }

    @Test
    void aTornHeaderAndZeroFilledSpaceAreCutOff() throws IOException {
        try (ObjectStore store = StoreFixtures.open(directory)) {
            store.storeObject(note("n"));
        }
        Files.write(layout().journalFile(), new byte[] {0, 0, 0}, StandardOpenOption.APPEND);
        try (ObjectStore store = StoreFixtures.open(directory)) {
            assertEquals(3, store.lastRecovery().tornBytesCut());
        }
        Files.write(layout().journalFile(), new byte[4096], StandardOpenOption.APPEND);
        try (ObjectStore store = StoreFixtures.open(directory)) {
            assertEquals(4096, store.lastRecovery().tornBytesCut());
            assertEquals(1, store.lastSeq());
        }
    }

    @Test
    void damageInTheMiddleOfTheJournalRefusesToOpen() throws IOException {
        try (ObjectStore store = StoreFixtures.open(directory)) {
            store.storeObject(note("first"));
            store.storeObject(note("second"));
        }
        // a byte inside the payload of the first record
        flipByte(layout().journalFile(), Journal.MAGIC.length + Journal.FRAME_HEADER + 20);

        CorruptJournalException refused = assertThrows(CorruptJournalException.class, () -> StoreFixtures.open(directory));
        assertEquals("OS-JOURNAL1", refused.code());
    }

    @Test
    void aCorruptedFileIsReportedAndNeverServed() throws IOException {
        String noteHash;
        String blobHash;
        byte[] blob = "some binary content".getBytes(StandardCharsets.UTF_8);
        try (ObjectStore store = StoreFixtures.open(directory)) {
            noteHash = store.storeObject(note("precious")).hash();
            blobHash = store.storeBlob(new ByteArrayInputStream(blob)).hash();

            flipByte(layout().file(ReferenceKind.OBJECT, noteHash), 40);
            flipByte(layout().file(ReferenceKind.BLOB, blobHash), 3);

            CorruptObjectException corrupt = assertThrows(CorruptObjectException.class, () -> store.readMicrodata(noteHash));
            assertEquals(noteHash, corrupt.hash());
            assertEquals(ReferenceKind.OBJECT, corrupt.kind());
            assertEquals("OS-CORRUPT1", corrupt.code());
            assertThrows(CorruptObjectException.class, () -> store.readObject(noteHash));
            CorruptObjectException corruptBlob = assertThrows(CorruptObjectException.class, () -> store.openBlob(blobHash));
            assertEquals(blobHash, corruptBlob.hash());
            assertFalse(blobHash.equals(corruptBlob.actualHash()));

            // storing the content again does not repair a file that exists: it is reported, not replaced silently
            assertFalse(store.storeBlob(new ByteArrayInputStream(blob)).created());
        }
    }

    @Test
    void tempFilesLeftByACrashAreDeletedAndNeverVisible() throws IOException {
        try (ObjectStore store = StoreFixtures.open(directory)) {
            store.storeObject(note("kept"));
        }
        Path leftover = layout().tmpDirectory().resolve("w-crashed-1.tmp");
        Files.writeString(leftover, "<div itemscope itemtype=\"//refin.io/Test$No");

        try (ObjectStore store = StoreFixtures.open(directory)) {
            assertEquals(1, store.lastRecovery().tempFilesDeleted());
            assertFalse(Files.exists(leftover));
            assertEquals(1, store.lastSeq());
        }
    }

    @Test
    void aJournaledWriteWhoseRenameWasInterruptedIsCompleted() throws IOException {
        StoreResult stored;
        try (ObjectStore store = StoreFixtures.open(directory)) {
            store.storeObject(note("before"));
            stored = store.storeObject(person("eve@example.com", "Eve"));
        }
        // the state of a crash after the journal append and before the renames of the last batch
        Batch last = batches().get(batches().size() - 1);
        for (FileEntry file : last.files()) {
            Files.move(layout().file(file.kind(), file.hash()), layout().tmpDirectory().resolve(file.tempName()));
        }
        Files.delete(layout().checkpointFile());

        try (ObjectStore store = StoreFixtures.open(directory)) {
            RecoveryReport report = store.lastRecovery();
            assertEquals(2, report.batchesChecked());
            assertEquals(3, report.filesCompleted());
            assertEquals(0, report.batchesVoided());
            assertEquals(0, report.tempFilesDeleted());
            assertTrue(store.readMicrodata(stored.hash()).contains("Eve"));
            assertTrue(store.contains(ReferenceKind.ID, stored.idHash()));
            assertEquals(stored.hash(), store.head(stored.idHash()).orElseThrow().hash());
            assertEquals(4, store.writtenAfter(0, 10).size());
        }
    }

    @Test
    void aBatchWhoseFilesAreLostIsVoidedAndCanBeWrittenAgain() throws IOException {
        StoreResult lost;
        try (ObjectStore store = StoreFixtures.open(directory)) {
            store.storeObject(note("before"));
            lost = store.storeObject(person("frank@example.com"));
        }
        // a machine crash before the write was acknowledged: the node's rename never reached the disk
        Batch last = batches().get(batches().size() - 1);
        FileEntry node = last.files().get(2);
        Files.delete(layout().file(node.kind(), node.hash()));
        Files.delete(layout().checkpointFile());

        try (ObjectStore store = StoreFixtures.open(directory)) {
            assertEquals(1, store.lastRecovery().batchesVoided());
            // the void entries leave a gap: the high-water mark stays
            assertEquals(4, store.lastSeq());
            assertEquals(1, store.writtenAfter(0, 10).size());
            assertFalse(store.contains(ReferenceKind.OBJECT, lost.hash()));
            assertFalse(store.contains(ReferenceKind.ID, lost.idHash()));
            assertTrue(store.head(lost.idHash()).isEmpty());
            assertTrue(store.idHashes("Person").isEmpty());

            StoreResult again = store.storeObject(person("frank@example.com"));
            assertTrue(again.created());
            assertEquals(6, again.seq());
        }
        try (ObjectStore store = StoreFixtures.open(directory)) {
            assertEquals(List.of(1L, 5L, 6L, 7L), store.writtenAfter(0, 10).stream().map(LogEntry::seq).toList());
            assertEquals(lost.hash(), store.head(lost.idHash()).orElseThrow().hash());
            assertEquals(1, store.versions(lost.idHash()).size());
            assertEquals(new RecoveryReport(7, 0, 0, 0, 0, 0), store.lastRecovery());
        }
    }

    @Test
    void aCheckpointBoundsTheFilesCheckedAfterACrash() throws IOException {
        try (ObjectStore store = StoreFixtures.open(directory,
                StoreOptions.defaults().withFsync(false).withCheckpointInterval(10))) {
            for (int i = 0; i < 25; i++) {
                store.storeObject(note("n" + i));
            }
        }
        assertEquals(25, ByteBuffer.wrap(Files.readAllBytes(layout().checkpointFile())).getLong());
        // as after a crash at entry 25: the last periodic checkpoint was the one at 20
        Files.write(layout().checkpointFile(), checkpointAt(20));

        try (ObjectStore store = StoreFixtures.open(directory)) {
            assertEquals(20, store.lastRecovery().checkpointSeq());
            assertEquals(5, store.lastRecovery().batchesChecked());
        }
    }

    @Test
    void blobsSurviveReopening() throws IOException {
        byte[] content = new byte[100_000];
        new Random(3).nextBytes(content);
        String hash;
        try (ObjectStore store = StoreFixtures.open(directory)) {
            hash = store.storeBlob(new ByteArrayInputStream(content)).hash();
        }
        try (ObjectStore store = StoreFixtures.open(directory)) {
            try (var in = store.openBlob(hash)) {
                assertArrayEquals(content, in.readAllBytes());
            }
            assertThrows(ObjectNotFoundException.class, () -> store.openClob(hash));
        }
    }

    @Test
    void aWriteThatFailsAfterItWasJournaledStopsWritesUntilReopenedAndIsThenCompleted() throws IOException {
        ObjectHashes hashes = new ObjectHashes(StoreFixtures.registry());
        String hash = hashes.hashOf(note("blocked"));
        String other;
        // a regular file where the fan-out directory of the hash must go: the rename fails
        Path blocker = layout().kindDirectory(ReferenceKind.OBJECT).resolve(hash.substring(0, 2));
        try (ObjectStore store = StoreFixtures.open(directory)) {
            other = store.storeObject(note("fine")).hash();
            Files.writeString(blocker, "in the way");

            StoreUnavailableException failed = assertThrows(StoreUnavailableException.class, () -> store.storeObject(note("blocked")));

            assertEquals("OS-FAILED1", failed.code());
            assertEquals("OS-FAILED1", assertThrows(StoreUnavailableException.class,
                    () -> store.storeBlob(new ByteArrayInputStream(new byte[] {1}))).code());
            assertTrue(store.readMicrodata(other).contains("fine"));
            assertFalse(store.contains(ReferenceKind.OBJECT, hash));
            assertEquals(1, store.lastSeq());
        }
        Files.delete(blocker);

        try (ObjectStore store = StoreFixtures.open(directory)) {
            assertEquals(1, store.lastRecovery().filesCompleted());
            assertTrue(store.readMicrodata(hash).contains("blocked"));
            assertEquals(List.of(other, hash), store.writtenAfter(0, 10).stream().map(LogEntry::hash).toList());
            assertTrue(store.storeObject(note("writes work again")).created());
        }
    }

    private List<Batch> batches() throws IOException {
        List<Batch> batches = new ArrayList<>();
        try (Journal journal = Journal.open(layout().journalFile(), false)) {
            journal.replay((offset, record) -> {
                if (record instanceof Batch batch) {
                    batches.add(batch);
                }
            });
        }
        return batches;
    }

    private static byte[] checkpointAt(long seq) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(seq).flip());
        return ByteBuffer.allocate(12).putLong(seq).putInt((int) crc.getValue()).array();
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x5a));
            one.rewind();
            channel.write(one, position);
        }
    }
}
