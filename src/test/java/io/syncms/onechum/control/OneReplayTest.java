package io.syncms.onechum.control;

import io.syncms.onechum.entity.OneChumOptions;
import io.syncms.onechum.entity.OneChumResult;
import io.syncms.onechum.entity.OneFrame;
import io.syncms.onechum.entity.OneFrame.Request;
import io.syncms.platform.control.Jsonp;
import io.syncms.store.control.AccessService;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.control.RecipeRegistry;
import io.syncms.store.entity.ItemType;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.Recipe;
import io.syncms.store.entity.RecipeRule;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreOptions;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorded one.core instance B played against this module in A's place: every request the module
 * makes is answered with what B answered to the same request in the recording. The recording holds B's
 * BLOBs and CLOBs as hashes and sizes; its small BLOB and its big CLOB are rebuilt from their patterns;
 * its 150 KiB random BLOB cannot be, and is answered with other bytes of its size, which the module must
 * refuse (then, as one.core would, it skips the note that references it).
 */
class OneReplayTest {

    private static final String A = "4343fc3d9832c21ea67719a09d3c21ae7a64473c490cff4f36e83cd24303a5be";
    private static final String B = "5634d8f88d41844feae02e9bdd24e35f81b342e3c9aba91f6307dbfeb68f8136";
    private static final String UNRECORDED_BLOB = "ae060d72823b5b0fd3fa81178219226553e839af786c3fb662c3a26e817914e0";

    @TempDir
    Path directory;

