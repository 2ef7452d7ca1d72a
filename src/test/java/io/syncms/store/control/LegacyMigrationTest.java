package io.syncms.store.control;

import io.syncms.store.control.LegacyStoreWriter.Fate;
import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.MigrationReport;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.QuarantinedItem;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreCheckReport;
import io.syncms.store.entity.StoreOptions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.syncms.store.control.StoreFixtures.document;
import static io.syncms.store.control.StoreFixtures.note;
import static io.syncms.store.control.StoreFixtures.person;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Converting a store of the first layout: nothing lost, nothing renumbered, and safe to kill. */
class LegacyMigrationTest {

    private static final StoreOptions OPTIONS = StoreOptions.defaults().withFsync(false);

    @TempDir
    Path directory;

    @TempDir
    Path childOutput;

    @Test
    void everyEntryKeepsItsNumberTimestampAndVersionAndTheStoreItsEpoch() throws IOException {
        byte[] large = new byte[OPTIONS.inlineLimit() + 1];
        new Random(1).nextBytes(large);
        String docId = new ObjectHashes(StoreFixtures.registry()).idHashOf(document("plan", 1));
        String smallBlob;
        String largeBlob;
        String damagedNote;
        List<LogEntry> expected;
        List<io.syncms.store.entity.Version> expectedVersions;
        try (LegacyStoreWriter legacy = new LegacyStoreWriter(directory)) {
            legacy.object(person("a@example.com"));
            legacy.object(note("first"));
            for (int revision = 1; revision <= 3; revision++) {
                legacy.object(document("plan", revision));
            }
            smallBlob = legacy.content(ReferenceKind.BLOB, new byte[] {1, 2, 3});
            largeBlob = legacy.content(ReferenceKind.BLOB, large);
            legacy.content(ReferenceKind.CLOB, "text ✓".getBytes(StandardCharsets.UTF_8));
            legacy.next(Fate.LEFT_IN_TMP).object(note("its rename was cut short"));
            legacy.next(Fate.LOST).object(note("lost before it was acknowledged"));
            legacy.object(note("voided")).length();
            legacy.voidLastBatch();
            damagedNote = legacy.next(Fate.DAMAGED).object(note("damaged on disk"));
            legacy.object(document("plan", 4));
            expected = legacy.expectedLog();
            expectedVersions = legacy.expectedVersions(docId);
        }
        long highestOldSeq;
        try (ObjectStore store = new ObjectStore(directory, StoreFixtures.registry(), OPTIONS).open()) {
            MigrationReport report = store.lastRecovery().migration();
            assertNotNull(report);
            assertEquals(expected.size(), report.entries());
            assertEquals(3, report.batchesSkipped(), "lost, voided and damaged");
            assertEquals(1, report.keptAsFiles());
            assertFalse(report.resumed());

            assertEquals(expected, store.writtenAfter(0, 1000), "the same entries, numbers and timestamps");
            assertEquals(4, expectedVersions.size());
            assertEquals(expectedVersions, store.versions(docId), "the same version nodes");
            assertEquals(expected.get(0).hash() + "@" + expected.get(0).timestamp(), store.epoch(),
                    "the epoch the old store had, so peers' checkpoints stay valid");
            for (LogEntry entry : expected) {
                if (entry.kind() == ReferenceKind.OBJECT) {
                    store.readObject(entry.hash());
                }
            }
            try (InputStream in = store.openBlob(largeBlob)) {
                assertArrayEquals(large, in.readAllBytes());
            }
            assertEquals(List.of(damagedNote), store.quarantine(10).stream().map(QuarantinedItem::hash).toList());
            StoreCheckReport check = store.check(false);
            assertTrue(check.clean(), check.problems().toString());

            StoreLayout layout = new StoreLayout(directory);
            assertFalse(Files.exists(layout.kindDirectory(ReferenceKind.OBJECT)));
            assertFalse(Files.exists(layout.kindDirectory(ReferenceKind.ID)));
            assertFalse(Files.exists(layout.journalDirectory()));
            assertFalse(Files.exists(layout.file(ReferenceKind.BLOB, smallBlob)), "moved into the database");
            assertTrue(Files.isRegularFile(layout.file(ReferenceKind.BLOB, largeBlob)), "large BLOBs stay files");
            highestOldSeq = expected.get(expected.size() - 1).seq();
            long next = store.storeObject(note("new")).seq();
            assertEquals(highestOldSeq + 1, next);
        }
        try (ObjectStore store = new ObjectStore(directory, StoreFixtures.registry(), OPTIONS).open()) {
            assertNull(store.lastRecovery().migration(), "converted once");
            assertEquals(expected.size() + 1, store.writtenAfter(0, 1000).size());
        }
    }

    @Test
    void numbersOfBatchesSkippedForDamageAreNeverGivenOutAgain() throws IOException {
        try (LegacyStoreWriter legacy = new LegacyStoreWriter(directory)) {
            legacy.object(note("kept"));
            legacy.next(Fate.DAMAGED).object(note("seen by peers, then damaged"));
        }
        try (ObjectStore store = new ObjectStore(directory, StoreFixtures.registry(), OPTIONS).open()) {
            assertEquals(2, store.lastSeq());
            assertEquals(3, store.storeObject(note("new")).seq());
        }
    }

    /**
     * A separate JVM converts a store of 30,000 entries and is killed with SIGKILL after its first
     * progress report; the database then holds part of it. Opening again resumes and ends with exactly
     * what a conversion in one go yields.
     */
    @Test
    void aConversionKilledHalfWayResumesAndLosesNothing() throws Exception {
        List<LogEntry> expected;
        try (LegacyStoreWriter legacy = new LegacyStoreWriter(directory)) {
            for (int i = 0; i < 10_000; i++) {
                legacy.object(person("p" + i + "@example.com"));
            }
            expected = legacy.expectedLog();
        }
        assertEquals(30_000, expected.size(), "ID object, object and version node per person");

        killDuringConversion();

        try (StoreDatabase db = StoreDatabase.open(new StoreLayout(directory).databaseDirectory(), false, 1 << 20)) {
            byte[] progress = db.get(db.index(), StoreKeys.meta("migration.seq"));
            assertNotNull(progress, "the child converted something before it died");
            long converted = ByteBuffer.wrap(progress).getLong();
            assertTrue(converted > 0 && converted < expected.size(), "killed half way: " + converted);
            assertNull(db.get(db.index(), StoreKeys.meta("migration.done")));
        }
        assertTrue(Files.exists(new StoreLayout(directory).journalFile()), "the old store is untouched until the end");

        try (ObjectStore store = new ObjectStore(directory, StoreFixtures.registry(), OPTIONS).open()) {
            assertTrue(store.lastRecovery().migration().resumed());
            assertEquals(expected, store.writtenAfter(0, 100_000));
            StoreCheckReport check = store.check(false);
            assertTrue(check.clean(), check.problems().toString());
            assertEquals(expected.size(), check.items());
            OneObject last = person("p9999@example.com");
            assertEquals(1, store.versions(new ObjectHashes(StoreFixtures.registry()).idHashOf(last)).size());
        }
    }

    private void killDuringConversion() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path log = childOutput.resolve("convert.err");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ConvertingChild.class.getName(), directory.toString())
                .redirectOutput(childOutput.resolve("convert.out").toFile())
                .redirectError(log.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (child.isAlive() && System.nanoTime() < deadline && !Files.readString(log).contains("entries done")) {
                Thread.sleep(2);
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
        }
        assertTrue(Files.readString(log).contains("entries done"), "no progress seen; see " + log);
    }
}
