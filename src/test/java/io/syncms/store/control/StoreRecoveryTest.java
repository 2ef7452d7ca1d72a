package io.syncms.store.control;

import io.syncms.store.entity.CorruptObjectException;
import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.ObjectNotFoundException;
import io.syncms.store.entity.QuarantinedItem;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreCheckReport;
import io.syncms.store.entity.StoreOptions;
import io.syncms.store.entity.StoreResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import static io.syncms.store.control.StoreFixtures.note;
import static io.syncms.store.control.StoreFixtures.person;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reopening, epochs, damage on disk, quarantine and healing, and the store check. */
class StoreRecoveryTest {

    /** Small enough that the test BLOBs are kept as files. */
    private static final StoreOptions FILES_FROM_16_BYTES = StoreOptions.defaults().withFsync(false).withInlineLimit(16);

    @TempDir
    Path directory;

    private StoreLayout layout() {
        return new StoreLayout(directory);
    }

    @Test
    void reopeningAfterACleanCloseKeepsEverythingAndTheEpoch() {
        List<LogEntry> before;
        String epoch;
        try (ObjectStore store = StoreFixtures.open(directory)) {
            store.storeObject(person("a@example.com"));
            store.storeObject(note("x"));
            store.storeBlob(new ByteArrayInputStream(new byte[] {1, 2}));
            before = store.writtenAfter(0, 100);
            epoch = store.epoch();
        }
        try (ObjectStore store = StoreFixtures.open(directory)) {
            assertTrue(store.lastRecovery().cleanShutdown());
            assertFalse(store.lastRecovery().epochRenewed());
            assertEquals(epoch, store.epoch());
            assertEquals(before, store.writtenAfter(0, 100));
            assertEquals(5, store.lastSeq());
            assertEquals(6, store.storeObject(note("y")).seq());
        }
    }

    @Test
    void anUncleanShutdownWithFsyncOffStartsANewEpochButWithFsyncOnKeepsIt() throws IOException {
        String epoch;
        try (ObjectStore store = StoreFixtures.open(directory, StoreOptions.defaults())) {
            store.storeObject(note("x"));
            epoch = store.epoch();
        }
        markOpen();
        try (ObjectStore store = StoreFixtures.open(directory, StoreOptions.defaults())) {
            assertFalse(store.lastRecovery().cleanShutdown());
            assertFalse(store.lastRecovery().epochRenewed(), "with fsync on nothing acknowledged is lost");
            assertEquals(epoch, store.epoch());
        }
        markOpen();
        try (ObjectStore store = StoreFixtures.open(directory, StoreOptions.defaults().withFsync(false))) {
            assertFalse(store.lastRecovery().cleanShutdown());
            assertTrue(store.lastRecovery().epochRenewed());
            assertNotEquals(epoch, store.epoch());
            assertEquals(1, store.lastSeq(), "the log itself is kept");
        }
    }

    /** What a process killed while the store was open leaves behind: the open marker. */
    private void markOpen() throws IOException {
        try (StoreDatabase db = StoreDatabase.open(layout().databaseDirectory(), true, 1 << 20);
             WriteBatch batch = new WriteBatch()) {
            batch.put(db.index(), StoreKeys.meta("open"), new byte[] {1});
            db.writeDurably(batch);
        } catch (org.rocksdb.RocksDBException e) {
            throw new IOException(e);
        }
    }

    @Test
    void damagedContentIsQuarantinedNeverServedAndHealsWhenItArrivesAgain() throws IOException {
        String noteHash;
        try (ObjectStore store = StoreFixtures.open(directory)) {
            noteHash = store.storeObject(note("precious")).hash();
        }
        overwrite(ReferenceKind.OBJECT, noteHash, "<div>not what was stored</div>".getBytes(StandardCharsets.UTF_8));

        try (ObjectStore store = StoreFixtures.open(directory)) {
            List<String> observed = new java.util.concurrent.CopyOnWriteArrayList<>();
            store.observe(new StoreObserver() {
                @Override
                public void committed(int requests, long bytes, long nanos) {
                    observed.add("commit of " + requests + (bytes > 0 && nanos > 0 ? "" : " without bytes or time"));
                }

                @Override
                public void corrupt(ReferenceKind kind) {
                    observed.add("corrupt " + kind);
                }
            });
            CorruptObjectException corrupt = assertThrows(CorruptObjectException.class, () -> store.readMicrodata(noteHash));
            assertEquals(noteHash, corrupt.hash());
            assertEquals(ReferenceKind.OBJECT, corrupt.kind());
            assertEquals("OS-CORRUPT1", corrupt.code());
            assertFalse(store.contains(ReferenceKind.OBJECT, noteHash), "quarantined: it counts as missing");
            assertEquals(1, store.quarantinedCount());
            assertThrows(ObjectNotFoundException.class, () -> store.readMicrodata(noteHash));

            StoreResult healed = store.storeObject(note("precious"));

            assertTrue(healed.created());
            assertEquals(2, healed.seq(), "a new log entry tells peers it is there again");
            assertTrue(store.readMicrodata(noteHash).contains("precious"));
            assertTrue(store.check(false).clean());
            assertEquals(List.of("corrupt OBJECT", "commit of 1", "commit of 1"), observed,
                    "the damaged read, its quarantine record, the healing write");
        }
    }

