package io.syncms.store.control;

import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreCheckReport;
import io.syncms.store.entity.StoreOptions;
import io.syncms.store.entity.Version;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Durability against {@code kill -9}: a separate JVM ({@link CrashingWriter}) writes from several
 * threads with fsync on and is killed mid-way; every write it acknowledged must then be readable and
 * verified, and the store must be consistent (every log entry has its file, every file has its log
 * entry, histories are whole, nothing is left in {@code tmp/}). Two rounds: the second writes on
 * top of a recovered store.
 */
class ObjectStoreCrashTest {

    private static final int ACKS_BEFORE_KILL = 250;

    @TempDir
    Path directory;

    @TempDir
    Path childOutput;

    @Test
    void acknowledgedWritesSurviveKillDashNine() throws Exception {
        Set<String> acknowledged = new HashSet<>();
        for (int round = 1; round <= 2; round++) {
            acknowledged.addAll(runAndKill(round));
            try (ObjectStore store = new ObjectStore(directory, StoreFixtures.registry(),
                    StoreOptions.defaults().withFsync(false)).open()) {
                for (String ack : acknowledged) {
                    String[] parts = ack.split(" ");
                    assertReadable(store, ReferenceKind.valueOf(parts[0]), parts[1]);
                }
                assertConsistent(store);
            }
        }
        assertTrue(acknowledged.size() >= ACKS_BEFORE_KILL, "acknowledged: " + acknowledged.size());
    }

    private List<String> runAndKill(int round) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // a file, not a pipe: killing the child closes our end of a pipe and loses what was in flight
        Path output = childOutput.resolve("round-" + round + ".out");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), directory.toString(), Integer.toString(round))
                .redirectOutput(output.toFile())
                .redirectError(output.resolveSibling(output.getFileName() + ".err").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acks(output).size() < ACKS_BEFORE_KILL && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
        }
        List<String> acks = acks(output);
        assertTrue(acks.size() >= ACKS_BEFORE_KILL, "the child acknowledged only " + acks.size() + " writes; see " + output);
        return acks;
    }

    /** The complete ACK lines (a line the kill cut short has no full hash). */
    private static List<String> acks(Path output) throws IOException {
        List<String> acks = new ArrayList<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            if (line.matches("ACK [A-Z]+ [0-9a-f]{64}")) {
                acks.add(line.substring(4));
            }
        }
        return acks;
    }

    private static void assertReadable(ObjectStore store, ReferenceKind kind, String hash) throws IOException {
        if (kind == ReferenceKind.BLOB) {
            try (InputStream in = store.openBlob(hash)) {
                assertEquals(store.size(kind, hash), in.readAllBytes().length);
            }
        } else {
            store.readObject(hash);
        }
    }

    private void assertConsistent(ObjectStore store) throws IOException {
        List<LogEntry> log = store.writtenAfter(0, Integer.MAX_VALUE);
        Set<String> logged = new HashSet<>();
        long previous = 0;
        for (LogEntry entry : log) {
            assertTrue(entry.seq() > previous);
            previous = entry.seq();
            assertTrue(logged.add(entry.kind() + " " + entry.hash()), "logged twice: " + entry);
            switch (entry.kind()) {
                case OBJECT -> store.readMicrodata(entry.hash());
                case ID -> store.readIdMicrodata(entry.hash());
                default -> assertReadable(store, entry.kind(), entry.hash());
            }
        }
        StoreCheckReport check = store.check(false);
        assertTrue(check.clean(), "the store is whole: " + check.problems());
        assertEquals(logged.size(), check.items(), "every stored item has its log entry and no entry lacks its item");
        assertEquals(0, check.orphanFiles());
        for (String type : List.of("Person", StoreFixtures.DOCUMENT)) {
            for (String idHash : store.idHashes(type)) {
                assertWholeHistory(store, store.versions(idHash));
            }
        }
    }

    private static void assertWholeHistory(ObjectStore store, List<Version> history) {
        String previousNode = null;
        for (int depth = 0; depth < history.size(); depth++) {
            Version version = history.get(depth);
            OneObject node = store.readObject(version.nodeHash());
            assertEquals(depth == 0 ? "VersionNodeEdge" : "VersionNodeChange", node.type());
            assertEquals(version.hash(), node.get("data"));
            assertEquals((double) depth, node.get("depth"));
            assertEquals(previousNode, node.get("prev"));
            previousNode = version.nodeHash();
        }
    }
}
