package io.syncms.store.boundary;

import io.syncms.platform.entity.Problem;
import io.syncms.store.control.ObjectHashes;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.control.RecipeRegistry;
import io.syncms.store.control.StoreFixtures;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.StoreOptions;
import io.syncms.store.entity.StoreOutcome;
import io.syncms.store.entity.StoreResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectBatchTest {

    @TempDir
    Path directory;

    private ObjectStore store;
    private final ObjectHashes hashes = new ObjectHashes(StoreFixtures.registry());

    @BeforeEach
    void open() {
        store = new ObjectStore(directory, StoreFixtures.registry(), StoreOptions.defaults().withFsync(false)).open();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void linesAreStoredBottomUpAndEachGetsItsOwnAnswer() throws IOException {
        String first = note("first");
        String firstHash = hashes.hashOf(StoreFixtures.note("first"));
        String second = "{\"$type$\":\"Test$Note\",\"text\":\"second\",\"children\":[\"" + firstHash + "\"]}";
        String dangling = "{\"$type$\":\"Test$Note\",\"text\":\"dangling\",\"children\":[\"" + "ab".repeat(32) + "\"]}";
        String body = first + "\n" + second + "\r\n{not json\n   \n" + dangling + "\n" + first + "\n"
                + "{\"$type$\":\"Test$Nope\"}";

        List<JsonObject> answer = run(body, limits());

        assertEquals(List.of(1, 2, 3, 5, 6, 7), answer.stream().map(line -> line.getInt("line")).toList(), "blank lines get no answer");
        assertEquals("stored", answer.get(0).getString("status"));
        assertEquals(firstHash, answer.get(0).getString("hash"));
        assertEquals("stored", answer.get(1).getString("status"), "it references the line before");
        assertEquals("refused", answer.get(2).getString("status"));
        assertEquals(400, answer.get(2).getJsonObject("problem").getInt("status"));
        assertEquals("OS-MREF1", answer.get(3).getJsonObject("problem").getString("code"), answer.get(3).toString());
        assertEquals("existed", answer.get(4).getString("status"));
        assertEquals("refused", answer.get(5).getString("status"));
        assertTrue(store.contains(io.syncms.store.entity.ReferenceKind.OBJECT, answer.get(1).getString("hash")));
        assertEquals(2, store.lastSeq());
    }

    @Test
    void aLineOverTheLimitOrNotUtf8IsRefusedAndTheOthersAreStored() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((note("x".repeat(500)) + "\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {'{', '"', (byte) 0xC3, '"', '}', '\n'});
        body.writeBytes((note("fits") + "\n").getBytes(StandardCharsets.UTF_8));

        List<JsonObject> answer = run(body.toByteArray(), new ObjectBatch.Limits(200, 1 << 20, 100));

        assertEquals(List.of("refused", "refused", "stored"), answer.stream().map(line -> line.getString("status")).toList());
        assertTrue(answer.get(0).getJsonObject("problem").getString("detail").contains("longer than 200 bytes"));
        assertTrue(answer.get(1).getJsonObject("problem").getString("detail").contains("UTF-8"));
    }

    @Test
    void aBatchOverItsByteOrLineLimitEndsWithAnAbortedLineAfterWhatItStored() throws IOException {
        String body = note("a") + "\n" + note("b") + "\n" + note("c") + "\n";

        List<JsonObject> byLines = run(body, new ObjectBatch.Limits(1000, 1 << 20, 2));
        assertEquals(List.of("stored", "stored", "aborted"), byLines.stream().map(line -> line.getString("status")).toList());
        assertEquals(413, byLines.get(2).getJsonObject("problem").getInt("status"));
        assertTrue(byLines.get(2).getJsonObject("problem").getString("detail").contains("line 3"));

        List<JsonObject> byBytes = run(note("d") + "\n" + note("e") + "\n", new ObjectBatch.Limits(1000, note("d").length() + 3, 100));
        assertEquals(List.of("stored", "aborted"), byBytes.stream().map(line -> line.getString("status")).toList());
        assertEquals(3, store.lastSeq());
    }

    @Test
    void moreLinesThanAChunkAreCommittedInChunksInOrder() throws IOException {
        StringBuilder body = new StringBuilder();
        int lines = ObjectBatch.CHUNK_LINES + 5;
        for (int i = 0; i < lines; i++) {
            body.append(note("n" + i)).append('\n');
        }

        List<JsonObject> answer = run(body.toString(), new ObjectBatch.Limits(1000, 1 << 30, 1_000_000));

        assertEquals(lines, answer.size());
        assertTrue(answer.stream().allMatch(line -> line.getString("status").equals("stored")));
        assertEquals(lines, store.lastSeq());
        assertEquals(hashes.hashOf(StoreFixtures.note("n" + (lines - 1))), answer.get(lines - 1).getString("hash"));
    }

    private static String note(String text) {
        return "{\"$type$\":\"Test$Note\",\"text\":\"" + text + "\"}";
    }

    private static ObjectBatch.Limits limits() {
        return new ObjectBatch.Limits(1 << 20, 1 << 26, 1000);
    }

    private List<JsonObject> run(String body, ObjectBatch.Limits limits) throws IOException {
        return run(body.getBytes(StandardCharsets.UTF_8), limits);
    }

    private List<JsonObject> run(byte[] body, ObjectBatch.Limits limits) throws IOException {
        ObjectBatch.Target target = new ObjectBatch.Target() {
            @Override
            public List<StoreOutcome> storeAll(List<OneObject> objects) {
                return store.storeObjects(objects);
            }

            @Override
            public StoreResult storeOne(OneObject object) {
                return store.storeObject(object);
            }

            @Override
            public RecipeRegistry registry() {
                return store.registry();
            }
        };
        StoreProblems storeProblems = new StoreProblems();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ObjectBatch(target, limits, failure -> {
            Problem known = storeProblems.translate(failure);
            return known != null ? known : Problem.of(400, "invalid-request", "Invalid request", failure.getMessage());
        }).run(new ByteArrayInputStream(body), out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertFalse(text.isEmpty());
        return text.lines().map(line -> Json.createReader(new StringReader(line)).readObject()).toList();
    }
}
