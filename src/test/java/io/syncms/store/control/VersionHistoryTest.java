package io.syncms.store.control;

import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.StoreOptions;
import io.syncms.store.entity.StoreResult;
import io.syncms.store.entity.Version;
import io.syncms.testing.MutableClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.syncms.store.control.StoreFixtures.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionHistoryTest {

    @TempDir
    Path directory;

    private final RecipeRegistry registry = StoreFixtures.registry();
    private final ObjectHashes hashes = new ObjectHashes(registry);
    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_718_000_000_000L));

    private ObjectStore open() {
        return StoreFixtures.open(directory, StoreOptions.defaults().withFsync(false).withClock(clock));
    }

    @Test
    void versionNodesAreTheOnesOfOneCore() {
        VersionNodes nodes = new VersionNodes();

        assertEquals(OneVectors.vector("vne-basic").getString("sha256"), hashes.hashOf(nodes.first(
                "1dfc07867a87b396df1c8ffbf9cd23d4e83f2c7187b9647293c07d4d51aa62d8", 1_718_000_000_000L)));
        assertEquals(OneVectors.vector("vnc-with-prev").getString("sha256"), hashes.hashOf(nodes.next(
                "a36848f007d48f8096f90bcb8110da553e00810bf0056f089a88e8117fe9ddec",
                "4b48af223aa868c46ea2f4ecbb5fbf0dec13a4e33830df0470e2114bb937a544", 3, 1_718_000_000_456L)));
    }

    @Test
    void eachNewVersionAppendsANodeAndMovesTheHead() {
        try (ObjectStore store = open()) {
            StoreResult v1 = store.storeObject(document("plan", 1));
            clock.advance(Duration.ofSeconds(1));
            StoreResult v2 = store.storeObject(document("plan", 2));
            clock.advance(Duration.ofSeconds(1));
            StoreResult v3 = store.storeObject(document("plan", 3));

            String idHash = v1.idHash();
            assertEquals(idHash, v2.idHash());
            List<Version> history = store.versions(idHash);
            assertEquals(List.of(v1.hash(), v2.hash(), v3.hash()), history.stream().map(Version::hash).toList());
            assertEquals(Optional.of(history.get(2)), store.head(idHash));
            assertEquals(List.of(1_718_000_000_000L, 1_718_000_001_000L, 1_718_000_002_000L),
                    history.stream().map(Version::timestamp).toList());

            assertEquals(OneObject.builder("VersionNodeEdge").put("data", v1.hash()).put("depth", 0)
                    .put("creationTime", 1_718_000_000_000L).build(), store.readObject(history.get(0).nodeHash()));
            assertEquals(OneObject.builder("VersionNodeChange").put("prev", history.get(0).nodeHash()).put("data", v2.hash())
                    .put("depth", 1).put("creationTime", 1_718_000_001_000L).build(), store.readObject(history.get(1).nodeHash()));
            assertEquals(OneObject.builder("VersionNodeChange").put("prev", history.get(1).nodeHash()).put("data", v3.hash())
                    .put("depth", 2).put("creationTime", 1_718_000_002_000L).build(), store.readObject(history.get(2).nodeHash()));

            // the version's seq is the one of its node in the write log
            List<LogEntry> log = store.writtenAfter(0, 100);
            for (Version version : history) {
                LogEntry node = log.stream().filter(entry -> entry.seq() == version.seq()).findFirst().orElseThrow();
                assertEquals(version.nodeHash(), node.hash());
            }
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), log.stream().map(LogEntry::seq).toList());
            assertEquals(OneObject.builder(StoreFixtures.DOCUMENT).put("title", "plan").build(), store.readIdObject(idHash));
        }
    }

    @Test
    void restoringAnOlderVersionDoesNotMoveTheHead() {
        try (ObjectStore store = open()) {
            StoreResult v1 = store.storeObject(document("spec", 1));
            clock.advance(Duration.ofMillis(1));
            StoreResult v2 = store.storeObject(document("spec", 2));
            long seq = store.lastSeq();

            StoreResult again = store.storeObject(document("spec", 1));
            StoreResult againAsMicrodata = store.storeMicrodata(store.readMicrodata(v1.hash()));

            assertFalse(again.created());
            assertFalse(againAsMicrodata.created());
            assertEquals(v2.hash(), store.head(v1.idHash()).orElseThrow().hash());
            assertEquals(2, store.versions(v1.idHash()).size());
            assertEquals(seq, store.lastSeq());
        }
    }

    @Test
    void historiesSurviveReopening() {
        List<Version> before;
        String idHash;
        try (ObjectStore store = open()) {
            idHash = store.storeObject(document("memo", 1)).idHash();
            clock.advance(Duration.ofMillis(1));
            store.storeObject(document("memo", 2));
            store.storeObject(document("other", 1));
            before = store.versions(idHash);
        }
        try (ObjectStore store = open()) {
            assertEquals(before, store.versions(idHash));
            assertEquals(before.get(1), store.head(idHash).orElseThrow());
            assertEquals(2, store.idHashes(StoreFixtures.DOCUMENT).size());
            clock.advance(Duration.ofMillis(1));
            StoreResult v3 = store.storeObject(document("memo", 3));
            assertTrue(v3.created());
            Version head = store.head(idHash).orElseThrow();
            assertEquals(v3.hash(), head.hash());
            assertEquals(before.get(1).nodeHash(), store.readObject(head.nodeHash()).get("prev"));
        }
    }
}