    @Test
    void aMissingOrDamagedLargeFileIsQuarantinedAndHealsFromTheSameContent() throws IOException {
        byte[] first = "the first large blob, kept as a file".getBytes(StandardCharsets.UTF_8);
        byte[] second = "the second large blob, kept as a file".getBytes(StandardCharsets.UTF_8);
        String firstHash;
        String secondHash;
        try (ObjectStore store = StoreFixtures.open(directory, FILES_FROM_16_BYTES)) {
            firstHash = store.storeBlob(new ByteArrayInputStream(first)).hash();
            secondHash = store.storeBlob(new ByteArrayInputStream(second)).hash();
            assertTrue(Files.isRegularFile(layout().file(ReferenceKind.BLOB, firstHash)));

            Files.delete(layout().file(ReferenceKind.BLOB, firstHash));
            flipByte(layout().file(ReferenceKind.BLOB, secondHash), 3);

            assertThrows(ObjectNotFoundException.class, () -> store.openBlob(firstHash));
            CorruptObjectException corrupt = assertThrows(CorruptObjectException.class, () -> store.openBlob(secondHash));
            assertNotEquals(secondHash, corrupt.actualHash());
            assertFalse(store.contains(ReferenceKind.BLOB, firstHash));
            assertFalse(store.contains(ReferenceKind.BLOB, secondHash));
            assertEquals(2, store.quarantinedCount());
            assertEquals(1, countFiles(layout().quarantineDirectory()), "the damaged file is kept aside for a look");

            assertTrue(store.storeBlob(new ByteArrayInputStream(first), firstHash).created());
            assertTrue(store.storeBlob(new ByteArrayInputStream(second), secondHash).created());
            try (InputStream in = store.openBlob(secondHash)) {
                assertArrayEquals(second, in.readAllBytes());
            }
        }
    }

    @Test
    void aCheckFindsDamageAndDanglingReferencesAndRepairPutsTheDamageInQuarantine() throws IOException {
        String blobHash;
        String fileHash;
        String noteHash;
        try (ObjectStore store = StoreFixtures.open(directory, FILES_FROM_16_BYTES)) {
            blobHash = store.storeBlob(new ByteArrayInputStream(new byte[] {1, 2, 3})).hash();
            fileHash = store.storeBlob(new ByteArrayInputStream(new byte[100])).hash();
            noteHash = store.storeObject(io.syncms.store.entity.OneObject.builder(StoreFixtures.NOTE).put("text", "with attachment").put("attachment", blobHash).build()).hash();
            store.storeObject(note("healthy"));
            StoreCheckReport clean = store.check(false);
            assertTrue(clean.clean(), clean.problems().toString());
            assertEquals(4, clean.items());
        }
        overwrite(ReferenceKind.BLOB, blobHash, new byte[] {9, 9, 9});
        Files.write(layout().file(ReferenceKind.BLOB, fileHash), new byte[100], StandardOpenOption.APPEND);
        Path orphan = layout().file(ReferenceKind.BLOB, "ab".repeat(32));
        Files.createDirectories(orphan.getParent());
        Files.write(orphan, new byte[50]);

        try (ObjectStore store = StoreFixtures.open(directory, FILES_FROM_16_BYTES)) {
            StoreCheckReport found = store.check(false);
            assertFalse(found.clean());
            assertEquals(1, found.damaged());
            assertEquals(1, found.missingFiles());
            assertEquals(1, found.orphanFiles());
            assertEquals(0, found.repaired());
            assertTrue(store.contains(ReferenceKind.BLOB, blobHash), "a check without repair changes nothing");

            StoreCheckReport repaired = store.check(true);
            assertEquals(2, repaired.repaired(), "the two damaged items; the orphan is younger than an hour");
            assertEquals(List.of(blobHash, fileHash).stream().sorted().toList(),
                    repaired.quarantined().stream().map(QuarantinedItem::hash).sorted().toList());

            StoreCheckReport after = store.check(false);
            assertEquals(0, after.damaged());
            assertEquals(1, after.danglingReferences(), "the note's attachment is gone until it arrives again");
            assertEquals(2, after.logWithoutContent());
            assertTrue(after.problems().get(0).contains(noteHash), after.problems().toString());

            store.storeBlob(new ByteArrayInputStream(new byte[] {1, 2, 3}));
            store.storeBlob(new ByteArrayInputStream(new byte[100]));
            assertTrue(store.check(false).clean());
        }
    }

