package io.syncms.onechum.control;

import io.syncms.onechum.entity.OneChumTally;
import io.syncms.onechum.entity.OneFrame;
import io.syncms.onechum.entity.OneFrame.Request;
import io.syncms.platform.control.Jsonp;
import io.syncms.store.control.AccessService;
import io.syncms.store.control.MicrodataParser;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.control.RecipeRegistry;
import io.syncms.store.entity.ItemType;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReceivedItem;
import io.syncms.store.entity.Recipe;
import io.syncms.store.entity.RecipeRule;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreOptions;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module's exporter in place of the recorded one.core A: it holds A's objects (taken from A's
 * recorded answers, its small BLOB and its CLOBs rebuilt from their patterns) with A's own version nodes,
 * and answers B's recorded requests. Every answer must be what one.core A answered, byte for byte: the
 * protocol version, the children lists (in one.core's order), the microdata, the ID object, the BLOB and
 * CLOB content, FIN. A's big note and its 150 KiB random BLOB are not in the recording, so B's requests
 * for them are left out, and the roots are compared without that note.
 */
class OneExporterReplayTest {

    private static final String B_PERSON = "5634d8f88d41844feae02e9bdd24e35f81b342e3c9aba91f6307dbfeb68f8136";
    private static final String BIG_NOTE = "20ba5ded790e0c6f2a5e9dbf254691f1ab228585a30ad209c5897f22629c9841";
    private static final String DOC_ID = "66c11809522bc6fa63083fccc13f565728310535a79ab36fcb7665f8f1fe2691";

    @TempDir
    Path directory;

    /** What the exporter sent for one request. */
    private static final class Captured implements OneReply {
        JsonValue data;
        JsonValue error;
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        String firstEncoding;
        boolean streamed;
        boolean ended;

        @Override
        public void data(JsonValue value) {
            data = value;
        }

        @Override
        public void error(JsonValue value) {
            error = value;
        }

        @Override
        public void binary(byte[] payload) {
            streamed = true;
            content.writeBytes(payload);
        }

        @Override
        public void text(String chunk, String encoding) {
            if (!streamed) {
                firstEncoding = encoding;
            }
            streamed = true;
            content.writeBytes(chunk.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void end() {
            ended = true;
        }

        @Override
        public void streamError(JsonValue value) {
            error = value;
        }
    }

    @Test
    void theModuleAnswersOneCoresRequestsAsOneCoreAnswered() throws Exception {
        List<OneRecording.Line> transcript = OneRecording.transcript();
        RecipeRegistry registry = OneReplayTest.registry();
        ObjectStore store = new ObjectStore(directory, registry, StoreOptions.defaults().withFsync(false)).open();
        try (AccessService access = new AccessService(store)) {
            holdWhatAHeld(store, registry, transcript);
            OneExporter exporter = new OneExporter(store, access, B_PERSON, Set.of(), new OneChumTally(), () -> { });
            int compared = 0;
            for (OneRecording.Line line : transcript) {
                if (line.fromA() || !line.text() || !"request".equals(line.json().getString("type"))) {
                    continue;
                }
                Request request = (Request) OneFrameCodec.decodeText(line.json().toString());
                if (mentionsTheBigNote(request)) {
                    continue;
                }
                Captured answer = new Captured();
                exporter.serve(request, answer);
                compare(request, answer, transcript);
                compared++;
            }
            assertEquals(16, compared);
        } finally {
            store.close();
        }
    }

    private static boolean mentionsTheBigNote(Request request) {
        String arg = request.args().isEmpty() ? "" : ((JsonString) request.args().get(0)).getString();
        return arg.equals(BIG_NOTE) || arg.startsWith("158edafd") || arg.startsWith("9d2923d9");
    }

    private static void compare(Request request, Captured answer, List<OneRecording.Line> transcript) throws Exception {
        String what = "service " + request.serviceId() + " " + request.args();
        assertEquals(null, answer.error, what);
        if (request.serviceId() == OneExporter.CONTENT) {
            assertTrue(answer.ended, what);
            String hash = ((JsonString) request.args().get(0)).getString();
            assertEquals(hash, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(answer.content.toByteArray())),
                    what);
            if ("utf8".equals(((JsonString) request.args().get(1)).getString())) {
                assertEquals("utf8", answer.firstEncoding, what);
                String recorded = recordedAnswers(transcript, request.id()).get(0).getString("chunk");
                assertEquals(recorded, answer.content.toString(StandardCharsets.UTF_8), what);
            }
            return;
        }
        JsonObject recorded = recordedAnswers(transcript, request.id()).get(0);
        if (request.serviceId() == OneExporter.ROOTS) {
            assertEquals(rootsWithoutTheBigNote(recorded.getString("data")), rootSet(((JsonString) answer.data).getString()), what);
            return;
        }
        assertEquals(recorded.get("data"), answer.data, what);
    }

    private static List<JsonObject> recordedAnswers(List<OneRecording.Line> transcript, long id) {
        List<JsonObject> answers = new ArrayList<>();
        for (OneRecording.Line line : transcript) {
            if (line.fromA() && line.text() && line.json().containsKey("responseId")
                    && line.json().getJsonNumber("responseId").longValue() == id) {
                answers.add(line.json());
            }
        }
        return answers;
    }

    private static Set<JsonObject> rootSet(String list) {
        Set<JsonObject> roots = new HashSet<>();
        try (var reader = Jsonp.JSON.createReader(new StringReader(list))) {
            reader.readArray().getValuesAs(JsonObject.class).forEach(roots::add);
        }
        return roots;
    }

    private static Set<JsonObject> rootsWithoutTheBigNote(String list) {
        Set<JsonObject> roots = rootSet(list);
        roots.removeIf(root -> BIG_NOTE.equals(root.getString("hash", null)));
        return roots;
    }

    /** A's objects from its recorded answers, its content rebuilt, its document's own version nodes, its grants to B. */
    private static void holdWhatAHeld(ObjectStore store, RecipeRegistry registry, List<OneRecording.Line> transcript) {
        byte[] blob = new byte[3000];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) (1 + 7 * i);
        }
        store.storeBlob(new ByteArrayInputStream(blob), "8d382cdcf9e23b754759efe562f076cf3f5134e8f5246c260d8ddb3d5e54064c");
        store.storeClob("Hello CLOB from A – ünïcödé ✓");
        List<ReceivedItem> objects = new ArrayList<>();
        for (String hash : List.of("52373eec3fe2b8896fa48ec737f0229961767be3c0782374767f1eaccb023c01",
                "9fb51311df2a3efb571864e19f63425cd1cff2a94bdc81eb61fcdbb965c7d3d5",
                "f184ac46d219273db1423d87458634b392d448ee65d5b6a4a5004bd281dc5e2f",
                "35c40f0884065b8b22bd53d7fe2c320320b9e0e8efdb7471c80147f2d6413e87")) {
            objects.add(new ReceivedItem(ReferenceKind.OBJECT, hash, answeredMicrodata(transcript, hash, 6)));
        }
        objects.forEach(item -> assertTrue(store.storeReceivedWithoutVersions(List.of(item)).get(0).isStored(), item.hash()));
        MicrodataParser parser = new MicrodataParser();
        OneObject edge = parser.parse(answeredMicrodata(transcript, "578a6bbb33d7e584a40cb3a1af0904bc56f7ab594de15fe6ea837899059ab5a3", 6),
                registry);
        OneObject change = parser.parse(answeredMicrodata(transcript, "246b5069c4f927e1ec4af388294266d0f7f438d52a79ad5d792f137f91475dca", 6),
                registry);
        store.storeVersionHead(DOC_ID, edge, null);
        store.storeVersionHead(DOC_ID, change, "578a6bbb33d7e584a40cb3a1af0904bc56f7ab594de15fe6ea837899059ab5a3");
        store.storeObject(OneObject.builder("Access").put("object", "9fb51311df2a3efb571864e19f63425cd1cff2a94bdc81eb61fcdbb965c7d3d5")
                .put("person", List.of(B_PERSON)).put("group", List.of()).build());
        store.storeObject(OneObject.builder("IdAccess").put("id", DOC_ID).put("person", List.of(B_PERSON))
                .put("group", List.of()).build());
        assertEquals(List.of("578a6bbb33d7e584a40cb3a1af0904bc56f7ab594de15fe6ea837899059ab5a3",
                        "246b5069c4f927e1ec4af388294266d0f7f438d52a79ad5d792f137f91475dca"),
                store.versions(DOC_ID).stream().map(io.syncms.store.entity.Version::nodeHash).toList());
    }

    /** The microdata A answered when B asked for the hash with the service. */
    private static String answeredMicrodata(List<OneRecording.Line> transcript, String hash, int service) {
        for (OneRecording.Line line : transcript) {
            JsonObject json = line.json();
            if (!line.fromA() && line.text() && "request".equals(json.getString("type")) && json.getInt("serviceId") == service
                    && json.getJsonArray("args").getString(0).equals(hash)) {
                return recordedAnswers(transcript, json.getInt("requestId")).get(0).getString("data");
            }
        }
        throw new AssertionError("B never asked A for " + hash);
    }
}