    @Test
    void theModuleMakesOneCoresRequestsAndWritesTheRecordedLogId() throws Exception {
        List<OneRecording.Line> transcript = OneRecording.transcript();
        List<String> recordedRequests = new ArrayList<>();
        Map<String, Long> recordedIds = new HashMap<>();
        for (OneRecording.Line line : transcript) {
            if (line.fromA() && line.text() && line.json().containsKey("requestId")) {
                Request request = (Request) OneFrameCodec.decodeText(line.json().toString());
                recordedRequests.add(key(request));
                recordedIds.put(key(request), request.id());
            }
        }
        ObjectStore store = new ObjectStore(directory, registry(), StoreOptions.defaults().withFsync(false)).open();
        ExecutorService workers = Executors.newCachedThreadPool();
        ExecutorService wire = Executors.newSingleThreadExecutor();
        List<String> sent = new ArrayList<>();
        try (AccessService access = new AccessService(store)) {
            OneConnection[] module = new OneConnection[1];
            OneSocket socket = new OneSocket() {
                @Override
                public CompletionStage<?> sendText(String text) {
                    OneFrame frame = OneFrameCodec.decodeText(text);
                    if (frame instanceof Request request) {
                        synchronized (sent) {
                            sent.add(key(request));
                        }
                        Long recorded = recordedIds.get(key(request));
                        wire.execute(() -> answer(module[0], transcript, request, recorded));
                    }
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public CompletionStage<?> sendBinary(ByteBuffer bytes) {
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public void close(int code, String reason) {
                }
            };
            module[0] = new OneConnection(socket, workers, 10_000);
            OneChumSession session = new OneChumSession(store, access, module[0],
                    new OneChumOptions("onechum-test", "onechum-instance-A", "onechum-instance-B", A, B, false, 5000),
                    10_000, 1 << 30);

            OneChumResult result = CompletableFuture.supplyAsync(session::run).get(30, TimeUnit.SECONDS);

            // the module asks for a root's missing children without waiting for each answer, so it asked for the
            // CLOB after the BLOB that fails, as one.core did; then it skips that root's note, as one.core would have
            List<String> expected = new ArrayList<>(recordedRequests);
            expected.removeIf(request -> request.startsWith("6 [\"b5e2e335"));
            assertEquals(expected, sent);
            assertNull(result.failure());
            assertTrue(result.fullSync());
            assertEquals(OneChumLogTest.read("chum-A.json").getString("idHash"), result.logIdHash());
            assertEquals(1, result.errors().size(), result.errors().toString());
            assertTrue(result.errors().get(0).contains(UNRECORDED_BLOB), result.errors().toString());
            assertFalse(store.contains(ReferenceKind.BLOB, UNRECORDED_BLOB));
            // the rest arrived: both notes of B that did not depend on it, the document with its two nodes
            for (String hash : List.of("7ac4364ffa8922d357972519456810202c6918741308637d0e3a50204dbc19aa",
                    "46c3437fe1c2233b5bc3d2a1ac9df52360a225ad3808b33f59cf49f0ec68cbd2",
                    "13c6ce4362128833b07afcb497683c704fa7c01e798ccf5f91ae43801c844854",
                    "bddf7277bc855896a8319f10264f7bc21ed2066e55864817d8d2c39c6eb3da83")) {
                assertTrue(store.contains(ReferenceKind.OBJECT, hash), hash);
            }
            assertTrue(store.contains(ReferenceKind.CLOB, "2414335d318bf90e8dea9bc5732ff898779234aefb39beb9491e6623cbf6d405"));
            assertTrue(store.contains(ReferenceKind.CLOB, "166f8abe15c562577c5b0db5bb89babdf034be02d502844353ca265c4c15ec6c"));
            assertTrue(store.contains(ReferenceKind.BLOB, "5a97a5127fa9e3b0ebf24515a4571120729641f221cd323d96af375de89e5e2d"));
            assertEquals("9ff341d7e3a1a1b33c62efc2d58d503feac570dc5c885dd4589938b85d631681",
                    store.head("13fb7d553700cb72e9fe4fec12e74ac2446b5072f4551e316e87f3aa3f33ef85").orElseThrow().hash());
            OneObject log = store.readObject(result.logHash());
            assertEquals(List.of("onechum-instance-A", "onechum-instance-B"), log.get("instance"));
            // one.core received 12 items; the module all but the skipped root's note and the refused BLOB
            assertEquals(12 - 2, ((List<?>) log.get("BtoAObjects")).size() + ((List<?>) log.get("BtoAIdObjects")).size()
                    + ((List<?>) log.get("BtoABlob")).size() + ((List<?>) log.get("BtoAClob")).size());
        } finally {
            workers.shutdownNow();
            wire.shutdownNow();
            store.close();
        }
    }

    /** Plays B's recorded answer to the recorded request, or B's FIN once the module said FIN. */
    private static void answer(OneConnection module, List<OneRecording.Line> transcript, Request request, Long recorded) {
        if (recorded == null) {
            throw new AssertionError("The module asked what one.core did not: " + key(request));
        }
        for (OneRecording.Line line : transcript) {
            if (line.fromA()) {
                continue;
            }
            if (line.text() && line.json().getJsonNumber("responseId") != null
                    && line.json().getJsonNumber("responseId").longValue() == recorded) {
                JsonObject frame = line.json();
                if (frame.containsKey("chunkLength")) {
                    frame = Jsonp.JSON.createObjectBuilder(frame).remove("chunkLength").remove("chunkUtf8Bytes")
                            .remove("chunkSha256").add("chunk", bigClobChunk(line)).build();
                }
                String text = Jsonp.JSON.createObjectBuilder(frame).add("responseId", request.id()).build().toString();
                module.onText(reorder(text));
            } else if (!line.text() && line.raw().getInt("requestIdF64LE") == recorded) {
                module.onBinary(OneFrameCodec.encodeBinary(new OneFrame.Chunk(request.id(), blobChunk(line))));
            }
        }
        if (request.serviceId() == OneExporter.FIN) {
            module.onText("{\"requestId\":19,\"type\":\"request\",\"serviceId\":10,\"args\":[]}");
        }
    }

    /** The responder's members in one.core's order, whatever the JSON builder made of them. */
    private static String reorder(String text) {
        return OneFrameCodec.encodeText(OneFrameCodec.decodeText(text));
    }

    private static byte[] blobChunk(OneRecording.Line line) {
        int size = line.raw().getInt("payloadSize");
        byte[] payload = new byte[size];
        String head = line.raw().getString("head16hex");
        if (size == 3000) {
            int step = Integer.parseInt(head.substring(18, 20), 16) - 1; // bytes 1, 1+step, 1+2·step, …
            for (int i = 0; i < size; i++) {
                payload[i] = (byte) (1 + step * i);
            }
        } else {
            new Random(line.seq()).nextBytes(payload); // not in the recording: any other bytes of its size
        }
        return payload;
    }

    /** B's big CLOB ("line N of big CLOB from B äöü€", 83,890 characters), cut where the recording cut it. */
    private static String bigClobChunk(OneRecording.Line line) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 83_890; i++) {
            text.append("line ").append(i).append(" of big CLOB from B äöü€\n");
        }
        String whole = text.toString();
        int length = line.json().getInt("chunkLength");
        return line.json().getString("chunk").startsWith("line 0 ") ? whole.substring(0, length)
                : whole.substring(whole.length() - length);
    }

    private static String key(Request request) {
        return request.serviceId() + " " + request.args();
    }

    static RecipeRegistry registry() {
        RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
        registry.register(new Recipe("OneChumNote", List.of(
                RecipeRule.of("text", ItemType.string()),
                RecipeRule.optional("attachment", ItemType.referenceToBlob()),
                RecipeRule.optional("clob", ItemType.referenceToClob()),
                RecipeRule.optional("child", ItemType.referenceToObj(Set.of("*"))))));
        registry.register(new Recipe("OneChumDoc", List.of(
                RecipeRule.id("title", ItemType.string()),
                RecipeRule.optional("body", ItemType.string()),
                RecipeRule.optional("note", ItemType.referenceToObj(Set.of("*"))))));
        return registry;
    }
}