    @Test
    void tempFilesLeftByACrashAreDeletedAndNeverVisible() throws IOException {
        try (ObjectStore store = StoreFixtures.open(directory)) {
            store.storeObject(note("kept"));
        }
        Path leftover = layout().tmpDirectory().resolve("w-crashed-1.tmp");
        Files.writeString(leftover, "half of a large blob");

        try (ObjectStore store = StoreFixtures.open(directory)) {
            assertEquals(1, store.lastRecovery().tempFilesDeleted());
            assertFalse(Files.exists(leftover));
            assertEquals(1, store.lastSeq());
        }
    }

    @Test
    void aLargeWriteWhoseFileCannotBePlacedFailsAloneAndTheStoreGoesOn() throws IOException {
        byte[] large = "a blob that goes to a file of its own".getBytes(StandardCharsets.UTF_8);
        String hash = ObjectHashes.sha256Hex(large);
        try (ObjectStore store = StoreFixtures.open(directory, FILES_FROM_16_BYTES)) {
            // a regular file where the fan-out directory of the hash must go: the rename fails
            Path blocker = layout().kindDirectory(ReferenceKind.BLOB).resolve(hash.substring(0, 2));
            Files.createDirectories(blocker.getParent());
            Files.writeString(blocker, "in the way");

            assertThrows(RuntimeException.class, () -> store.storeBlob(new ByteArrayInputStream(large)));

            assertFalse(store.contains(ReferenceKind.BLOB, hash));
            assertTrue(store.takesWrites());
            assertTrue(store.storeObject(note("writes go on")).created());
            assertEquals(0, countFiles(layout().tmpDirectory()), "the staged file is not left behind");
            Files.delete(blocker);
            assertTrue(store.storeBlob(new ByteArrayInputStream(large)).created());
        }
    }

    @Test
    void largeContentIsStreamedToAFileAndSmallContentStaysInTheDatabase() throws IOException {
        byte[] small = new byte[16];
        byte[] large = new byte[17];
        Arrays.fill(large, (byte) 7);
        try (ObjectStore store = StoreFixtures.open(directory, FILES_FROM_16_BYTES)) {
            String smallHash = store.storeBlob(new ByteArrayInputStream(small)).hash();
            String largeHash = store.storeClob(new ByteArrayInputStream(large)).hash();

            assertFalse(Files.exists(layout().file(ReferenceKind.BLOB, smallHash)));
            assertTrue(Files.isRegularFile(layout().file(ReferenceKind.CLOB, largeHash)));
            assertEquals(16, store.size(ReferenceKind.BLOB, smallHash));
            assertEquals(17, store.size(ReferenceKind.CLOB, largeHash));
        }
        try (ObjectStore store = StoreFixtures.open(directory, FILES_FROM_16_BYTES);
             InputStream in = store.openClob(ObjectHashes.sha256Hex(large))) {
            assertArrayEquals(large, in.readAllBytes());
        }
    }

    /** Replaces stored content behind the store's back, as damage on disk would. */
    private void overwrite(ReferenceKind kind, String hash, byte[] content) throws IOException {
        try (StoreDatabase db = StoreDatabase.open(layout().databaseDirectory(), false, 1 << 20);
             WriteBatch batch = new WriteBatch()) {
            batch.put(db.content(), StoreKeys.content(kind, hash), ContentValue.inline(content).encode());
            db.write(batch);
        } catch (org.rocksdb.RocksDBException e) {
            throw new IOException(e);
        }
    }

    private static long countFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (var files = Files.list(directory)) {
            return files.count();
        }
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
