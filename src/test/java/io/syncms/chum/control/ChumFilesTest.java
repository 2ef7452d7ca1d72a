package io.syncms.chum.control;

import io.syncms.chum.entity.CheckpointKey;
import io.syncms.chum.entity.ChumCheckpoint;
import io.syncms.chum.entity.TrustedPeer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Chum's small files beside the store: trusted peers and checkpoints. */
class ChumFilesTest {

    private static final String ALICE = "a".repeat(64);
    private static final String BOB = "b".repeat(64);
    private static final String KEY_1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_2 = Base64.getEncoder().encodeToString(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

    @TempDir
    Path directory;

    @Test
    void trustedPeersSurviveAReopenAndARegistrationReplacesTheSamePerson() {
        TrustedPeers peers = TrustedPeers.inStoreDirectory(directory);
        peers.register(new TrustedPeer(BOB, KEY_1, "http://127.0.0.1:8092"));
        peers.register(new TrustedPeer(ALICE, KEY_1, "http://127.0.0.1:8091"));
        peers.register(new TrustedPeer(BOB, KEY_2, "http://127.0.0.1:9092"));

        TrustedPeers reopened = TrustedPeers.inStoreDirectory(directory);

        assertEquals(List.of(new TrustedPeer(ALICE, KEY_1, "http://127.0.0.1:8091"),
                new TrustedPeer(BOB, KEY_2, "http://127.0.0.1:9092")), reopened.list());
        assertTrue(reopened.remove(BOB));
        assertFalse(reopened.remove(BOB));
        assertEquals(Optional.empty(), TrustedPeers.inStoreDirectory(directory).find(BOB));
        assertFalse(Files.exists(directory.resolve("chum/peers.json.tmp")));
    }

    @Test
    void aTrustedPeerNeedsAPersonHashAnEd25519KeyAndAUrl() {
        assertThrows(IllegalArgumentException.class, () -> new TrustedPeer("bob", KEY_1, "http://x"));
        assertThrows(IllegalArgumentException.class, () -> new TrustedPeer(BOB, "not base64!", "http://x"));
        assertThrows(IllegalArgumentException.class,
                () -> new TrustedPeer(BOB, Base64.getEncoder().encodeToString(new byte[31]), "http://x"));
        assertThrows(IllegalArgumentException.class, () -> new TrustedPeer(BOB, KEY_1, " "));
    }

    @Test
    void aDamagedPeersFileIsAnErrorNotAnEmptyRegistry() throws IOException {
        Files.createDirectories(directory.resolve("chum"));
        Files.writeString(directory.resolve("chum/peers.json"), "{\"peers\":[{\"personId\":");

        assertThrows(IllegalStateException.class, () -> TrustedPeers.inStoreDirectory(directory));
    }

    @Test
    void checkpointsArePerKeySurviveAReopenAndAreReplacedWhole() throws IOException {
        CheckpointKey ab = new CheckpointKey("a", "b", ALICE, BOB);
        CheckpointKey ac = new CheckpointKey("a", "c", ALICE, BOB);
        Checkpoints checkpoints = Checkpoints.inStoreDirectory(directory);
        ChumCheckpoint first = new ChumCheckpoint(17, "epoch-1", Instant.parse("2026-11-28T03:00:00Z"));
        ChumCheckpoint second = new ChumCheckpoint(42, "epoch-1", Instant.parse("2026-11-28T03:05:00Z"));

        checkpoints.save(ab, first);
        checkpoints.save(ab, second);

        Checkpoints reopened = Checkpoints.inStoreDirectory(directory);
        assertEquals(Optional.of(second), reopened.read(ab));
        assertEquals(Optional.empty(), reopened.read(ac));
        try (var files = Files.list(directory.resolve("chum/checkpoints"))) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            String json = Files.readString(all.get(0));
            assertTrue(json.contains("\"remoteSeq\":42") && json.contains("\"remoteInstance\":\"b\""), json);
        }
    }

    @Test
    void aDamagedCheckpointCountsAsNone() throws IOException {
        CheckpointKey key = new CheckpointKey("a", "b", ALICE, BOB);
        Checkpoints checkpoints = Checkpoints.inStoreDirectory(directory);
        checkpoints.save(key, new ChumCheckpoint(5, "e", Instant.EPOCH));
        try (var files = Files.list(directory.resolve("chum/checkpoints"))) {
            Files.writeString(files.findFirst().orElseThrow(), "{\"localInstance\":\"a\",");
        }

        assertEquals(Optional.empty(), checkpoints.read(key));
    }

    @Test
    void instanceNamesThatLookAlikeDoNotShareACheckpoint() {
        Checkpoints checkpoints = Checkpoints.inStoreDirectory(directory);
        checkpoints.save(new CheckpointKey("a|b", "c", ALICE, BOB), new ChumCheckpoint(1, "e", Instant.EPOCH));

        assertEquals(Optional.empty(), checkpoints.read(new CheckpointKey("a", "b|c", ALICE, BOB)));
    }
}
