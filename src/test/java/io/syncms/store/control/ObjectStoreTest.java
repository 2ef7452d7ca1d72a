package io.syncms.store.control;

import io.syncms.store.entity.HashMismatchException;
import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.MissingReferenceException;
import io.syncms.store.entity.ObjectNotFoundException;
import io.syncms.store.entity.ObjectReference;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreResult;
import io.syncms.store.entity.StoreUnavailableException;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.syncms.store.control.StoreFixtures.NOTE;
import static io.syncms.store.control.StoreFixtures.access;
import static io.syncms.store.control.StoreFixtures.note;
import static io.syncms.store.control.StoreFixtures.person;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectStoreTest {

    @TempDir
    Path directory;

    private final RecipeRegistry registry = StoreFixtures.registry();
    private final MicrodataSerializer serializer = new MicrodataSerializer(registry);
    private final ObjectHashes hashes = new ObjectHashes(registry);
    private ObjectStore store;

    @BeforeEach
    void open() {
        store = StoreFixtures.open(directory);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void objectRoundTripWithTheHashOfOneCore() throws IOException {
        JsonObject vector = OneVectors.vector("person-umlauts");
        OneObject person = new OneJson().fromJson(vector.getJsonObject("object"), registry);

        StoreResult result = store.storeObject(person);

        assertEquals(new StoreResult(ReferenceKind.OBJECT, vector.getString("sha256"), vector.getString("idHash"), true, 2),
                result);
        assertEquals(vector.getString("microdata"), store.readMicrodata(result.hash()));
        assertEquals(person, store.readObject(result.hash()));
        assertEquals(vector.getString("idMicrodata"), store.readIdMicrodata(vector.getString("idHash")));
        assertEquals(OneObject.builder("Person").put("email", "jürgen.größe@beispiel.de").build(),
                store.readIdObject(vector.getString("idHash")));
        assertEquals(vector.getString("microdata").getBytes(StandardCharsets.UTF_8).length,
                store.size(ReferenceKind.OBJECT, result.hash()));
        assertFalse(Files.exists(directory.resolve("objects")), "objects live in the database, not in files");
    }

    @Test
    void unversionedObjectHasNoIdAndNoVersion() {
        StoreResult result = store.storeObject(note("hello"));

        assertEquals(new StoreResult(ReferenceKind.OBJECT, hashes.hashOf(note("hello")), null, true, 1), result);
        assertEquals(1, store.lastSeq());
        assertEquals(List.of(new LogEntry(1, store.writtenAfter(0, 1).get(0).timestamp(), ReferenceKind.OBJECT,
                result.hash(), NOTE, null)), store.writtenAfter(0, 10));
    }

    @Test
    void blobRoundTripIsStreamed() throws IOException {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);

        StoreResult result = store.storeBlob(new ByteArrayInputStream(content));

        assertEquals(ObjectHashes.sha256Hex(content), result.hash());
        assertTrue(result.created());
        assertTrue(store.contains(ReferenceKind.BLOB, result.hash()));
        assertFalse(store.contains(ReferenceKind.CLOB, result.hash()));
        assertEquals(300_000, store.size(ReferenceKind.BLOB, result.hash()));
        try (InputStream in = store.openBlob(result.hash())) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    void clobRoundTrip() throws IOException {
        String text = "Grüße, \uD83D\uDE00 & <tags>\n".repeat(5000);

        StoreResult result = store.storeClob(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));

        assertEquals(hashes.sha256Hex(text), result.hash());
        try (InputStream in = store.openClob(result.hash())) {
            assertEquals(text, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(result.hash(), store.storeClob(text).hash());
        assertFalse(store.storeClob(text).created());
    }

    @Test
    void clobMustBeUtf8() {
        byte[] latin1 = "Grüße".getBytes(StandardCharsets.ISO_8859_1);
        byte[] euro = "a€".getBytes(StandardCharsets.UTF_8);
        byte[] truncated = Arrays.copyOf(euro, euro.length - 1);

        OneValidationException invalid = assertThrows(OneValidationException.class,
                () -> store.storeClob(new ByteArrayInputStream(latin1)));
        assertEquals("OS-UTF1", invalid.code());
        assertEquals("OS-UTF1", assertThrows(OneValidationException.class,
                () -> store.storeClob(new ByteArrayInputStream(truncated))).code());
        assertEquals(0, store.lastSeq());
    }

    @Test
    void storingTheSameThingTwiceIsANoOp() {
        StoreResult first = store.storeObject(person("alice@example.com", "Alice"));
        StoreResult blob = store.storeBlob(new ByteArrayInputStream(new byte[] {1, 2, 3}));
        long seq = store.lastSeq();

        StoreResult again = store.storeObject(person("alice@example.com", "Alice"));
        StoreResult againByMicrodata = store.storeMicrodata(store.readMicrodata(first.hash()));
        StoreResult blobAgain = store.storeBlob(new ByteArrayInputStream(new byte[] {1, 2, 3}));

        assertEquals(new StoreResult(ReferenceKind.OBJECT, first.hash(), first.idHash(), false, 0), again);
        assertEquals(again, againByMicrodata);
        assertEquals(new StoreResult(ReferenceKind.BLOB, blob.hash(), null, false, 0), blobAgain);
        assertEquals(seq, store.lastSeq());
        assertEquals(1, store.versions(first.idHash()).size());
    }

    @Test
    void sequenceNumbersIncreaseAndWrittenAfterReturnsExactlyTheLaterWrites() {
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            written.add(store.storeObject(note("note " + i)).hash());
        }

        List<LogEntry> all = store.writtenAfter(0, 1000);
        assertEquals(40, all.size());
        assertEquals(written, all.stream().map(LogEntry::hash).toList());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).seq());
        }
        assertEquals(all.subList(25, 40), store.writtenAfter(25, 1000));
        assertEquals(all.subList(10, 13), store.writtenAfter(10, 3));
        assertEquals(List.of(), store.writtenAfter(40, 10));
        assertEquals(40, store.lastSeq());
    }

    @Test
    void versionedObjectWritesIdObjectObjectAndVersionNodeInOneBatch() {
        StoreResult result = store.storeObject(person("bob@example.com"));

        List<LogEntry> entries = store.writtenAfter(0, 10);
        assertEquals(List.of(ReferenceKind.ID, ReferenceKind.OBJECT, ReferenceKind.OBJECT),
                entries.stream().map(LogEntry::kind).toList());
        assertEquals(List.of("Person", "Person", "VersionNodeEdge"), entries.stream().map(LogEntry::type).toList());
        assertEquals(result.idHash(), entries.get(0).hash());
        assertEquals(result.idHash(), entries.get(0).idHash());
        assertEquals(result.idHash(), entries.get(1).idHash());
        assertEquals(result.hash(), entries.get(1).hash());
        assertEquals(1, entries.stream().map(LogEntry::timestamp).distinct().count());
    }

    @Test
    void microdataFromElsewhereMustBeCanonical() {
        JsonObject vector = OneVectors.vector("group-several-unsorted");
        String canonical = vector.getString("microdata");
        String first = "<li><a data-type=\"id\">0f69db43a925bc5509c37143ffe18e9c11895ad6ec7c50386bcd4c87100b7152</a></li>";
        String second = "<li><a data-type=\"id\">58c379901b18278fa72f55f57d15f041b524655e2bbe55bef73383e35c2eae0a</a></li>";
        String unsorted = canonical.replace(first + second, second + first);

        assertEquals("M2O-CANON1", assertThrows(OneValidationException.class, () -> store.storeMicrodata(unsorted)).code());
        assertEquals(0, store.lastSeq());
        StoreResult stored = store.storeMicrodata(canonical);
        assertEquals(vector.getString("sha256"), stored.hash());
        assertEquals(vector.getString("idHash"), stored.idHash());
        assertTrue(store.head(stored.idHash()).isPresent());
    }

    @Test
    void idMicrodataIsStoredWithoutAVersion() {
        JsonObject vector = OneVectors.vector("person-email-name");

        StoreResult result = store.storeIdMicrodata(vector.getString("idMicrodata"));

        assertEquals(new StoreResult(ReferenceKind.ID, vector.getString("idHash"), vector.getString("idHash"), true, 1), result);
        assertEquals(vector.getString("idMicrodata"), store.readIdMicrodata(result.hash()));
        assertTrue(store.head(result.hash()).isEmpty());
        assertEquals(Set.of(result.hash()), store.idHashes("Person"));
        assertThrows(OneValidationException.class, () -> store.storeIdMicrodata(vector.getString("microdata")));
    }

    @Test
    void missingContentReferencesAreRejectedIdReferencesAreNot() {
        String missingObject = "a".repeat(64);
        String missingBlob = "b".repeat(64);
        OneObject dangling = OneObject.builder(NOTE).put("text", "x").put("attachment", missingBlob)
                .put("children", List.of(missingObject, missingObject)).build();

        MissingReferenceException rejected = assertThrows(MissingReferenceException.class, () -> store.storeObject(dangling));

        assertEquals("OS-MREF1", rejected.code());
        assertEquals(List.of(new ObjectReference(ReferenceKind.BLOB, missingBlob, "attachment"),
                new ObjectReference(ReferenceKind.OBJECT, missingObject, "children")), rejected.missing());
        assertEquals(0, store.lastSeq());
        assertThrows(MissingReferenceException.class,
                () -> store.storeObject(access(missingObject, List.of(), List.of())));

        String remotePerson = hashes.idHashOf(person("remote@elsewhere.org"));
        StoreResult target = store.storeObject(note("shared"));
        StoreResult granted = store.storeObject(access(target.hash(), List.of(remotePerson), List.of()));
        assertTrue(granted.created());
        assertFalse(store.contains(ReferenceKind.ID, remotePerson));
        StoreResult about = store.storeObject(OneObject.builder(NOTE).put("text", "y").put("about", remotePerson).build());
        assertTrue(about.created());
    }

    @Test
    void blobWithAnnouncedHashMustMatch() {
        byte[] content = "payload".getBytes(StandardCharsets.UTF_8);
        String wrong = "c".repeat(64);

        HashMismatchException mismatch = assertThrows(HashMismatchException.class,
                () -> store.storeBlob(new ByteArrayInputStream(content), wrong));

        assertEquals(ObjectHashes.sha256Hex(content), mismatch.actualHash());
        assertFalse(store.contains(ReferenceKind.BLOB, mismatch.actualHash()));
        assertTrue(store.storeBlob(new ByteArrayInputStream(content), mismatch.actualHash()).created());
    }

    @Test
    void unknownHashesAreNotFoundAndMalformedOnesRejected() {
        String unknown = "d".repeat(64);

        assertEquals("OS-NF1", assertThrows(ObjectNotFoundException.class, () -> store.readMicrodata(unknown)).code());
        assertThrows(ObjectNotFoundException.class, () -> store.openBlob(unknown));
        assertThrows(ObjectNotFoundException.class, () -> store.readIdMicrodata(unknown));
        assertThrows(IllegalArgumentException.class, () -> store.readMicrodata("../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> store.contains(ReferenceKind.BLOB, "D".repeat(64)));
    }

    @Test
    void listenersHearDurableWritesInOrder() {
        List<LogEntry> heard = new ArrayList<>();
        store.addWriteListener(heard::add);
        store.addWriteListener(entry -> {
            throw new IllegalStateException("a failing listener does not fail the write");
        });

        store.storeObject(person("carol@example.com"));
        store.storeObject(person("carol@example.com"));
        store.storeBlob(new ByteArrayInputStream(new byte[] {9}));

        assertEquals(store.writtenAfter(0, 100), heard);
        assertEquals(4, heard.size());
    }

    @Test
    void concurrentWritersStoreEachHashOnceWithGaplessSequence() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<StoreResult>>> futures = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            int offset = thread;
            futures.add(pool.submit(() -> {
                List<StoreResult> results = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    // threads overlap: each note is stored by two threads, each person version by all
                    results.add(store.storeObject(note("n" + ((i + offset * 30) % 240))));
                    results.add(store.storeObject(person("p" + (i % 5) + "@example.com", "v" + (i % 3))));
                }
                return results;
            }));
        }
        List<StoreResult> results = new ArrayList<>();
        for (Future<List<StoreResult>> future : futures) {
            results.addAll(future.get());
        }
        pool.shutdown();

        List<LogEntry> log = store.writtenAfter(0, 100_000);
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < log.size(); i++) {
            assertEquals(i + 1, log.get(i).seq());
            assertTrue(distinct.add(log.get(i).kind() + log.get(i).hash()), "logged twice: " + log.get(i));
        }
        assertEquals(240, results.stream().filter(r -> r.created() && r.idHash() == null).count());
        assertEquals(15, results.stream().filter(r -> r.created() && r.idHash() != null).count());
        // 240 notes + 5 person IDs + 15 person versions + 15 version nodes
        assertEquals(275, log.size());
        for (int p = 0; p < 5; p++) {
            String idHash = hashes.idHashOf(person("p" + p + "@example.com"));
            assertEquals(3, store.versions(idHash).size());
        }
    }

    @Test
    void closedStoreRefusesCallsAndADirectoryOpensOnce() {
        assertEquals("OS-LOCKED1", assertThrows(StoreUnavailableException.class,
                () -> StoreFixtures.open(directory)).code());
        store.close();

        assertEquals("OS-CLOSED1", assertThrows(StoreUnavailableException.class,
                () -> store.storeObject(note("late"))).code());
        assertThrows(StoreUnavailableException.class, () -> store.lastSeq());
        try (ObjectStore reopened = StoreFixtures.open(directory)) {
            assertEquals(0, reopened.lastSeq());
        }
    }
}
