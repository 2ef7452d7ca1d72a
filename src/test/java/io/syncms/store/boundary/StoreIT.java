package io.syncms.store.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.store.control.MicrodataSerializer;
import io.syncms.store.control.ObjectHashes;
import io.syncms.store.control.OneJson;
import io.syncms.store.control.OneVectors;
import io.syncms.store.control.RecipeRegistry;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import io.syncms.testing.Api;
import io.syncms.testing.Api.Reply;
import io.syncms.testing.Deployments;
import io.syncms.testing.ItEnvironment;
import io.syncms.testing.PayaraProcess;
import io.syncms.testing.TestFiles;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The object store REST API on real Payara Micro. The instance Arquillian manages keeps its store in
 * {@code target/it-work/store-arquillian}, which outlives a run: every test makes its content unique with
 * {@link #RUN}. The durability test starts, kills (SIGKILL) and restarts a Payara Micro process of its own.
 */
@ExtendWith(ArquillianExtension.class)
class StoreIT {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final String UNKNOWN = "ab".repeat(32);
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
    final OneJson oneJson = new OneJson();

    @ArquillianResource
    URL url;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.moduleWithProbes();
    }

    Api api() {
        return new Api(ItEnvironment.loopback(url));
    }

    static JsonObject person(String email, String name) {
        return Json.createObjectBuilder().add("$type$", "Person").add("email", email).add("name", name).build();
    }

    OneObject local(JsonObject json) {
        return oneJson.fromJson(json, registry);
    }

    // ------------------------------------------------------------------ objects and versions

    @Test
    void objectsAreStoredOnceAndReadBackAsJsonAndAsTheExactMicrodata() {
        try (Api api = api()) {
            JsonObject ada = person("ada-" + RUN + "@example.com", "Ada Lovelace, née Byron <&>");
            ObjectHashes hashes = new ObjectHashes(registry);
            String hash = hashes.hashOf(local(ada));
            String idHash = hashes.idHashOf(local(ada));

            Reply created = api.post("/api/objects", ada).expect(201);
            assertEquals(Json.createObjectBuilder().add("hash", hash).add("idHash", idHash).build(), created.json());
            assertTrue(created.location().endsWith("/api/objects/" + hash), created.location());
            Reply again = api.post("/api/objects", ada).expect(200);
            assertEquals(created.json(), again.json(), "storing twice answers 200 with the same hashes");

            Reply json = api.get("/api/objects/" + hash).expect(200);
            assertEquals("application/json", json.mediaType());
            assertEquals(ada, json.json());

            String microdata = accept(api, "/api/objects/" + hash, "text/html");
            assertEquals(new MicrodataSerializer(registry).toMicrodata(local(ada)), microdata);
            assertEquals(hash, sha256(microdata.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aNewVersionMovesTheHeadAndTheHistoryIsListed() {
        try (Api api = api()) {
            String email = "grace-" + RUN + "@example.com";
            JsonObject v1 = api.post("/api/objects", person(email, "Grace")).expect(201).json();
            JsonObject v2 = api.post("/api/objects", person(email, "Grace Hopper")).expect(201).json();
            String idHash = v1.getString("idHash");
            assertEquals(idHash, v2.getString("idHash"));

            JsonObject head = api.get("/api/ids/" + idHash).expect(200).json();
            assertEquals(v2.getString("hash"), head.getString("hash"));
            assertEquals(person(email, "Grace Hopper"), head.getJsonObject("object"));

            JsonArray versions = api.get("/api/ids/" + idHash + "/versions").expect(200).json().getJsonArray("versions");
            assertEquals(List.of(v1.getString("hash"), v2.getString("hash")), hashesOf(versions));
            assertTrue(versions.getJsonObject(1).getJsonNumber("seq").longValue() > versions.getJsonObject(0).getJsonNumber("seq").longValue());
            assertTrue(versions.getJsonObject(1).getJsonNumber("timestamp").longValue() > 0);
            assertNotEquals(versions.getJsonObject(0).getString("nodeHash"), versions.getJsonObject(1).getString("nodeHash"));

            // an old version again is already in the history: nothing changes
            api.post("/api/objects", person(email, "Grace")).expect(200);
            assertEquals(v2.getString("hash"), api.get("/api/ids/" + idHash).json().getString("hash"));
            assertEquals(2, api.get("/api/ids/" + idHash + "/versions").json().getJsonArray("versions").size());
        }
    }

    // ------------------------------------------------------------------ errors

    @Test
    void everyInvalidVectorIsRefusedWithTheOneCoreCode() {
        try (Api api = api()) {
            int checked = 0;
            for (JsonObject invalid : OneVectors.invalidCases()) {
                if (!invalid.getString("operation").equals("microdata")) {
                    continue;
                }
                JsonObject problem = api.post("/api/objects", invalid.getJsonObject("object")).problem(400);
                assertEquals(invalid.getString("code"), problem.getString("code"), invalid.getString("name"));
                assertTrue(problem.getString("type").endsWith("/store/invalid-object"), problem.toString());
                checked++;
            }
            assertTrue(checked >= 20, "cases checked: " + checked);
        }
    }

    @Test
    void clientMistakesAreProblemsAndLoseNothing() {
        try (Api api = api()) {
            JsonObject kept = person("kept-" + RUN + "@example.com", "Kept");
            String hash = api.post("/api/objects", kept).expect(201).json().getString("hash");
            String microdata = accept(api, "/api/objects/" + hash, "text/html");

            api.send("POST", "/api/objects", "{\"$type$\":", "application/json").problem(400);
            api.send("POST", "/api/objects", "[1,2]", "application/json").problem(400);
            api.send("POST", "/api/objects", "", "application/json").problem(400);
            api.send("POST", "/api/objects", "{\"$type$\":\"Person\",\"email\":\"x\"}", "text/plain").problem(415);
            api.send("POST", "/api/objects", "{\"$type$\":\"Person\",\"email\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}",
                    "application/json").problem(413);
            assertEquals("OR-GR1", api.post("/api/objects", Json.createObjectBuilder().add("$type$", "Nope").build()).problem(400).getString("code"));
            assertEquals("OJ-DEC1", api.post("/api/objects", Json.createObjectBuilder().add("$type$", "Person")
                    .add("email", "x").add("name", Json.createObjectBuilder().add("$set", "no array")).build()).problem(400).getString("code"));

            JsonObject dangling = Json.createObjectBuilder().add("$type$", "Access").add("object", UNKNOWN)
                    .add("person", Json.createArrayBuilder()).add("group", Json.createArrayBuilder()).build();
            JsonObject missing = api.post("/api/objects", dangling).problem(400);
            assertEquals("OS-MREF1", missing.getString("code"));
            assertEquals(UNKNOWN, missing.getJsonArray("missing").getJsonObject(0).getString("hash"));
            assertEquals("object", missing.getJsonArray("missing").getJsonObject(0).getString("itemprop"));

            for (String path : List.of("objects/", "ids/", "blobs/", "clobs/", "persons/")) {
                for (String malformed : List.of("abc", UNKNOWN.toUpperCase(), UNKNOWN + "0", "g".repeat(64))) {
                    String suffix = path.equals("persons/") ? "/accessible" : "";
                    JsonObject problem = api.get("/api/" + path + malformed + suffix).problem(400);
                    assertEquals("OS-HASH2", problem.getString("code"), path + malformed);
                }
            }
            api.get("/api/ids/" + UNKNOWN.toUpperCase() + "/versions").problem(400);
            for (String path : List.of("objects/", "ids/", "blobs/", "clobs/")) {
                assertEquals("OS-NF1", api.get("/api/" + path + UNKNOWN).problem(404).getString("code"));
            }
            api.get("/api/ids/" + UNKNOWN + "/versions").problem(404);
            api.get("/api/ids/" + hash).problem(404);

            assertEquals(microdata, accept(api, "/api/objects/" + hash, "text/html"));
            assertEquals(kept, api.get("/api/objects/" + hash).json());
        }
    }

    // ------------------------------------------------------------------ recipes

    @Test
    void aRecipeRegisteredThroughRestIsUsedAndNeverReplaced() {
        String type = "It$Note" + RUN;
        JsonObject recipe = Json.createObjectBuilder().add("$type$", "Recipe").add("name", type)
                .add("rule", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("itemprop", "text").add("itemtype", Json.createObjectBuilder()
                                .add("type", "string").add("regexp", Json.createObjectBuilder().add("$regexp", "^[a-z ]*$"))))
                        .add(Json.createObjectBuilder().add("itemprop", "attachment").add("optional", true)
                                .add("itemtype", Json.createObjectBuilder().add("type", "referenceToBlob"))))
                .build();
        try (Api api = api()) {
            Reply created = api.post("/api/recipes", recipe).expect(201);
            assertEquals(new ObjectHashes(registry).hashOf(local(recipe)), created.json().getString("hash"));
            assertTrue(created.location().endsWith("/api/objects/" + created.json().getString("hash")));
            assertEquals(created.json(), api.post("/api/recipes", recipe).expect(200).json());

            JsonObject different = Json.createObjectBuilder(recipe).add("rule", Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("itemprop", "title"))).build();
            assertEquals("OR-ADDR1", api.post("/api/recipes", different).problem(409).getString("code"));
            assertEquals("OR-ADDR1", api.post("/api/objects", different).problem(409).getString("code"));
            JsonObject otherPerson = Json.createObjectBuilder().add("$type$", "Recipe").add("name", "Person")
                    .add("rule", Json.createArrayBuilder().add(Json.createObjectBuilder().add("itemprop", "email").add("isId", true))
                            .add(Json.createObjectBuilder().add("itemprop", "shoeSize"))).build();
            assertEquals("OR-ADDR1", api.post("/api/recipes", otherPerson).problem(409).getString("code"));
            JsonObject badName = Json.createObjectBuilder(recipe).add("name", "Bad Name").build();
            assertTrue(api.post("/api/recipes", badName).problem(400).getString("code").startsWith("URC-"));
            assertTrue(api.post("/api/recipes", person("x@example.com", "x")).problem(400).getString("code").startsWith("URC-"));

            String blob = api.postBytes("/api/blobs", "attached".getBytes(StandardCharsets.UTF_8), "application/octet-stream")
                    .json().getString("hash");
            JsonObject note = Json.createObjectBuilder().add("$type$", type).add("text", "hello world").add("attachment", blob).build();
            Reply stored = api.post("/api/objects", note).expect(201);
            assertEquals(JsonValue.NULL, stored.json().get("idHash"), "an unversioned type has no ID hash");
            assertEquals(note, api.get("/api/objects/" + stored.json().getString("hash")).json());

            RecipeRegistry withNote = RecipeRegistry.withCoreRecipes();
            withNote.register(withNote.fromRecipeObject(oneJson.fromJson(recipe, withNote)));
            JsonObject shouting = Json.createObjectBuilder().add("$type$", type).add("text", "HELLO!").build();
            String expectedCode = assertThrows(OneValidationException.class, () -> oneJson.fromJson(shouting, withNote)).code();
            assertEquals(expectedCode, api.post("/api/objects", shouting).problem(400).getString("code"));
        }
    }

    // ------------------------------------------------------------------ BLOBs and CLOBs

    @Test
    void blobsOfSeveralMebibytesStreamUpAndDownByteExact() throws Exception {
        byte[] content = new byte[6 * 1024 * 1024 + 123];
        new Random(RUN.hashCode()).nextBytes(content);
        String hash = sha256(content);
        try (Api api = api()) {
            Response created = api.client().target(api.baseUrl() + "/api/blobs").request()
                    .post(Entity.entity(new ByteArrayInputStream(content), "application/octet-stream"));
            try (created) {
                assertEquals(201, created.getStatus());
                assertEquals(hash, Json.createReader(new java.io.StringReader(created.readEntity(String.class))).readObject().getString("hash"));
                assertTrue(created.getLocation().toString().endsWith("/api/blobs/" + hash));
            }
            assertEquals(hash, api.postBytes("/api/blobs", content, "application/octet-stream").expect(200).json().getString("hash"));

            Response download = api.client().target(api.baseUrl() + "/api/blobs/" + hash).request().get();
            try (download; InputStream body = download.readEntity(InputStream.class)) {
                assertEquals(200, download.getStatus());
                assertEquals("application/octet-stream", download.getMediaType().toString());
                assertEquals(content.length, download.getLength());
                assertArrayEquals(content, body.readAllBytes());
            }

            assertEquals(EMPTY_SHA256, api.postBytes("/api/blobs", new byte[0], "application/octet-stream").json().getString("hash"));
            assertEquals(0, api.getBytes("/api/blobs/" + EMPTY_SHA256).length);
            api.postBytes("/api/blobs", content, "image/png").problem(415);
            api.get("/api/clobs/" + hash).problem(404);
        }
    }

    @Test
    void clobsAreUtf8TextStoredAsSent() {
        String text = "Grüße, 世界 🌍 — " + RUN + "\n";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        try (Api api = api()) {
            Reply created = api.postBytes("/api/clobs", utf8, "text/plain; charset=UTF-8").expect(201);
            String hash = created.json().getString("hash");
            assertEquals(sha256(utf8), hash);
            assertTrue(created.location().endsWith("/api/clobs/" + hash));
            assertEquals(hash, api.postBytes("/api/clobs", utf8, "text/plain").expect(200).json().getString("hash"));

            Response download = api.client().target(api.baseUrl() + "/api/clobs/" + hash).request().get();
            try (download) {
                assertEquals(200, download.getStatus());
                assertEquals("text/plain;charset=UTF-8", download.getHeaderString("Content-Type").replace(" ", ""));
                assertArrayEquals(utf8, download.readEntity(byte[].class));
            }
            assertEquals("OS-UTF1", api.postBytes("/api/clobs", new byte[] {'o', 'k', (byte) 0xC3}, "text/plain").problem(400).getString("code"));
            api.postBytes("/api/clobs", utf8, "text/plain; charset=ISO-8859-1").problem(415);
            api.get("/api/blobs/" + hash).problem(404);
        }
    }

    // ------------------------------------------------------------------ access

    @Test
    void accessibleRootsFollowAccessIdAccessAndGroupsAndNewVersionsRevoke() {
        try (Api api = api()) {
            String alice = idHash(api, person("alice-" + RUN + "@example.com", "Alice"));
            String bob = idHash(api, person("bob-" + RUN + "@example.com", "Bob"));
            String carol = idHash(api, person("carol-" + RUN + "@example.com", "Carol"));
            String forAlice = api.post("/api/objects", person("doc-a-" + RUN + "@example.com", "A")).json().getString("hash");
            String forTeam = api.post("/api/objects", person("doc-b-" + RUN + "@example.com", "B")).json().getString("hash");
            JsonObject erin = api.post("/api/objects", person("erin-" + RUN + "@example.com", "Erin")).json();

            api.post("/api/objects", access("Access", "object", forAlice, List.of(alice), List.of())).expect(201);
            String team = idHash(api, group("team-" + RUN, List.of(bob)));
            api.post("/api/objects", access("Access", "object", forTeam, List.of(), List.of(team))).expect(201);
            api.post("/api/objects", access("IdAccess", "id", erin.getString("idHash"), List.of(carol), List.of())).expect(201);

            assertEquals(roots(List.of(forAlice), List.of()), accessible(api, alice));
            assertEquals(roots(List.of(forTeam), List.of()), accessible(api, bob));
            assertEquals(roots(List.of(), List.of(erin.getString("idHash"))), accessible(api, carol));
            assertEquals(roots(List.of(), List.of()), accessible(api, UNKNOWN), "nobody granted: empty, not 404");

            api.post("/api/objects", group("team-" + RUN, List.of())).expect(201);
            api.post("/api/objects", access("Access", "object", forAlice, List.of(), List.of())).expect(201);
            assertEquals(roots(List.of(), List.of()), accessible(api, bob));
            assertEquals(roots(List.of(), List.of()), accessible(api, alice));
            assertEquals(roots(List.of(), List.of(erin.getString("idHash"))), accessible(api, carol));
        }
    }

    static JsonObject access(String type, String target, String hash, List<String> persons, List<String> groups) {
        return Json.createObjectBuilder().add("$type$", type).add(target, hash)
                .add("person", Json.createArrayBuilder(persons)).add("group", Json.createArrayBuilder(groups)).build();
    }

    static JsonObject group(String name, List<String> persons) {
        return Json.createObjectBuilder().add("$type$", "Group").add("name", name).add("person", Json.createArrayBuilder(persons)).build();
    }

    static String idHash(Api api, JsonObject versioned) {
        return api.post("/api/objects", versioned).expect(201).json().getString("idHash");
    }

    static JsonObject accessible(Api api, String person) {
        JsonObject json = api.get("/api/persons/" + person + "/accessible").expect(200).json();
        assertEquals(person, json.getString("person"));
        return Json.createObjectBuilder().add("objects", json.getJsonArray("objects")).add("idHashes", json.getJsonArray("idHashes")).build();
    }

    static JsonObject roots(List<String> objects, List<String> idHashes) {
        return Json.createObjectBuilder().add("objects", Json.createArrayBuilder(objects)).add("idHashes", Json.createArrayBuilder(idHashes)).build();
    }

    // ------------------------------------------------------------------ instance, health, CDI

    @Test
    void theInstanceIdentityComesFromConfigAndIsStable() {
        try (Api api = api()) {
            JsonObject instance = api.get("/api/instance").expect(200).json();
            assertEquals("arquillian", instance.getString("name"));
            assertEquals("owner@arquillian.local", instance.getJsonObject("owner").getString("email"));
            String owner = new ObjectHashes(registry).idHashOf(OneObject.builder("Person").put("email", "owner@arquillian.local").build());
            assertEquals(owner, instance.getJsonObject("owner").getString("idHash"));
            assertEquals(32, Base64.getDecoder().decode(instance.getString("publicKey")).length);
            assertEquals(instance, api.get("/api/instance").json());
            assertEquals("owner@arquillian.local", api.get("/api/ids/" + owner).expect(200).json().getJsonObject("object").getString("email"));
        }
    }

    @Test
    void javaCodeInjectsTheStoreAndReadinessReportsIt() {
        try (Api api = api()) {
            JsonObject injected = api.get("/api/store-probe").expect(200).json();
            assertTrue(injected.getString("directory").endsWith("store-arquillian"), injected.toString());
            assertTrue(injected.getBoolean("registryIsTheStores"));
            assertEquals("arquillian", injected.getString("instance"));
            assertTrue(injected.getJsonArray("types").contains(Json.createValue("Person")));

            JsonObject ready = new Api(ItEnvironment.loopback(url).replaceAll("/+$", "")).get("/health/ready").expect(200).json();
            JsonObject store = ready.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(check -> check.getString("name").equals("store")).findFirst().orElseThrow();
            assertEquals("UP", store.getString("status"));
        }
    }

    // ------------------------------------------------------------------ durability

    /**
     * A separate Payara Micro process, configured through environment variables, takes writes from four
     * threads and is killed with SIGKILL while they run; restarted on the same directory (configured through
     * system properties this time) it serves every acknowledged write, verified, with the same identity and
     * recipes. Then a byte flipped on disk is reported as a problem, not served.
     */
    @Test
    void acknowledgedWritesSurviveKill9AndCorruptContentIsReported() throws Exception {
        Path dir = ItEnvironment.workDir().resolve("store-durable-" + RUN);
        String type = "It$Durable" + RUN;
        JsonObject recipe = Json.createObjectBuilder().add("$type$", "Recipe").add("name", type)
                .add("rule", Json.createArrayBuilder().add(Json.createObjectBuilder().add("itemprop", "text"))).build();
        Acknowledged acked = new Acknowledged();
        String publicKey;

        PayaraProcess first = PayaraProcess.start("store-durable", List.of(), Map.of(
                "ONE_STORE_DIR", dir.toString(), "ONE_INSTANCE_NAME", "durable-" + RUN, "ONE_OWNER_EMAIL", "durable@example.com",
                "ONE_STORE_INLINE_MAX_BYTES", "32768"));
        try {
            first.awaitReady();
            try (Api api = new Api(first.baseUrl())) {
                JsonObject instance = api.get("/api/instance").expect(200).json();
                assertEquals("durable-" + RUN, instance.getString("name"), "ONE_INSTANCE_NAME");
                assertEquals("durable@example.com", instance.getJsonObject("owner").getString("email"), "ONE_OWNER_EMAIL");
                publicKey = instance.getString("publicKey");
                api.post("/api/recipes", recipe).expect(201);
                assertTrue(Files.isDirectory(dir.resolve("db")), "ONE_STORE_DIR");
            }
            writeUntilKilled(first, type, acked);
        } finally {
            first.kill();
        }
        assertTrue(acked.count() >= 40, "acknowledged before the kill: " + acked.count());

        PayaraProcess second = PayaraProcess.start("store-durable-restarted", List.of("-Done.store.dir=" + dir,
                "-Done.instance.name=durable-" + RUN, "-Done.owner.email=durable@example.com", "-Done.store.inline-max-bytes=32768"));
        try {
            second.awaitReady();
            try (Api api = new Api(second.baseUrl())) {
                JsonObject instance = api.get("/api/instance").expect(200).json();
                assertEquals(publicKey, instance.getString("publicKey"), "the key pair outlives the crash");
                api.post("/api/recipes", recipe).expect(200);
                acked.verify(api);
                reportsCorruption(api, dir, acked);
            }
        } finally {
            second.close();
        }
        TestFiles.deleteTree(dir); // kept when the test fails
    }

    /** Four writers (versions of one person, notes of a stored recipe, BLOBs, CLOBs) until the process dies. */
    static void writeUntilKilled(PayaraProcess process, String type, Acknowledged acked) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        AtomicInteger failures = new AtomicInteger();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                running.add(writers.submit(() -> {
                    try (Api api = new Api(process.baseUrl())) {
                        for (int i = 0; i < 2_000 && failures.get() == 0; i++) {
                            acked.write(api, writer, i, type);
                        }
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (acked.count() < 60 && System.nanoTime() < deadline && running.stream().anyMatch(f -> !f.isDone())) {
                Thread.sleep(20);
            }
            process.kill();
            for (Future<?> writer : running) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
    }

    /**
     * Objects live in the database, whose blocks RocksDB checks itself; large BLOBs are files of their own
     * (this instance keeps BLOBs over 32 KiB as files): a byte flipped in one is reported, never served, and
     * the BLOB is put in quarantine; uploading the same bytes again heals it.
     */
    static void reportsCorruption(Api api, Path dir, Acknowledged acked) throws IOException {
        List<String> damaged = List.of(acked.blobs.get(0), acked.blobs.get(1));
        byte[] original = Files.readAllBytes(blobFile(dir, damaged.get(0)));
        damaged.forEach(blob -> flipAByte(blobFile(dir, blob)));
        List<String> accepts = List.of("application/octet-stream", "*/*");
        for (int i = 0; i < damaged.size(); i++) {
            Response response = api.client().target(api.baseUrl() + "/api/blobs/" + damaged.get(i)).request(accepts.get(i)).get();
            try (response) {
                String body = response.readEntity(String.class);
                assertEquals(500, response.getStatus(), body);
                assertEquals("application/problem+json", response.getMediaType().toString());
                JsonObject problem = Json.createReader(new java.io.StringReader(body)).readObject();
                assertTrue(problem.getString("type").endsWith("/store/corrupt-object"), body);
                assertEquals("OS-CORRUPT1", problem.getString("code"));
            }
        }
        assertEquals(404, api.get("/api/blobs/" + damaged.get(0)).status(), "quarantined: it counts as missing");
        assertEquals(201, api.postBytes("/api/blobs", original, "application/octet-stream").status(), "the same bytes heal it");
        assertArrayEquals(original, api.getBytes("/api/blobs/" + damaged.get(0)));
        // the rest is untouched
        String other = acked.notes.get(1).getKey();
        assertEquals(acked.notes.get(1).getValue(), api.get("/api/objects/" + other).expect(200).json());
    }

    static Path blobFile(Path dir, String blob) {
        return dir.resolve("blobs").resolve(blob.substring(0, 2)).resolve(blob.substring(2, 4)).resolve(blob);
    }

    static void flipAByte(Path file) {
        try {
            byte[] content = Files.readAllBytes(file);
            content[content.length / 2] ^= 0x20;
            Files.write(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What the durable instance acknowledged, by kind. */
    static final class Acknowledged {
        final List<Map.Entry<String, JsonObject>> notes = new CopyOnWriteArrayList<>();
        final List<String> versions = new CopyOnWriteArrayList<>();
        final List<String> blobs = new CopyOnWriteArrayList<>();
        final List<Map.Entry<String, byte[]>> clobs = new CopyOnWriteArrayList<>();
        volatile String versionedId;

        int count() {
            return notes.size() + versions.size() + blobs.size() + clobs.size();
        }

        void write(Api api, int writer, int i, String type) {
            switch (writer) {
                case 0 -> {
                    JsonObject stored = api.post("/api/objects", person("durable-" + RUN + "@example.com", "version " + i)).expect(201).json();
                    versionedId = stored.getString("idHash");
                    versions.add(stored.getString("hash"));
                }
                case 1 -> {
                    JsonObject note = Json.createObjectBuilder().add("$type$", type).add("text", "note " + i).build();
                    notes.add(Map.entry(api.post("/api/objects", note).expect(201).json().getString("hash"), note));
                }
                case 2 -> {
                    byte[] bytes = new byte[64 * 1024];
                    new Random(i).nextBytes(bytes);
                    bytes[0] = (byte) writer;
                    blobs.add(api.postBytes("/api/blobs", bytes, "application/octet-stream").expect(201).json().getString("hash"));
                }
                default -> {
                    byte[] text = ("clob " + i + " of run " + RUN + " ✓").getBytes(StandardCharsets.UTF_8);
                    clobs.add(Map.entry(api.postBytes("/api/clobs", text, "text/plain").expect(201).json().getString("hash"), text));
                }
            }
        }

        void verify(Api api) {
            for (Map.Entry<String, JsonObject> note : notes) {
                assertEquals(note.getValue(), api.get("/api/objects/" + note.getKey()).expect(200).json());
                assertEquals(note.getKey(), sha256(accept(api, "/api/objects/" + note.getKey(), "text/html").getBytes(StandardCharsets.UTF_8)));
            }
            for (String blob : blobs) {
                assertEquals(blob, sha256(api.getBytes("/api/blobs/" + blob)));
            }
            for (Map.Entry<String, byte[]> clob : clobs) {
                assertArrayEquals(clob.getValue(), api.getBytes("/api/clobs/" + clob.getKey()));
            }
            if (!versions.isEmpty()) {
                List<String> history = hashesOf(api.get("/api/ids/" + versionedId + "/versions").expect(200).json().getJsonArray("versions"));
                assertEquals(versions, history.subList(0, versions.size()), "every acknowledged version, in order");
                assertTrue(history.size() <= versions.size() + 1, "at most the one write in flight more: " + history.size());
                assertEquals(history.get(history.size() - 1), api.get("/api/ids/" + versionedId).json().getString("hash"));
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    static String accept(Api api, String path, String mediaType) {
        Response response = api.client().target(api.baseUrl() + path).request(mediaType).get();
        try (response) {
            assertEquals(200, response.getStatus());
            assertEquals(mediaType, response.getMediaType().getType() + "/" + response.getMediaType().getSubtype());
            return new String(response.readEntity(byte[].class), StandardCharsets.UTF_8);
        }
    }

    static List<String> hashesOf(JsonArray versions) {
        return versions.getValuesAs(JsonObject.class).stream().map(version -> version.getString("hash")).toList();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
