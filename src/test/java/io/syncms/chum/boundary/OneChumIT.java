package io.syncms.chum.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.chum.boundary.ChumIT.Node;
import io.syncms.testing.Api;
import io.syncms.testing.Deployments;
import io.syncms.testing.ItEnvironment;
import io.syncms.testing.OneCorePeer;
import io.syncms.testing.TestFiles;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Chums over one.core's protocol 8 between two real Payara Micro instances over real WebSockets: the
 * instance Arquillian manages ("a") and a process started here ("d"). Each registers the other as a ONE
 * peer ({@code POST /api/one-peers}); one dials the other's {@code /one-chum/<credential>} through
 * {@code POST /api/chums} with {@code "protocol": "one"}, in both directions of connection, with notes
 * carrying BLOBs and CLOBs, versioned documents and one document changed on both sides.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "arquillian.launch", matches = ".+", disabledReason = "an integration test: mvn verify runs it")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OneChumIT {

    static final String RUN = ChumIT.RUN + "one";
    static Node d;

    @ArquillianResource
    URL url;

    Api a;
    String aOwner;
    String aName;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.moduleWithProbes();
    }

    @BeforeAll
    static void startInstance() throws Exception {
        d = new Node("d-" + RUN, "dora-" + RUN + "@example.com");
        d.start(Deployments.moduleWithProbesFile());
        d.ready();
    }

    @AfterAll
    static void stopInstance() throws Exception {
        if (d != null) {
            d.close();
            TestFiles.deleteTree(d.storeDir);
        }
    }

    @BeforeEach
    void connect() {
        a = new Api(ItEnvironment.loopback(url).replaceAll("/+$", ""));
        JsonObject instance = a.get("/api/instance").expect(200).json();
        aOwner = instance.getJsonObject("owner").getString("idHash");
        aName = instance.getString("name");
        for (Api api : List.of(a, d.api)) {
            for (JsonObject recipe : List.of(ChumIT.noteRecipe(), ChumIT.docRecipe())) {
                int status = api.post("/api/recipes", recipe).status();
                assertTrue(status == 201 || status == 200 || status == 409, "recipe: " + status);
            }
        }
    }

    @Test
    @Order(1)
    void aChumDialedFromEitherSideMovesObjectsContentAndVersionsBothWays() throws Exception {
        Shared fromA = write(a, "a", d.owner);
        Shared fromD = write(d.api, "d", aOwner);
        // one document changed on both sides without the other knowing
        String title = "shared " + RUN;
        JsonObject onA = a.post("/api/objects", doc(title, 7)).expect(201).json();
        ChumIT.sleep(5);
        JsonObject onD = d.api.post("/api/objects", doc(title, 9)).expect(201).json();
        String sharedId = onA.getString("idHash");
        assertEquals(sharedId, onD.getString("idHash"));
        a.post("/api/objects", ChumIT.access("IdAccess", "id", sharedId, List.of(d.owner), List.of())).expect(201);
        d.api.post("/api/objects", ChumIT.access("IdAccess", "id", sharedId, List.of(aOwner), List.of())).expect(201);

        // a dials d
        String credential = register(d.api, aOwner, aName);
        JsonObject[] ended = chum(a, d.api, "ws://127.0.0.1:" + URI.create(d.url()).getPort() + "/one-chum/" + credential,
                d.owner, d.name);

        for (JsonObject status : ended) {
            assertEquals("DONE", status.getString("state"), status.toString());
            assertTrue(status.getBoolean("fullSyncAchieved"), status.toString());
            assertEquals(0, status.getJsonArray("errors").size(), status.toString());
        }
        assertArrived(fromA, a, d.api);
        assertArrived(fromD, d.api, a);
        // the concurrent versions merged alike: the same head node and data on both sides, the later revision
        JsonObject headA = a.get("/api/ids/" + sharedId).expect(200).json();
        JsonObject headD = d.api.get("/api/ids/" + sharedId).expect(200).json();
        assertEquals(headA.getString("hash"), headD.getString("hash"));
        assertEquals(9, headA.getJsonObject("object").getInt("revision"));
        assertEquals(last(a, sharedId).getString("nodeHash"), last(d.api, sharedId).getString("nodeHash"));
        // both logs are versions of one ID: the same name, instance pair and person pair
        JsonObject logA = object(a, ended[0].getString("logHash"));
        JsonObject logD = object(d.api, ended[1].getString("logHash"));
        for (String member : List.of("name", "instance", "person")) {
            assertEquals(logA.get(member), logD.get(member), member);
        }
        assertEquals(logA.getJsonArray("AtoBObjects").size(), logD.getJsonArray("BtoAObjects").size());

        // its status streams as for the module's own Chums: an ended one sends its final status and ends
        java.net.http.HttpResponse<String> events = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(a.baseUrl() + "/api/chums/" + ended[0].getString("id") + "/events"))
                        .header("Authorization", "Bearer " + ItEnvironment.apiToken()).header("Accept", "text/event-stream")
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, events.statusCode(), events.body());
        assertTrue(events.body().contains("\"state\":\"DONE\""), events.body());
    }

    @Test
    @Order(2)
    void theOtherDirectionOfConnectionCarriesWhatWasWrittenSince() throws Exception {
        Shared fromD = write(d.api, "d2", aOwner);
        String credential = register(a, d.owner, d.name);

        JsonObject[] ended = chum(d.api, a, ItEnvironment.loopback(url).replaceAll("/+$", "").replace("http://", "ws://")
                + "/one-chum/" + credential, aOwner, aName);

        assertEquals("DONE", ended[0].getString("state"), ended[0].toString());
        assertEquals("RESPONDER", ended[1].getString("role"));
        assertArrived(fromD, d.api, a);
        // only the new BLOB and CLOB travel: what the first Chum carried is not fetched again
        assertEquals(1, ended[1].getJsonObject("received").getInt("blobs"), ended[1].toString());
        assertEquals(1, ended[1].getJsonObject("received").getInt("clobs"), ended[1].toString());
    }

    @Test
    @Order(3)
    void anUpgradeWithoutAValidCredentialIsRefusedBeforeAnyFrame() throws Exception {
        String base = ItEnvironment.loopback(url).replaceAll("/+$", "");
        for (String credential : List.of("one1.forged", "nothing")) {
            Response refused = a.client().target(base + "/one-chum/" + credential).request()
                    .header("Connection", "Upgrade").header("Upgrade", "websocket")
                    .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").get();
            try (refused) {
                assertEquals(401, refused.getStatus());
                assertEquals("CHUM-AUTH1", Json.createReader(new java.io.StringReader(refused.readEntity(String.class)))
                        .readObject().getString("code"));
            }
        }
        JsonObject registered = a.post("/api/one-peers", Json.createObjectBuilder().add("remotePersonId", d.owner)
                .add("remoteInstanceName", d.name).build()).expect(201).json();
        String credential = registered.getString("credential");
        String id = registered.getString("id");
        assertTrue(a.get("/api/one-peers").expect(200).json().getJsonArray("peers").getValuesAs(JsonObject.class).stream()
                .anyMatch(peer -> peer.getString("id").equals(id) && peer.isNull("credential")), "listed without its credential");
        a.delete("/api/one-peers/" + id).expect(204);
        a.delete("/api/one-peers/" + id).problem(404);
        CompletionException failed = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, () ->
                HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(base.replace("http://", "ws://")
                        + "/one-chum/" + credential), new WebSocket.Listener() { }).join());
        assertTrue(String.valueOf(failed.getCause()).contains("401") || failed.getCause() instanceof java.io.IOException,
                String.valueOf(failed.getCause()));
        a.post("/api/one-peers", Json.createObjectBuilder().add("remotePersonId", "AB").add("remoteInstanceName", "x").build())
                .problem(400);
        a.post("/api/one-peers", Json.createObjectBuilder().add("remotePersonId", d.owner).build()).problem(400);
        a.post("/api/chums", Json.createObjectBuilder().add("remotePersonId", d.owner).add("protocol", "one")
                .add("remoteUrl", "http://127.0.0.1:1/").add("remoteInstanceName", "x").build()).problem(400);
        a.post("/api/chums", Json.createObjectBuilder().add("remotePersonId", d.owner).add("protocol", "two")
                .add("remoteUrl", "ws://127.0.0.1:1/").add("remoteInstanceName", "x").build()).problem(400);
    }

    /**
     * A real one.core dials the module (the other direction, the module dialing one.core, is
     * {@code OneCoreLiveTest}). Only when {@code ONE_CORE_DIR} names a built one.core; CI has none.
     */
    @Test
    @Order(4)
    @org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable(named = OneCorePeer.DIRECTORY_VARIABLE, matches = ".+")
    void aRealOneCoreDialsTheModuleAndBothGetEverything() throws Exception {
        a.post("/api/recipes", oneInteropRecipe("OneInterop$Note", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("itemprop", "text"))
                .add(ChumIT.rule("attachment", Json.createObjectBuilder().add("type", "referenceToBlob"), true))
                .add(ChumIT.rule("clob", Json.createObjectBuilder().add("type", "referenceToClob"), true))
                .add(ChumIT.rule("child", Json.createObjectBuilder().add("type", "referenceToObj")
                        .add("allowedTypes", Json.createArrayBuilder().add("*")), true))));
        a.post("/api/recipes", oneInteropRecipe("OneInterop$Doc", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("itemprop", "title").add("isId", true))
                .add(ChumIT.rule("body", Json.createObjectBuilder().add("type", "string"), true))));
        try (OneCorePeer oneCore = OneCorePeer.start(ItEnvironment.workDir().resolve("one-core-" + RUN))) {
            JsonObject ready = oneCore.read("ready");
            String onePerson = ready.getString("personId");
            JsonObject registered = a.post("/api/one-peers", Json.createObjectBuilder().add("remotePersonId", onePerson)
                    .add("remoteInstanceName", ready.getString("instanceName")).add("chumName", "live")
                    .add("keepRunning", false).build()).expect(201).json();
            String blob = a.postBytes("/api/blobs", ("BLOB of the module " + RUN).repeat(5000).getBytes(StandardCharsets.UTF_8),
                    "application/octet-stream").json().getString("hash");
            String note = a.post("/api/objects", Json.createObjectBuilder().add("$type$", "OneInterop$Note")
                    .add("text", "for one.core " + RUN).add("attachment", blob).build()).expect(201).json().getString("hash");
            a.post("/api/objects", ChumIT.access("Access", "object", note, List.of(onePerson), List.of())).expect(201);
            String base = ItEnvironment.loopback(url).replaceAll("/+$", "").replace("http://", "ws://");
            oneCore.send(Json.createObjectBuilder().add("remotePersonId", aOwner).add("remoteInstanceName", aName)
                    .add("chumName", "live").add("dial", base + registered.getString("path"))
                    .add("expect", Json.createArrayBuilder().add(note).add(blob)).build());
            JsonObject data = oneCore.read("data");
            JsonObject done = oneCore.read("done");

            assertEquals(0, done.getJsonObject("obj").getJsonArray("errors").size(), done.toString());
            assertTrue(done.getJsonObject("has").getBoolean(note) && done.getJsonObject("has").getBoolean(blob), done.toString());
            for (String hash : List.of(data.getString("note"), data.getString("child"))) {
                assertEquals(200, a.get("/api/objects/" + hash).status(), hash);
            }
            assertEquals(200, a.get("/api/blobs/" + data.getString("blob")).status());
            assertEquals(200, a.get("/api/clobs/" + data.getString("clob")).status());
            assertEquals(data.getString("docHead"), a.get("/api/ids/" + data.getString("docIdHash")).expect(200).json()
                    .getString("hash"));
            JsonObject log = object(a, org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    a.get("/api/chums").expect(200).json().getJsonArray("chums").getValuesAs(JsonObject.class).stream()
                            .filter(status -> "live".equals(status.getJsonObject("options").getString("chumName"))
                                    && !status.isNull("logHash")).map(status -> status.getString("logHash")).findFirst()
                            .orElse(null), java.util.Objects::nonNull));
            JsonObject theirs = done.getJsonObject("obj");
            for (String member : List.of("name", "instance", "person")) {
                assertEquals(theirs.get(member), log.get(member), member);
            }
        }
    }

    private static JsonObject oneInteropRecipe(String name, jakarta.json.JsonArrayBuilder rules) {
        return Json.createObjectBuilder().add("$type$", "Recipe").add("name", name).add("rule", rules).build();
    }

    /** What one side wrote and granted the other: a note with a BLOB, a CLOB and a child, a document's two versions. */
    record Shared(List<String> objects, String blob, byte[] blobBytes, String clob, String docId, List<String> nodes) {
    }

    private Shared write(Api api, String side, String grantee) {
        byte[] bytes = new byte[150_000];
        new java.util.Random(side.hashCode()).nextBytes(bytes);
        String blob = api.postBytes("/api/blobs", bytes, "application/octet-stream").json().getString("hash");
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 80_000; i++) {
            text.append("line ").append(i).append(" of ").append(side).append(' ').append(RUN).append(" äöü€ ✓\n");
        }
        String clob = api.postBytes("/api/clobs", text.toString().getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8")
                .json().getString("hash");
        String child = api.post("/api/objects", Json.createObjectBuilder().add("$type$", ChumIT.NOTE)
                .add("text", "child of " + side + RUN).build()).expect(201).json().getString("hash");
        String note = api.post("/api/objects", Json.createObjectBuilder().add("$type$", ChumIT.NOTE)
                .add("text", "note of " + side + RUN).add("attachment", blob).add("body", clob)
                .add("children", Json.createArrayBuilder().add(child)).build()).expect(201).json().getString("hash");
        api.post("/api/objects", ChumIT.access("Access", "object", note, List.of(grantee), List.of())).expect(201);
        String docId = api.post("/api/objects", doc("doc of " + side + RUN, 1)).expect(201).json().getString("idHash");
        api.post("/api/objects", doc("doc of " + side + RUN, 2)).expect(201);
        api.post("/api/objects", ChumIT.access("IdAccess", "id", docId, List.of(grantee), List.of())).expect(201);
        List<String> nodes = api.get("/api/ids/" + docId + "/versions").expect(200).json().getJsonArray("versions")
                .getValuesAs(JsonObject.class).stream().map(version -> version.getString("nodeHash")).toList();
        return new Shared(List.of(note, child), blob, bytes, clob, docId, nodes);
    }

    private static void assertArrived(Shared shared, Api from, Api to) {
        for (String hash : shared.objects()) {
            assertEquals(200, to.get("/api/objects/" + hash).status(), hash);
        }
        assertArrayEquals(shared.blobBytes(), to.getBytes("/api/blobs/" + shared.blob()));
        assertArrayEquals(from.getBytes("/api/clobs/" + shared.clob()), to.getBytes("/api/clobs/" + shared.clob()));
        for (String node : shared.nodes()) {
            assertEquals(200, to.get("/api/objects/" + node).status(), "version node " + node);
        }
        assertEquals(from.get("/api/ids/" + shared.docId()).expect(200).json().getString("hash"),
                to.get("/api/ids/" + shared.docId()).expect(200).json().getString("hash"));
    }

    private static String register(Api api, String remotePerson, String remoteInstance) {
        JsonObject registered = api.post("/api/one-peers", Json.createObjectBuilder().add("remotePersonId", remotePerson)
                .add("remoteInstanceName", remoteInstance).add("chumName", "one-it").add("keepRunning", false).build())
                .expect(201).json();
        assertTrue(registered.getString("path").endsWith(registered.getString("credential")));
        return registered.getString("credential");
    }

    /** Runs a one-shot Chum from the dialing side; both sides' final statuses. */
    private static JsonObject[] chum(Api dialing, Api answering, String wsUrl, String remotePerson, String remoteInstance) {
        String id = dialing.post("/api/chums", Json.createObjectBuilder().add("remotePersonId", remotePerson)
                .add("protocol", "one").add("remoteUrl", wsUrl).add("remoteInstanceName", remoteInstance)
                .add("chumName", "one-it").build()).expect(202).json().getString("id");
        JsonObject mine = ChumIT.awaitStatus(dialing, id, status -> !status.getString("state").equals("RUNNING"));
        JsonObject theirs = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                answering.get("/api/chums").expect(200).json().getJsonArray("chums").getValuesAs(JsonObject.class).stream()
                        .filter(status -> "RESPONDER".equals(status.getString("role", null))
                                && !"RUNNING".equals(status.getString("state")))
                        .reduce((first, second) -> second).orElse(null), status -> status != null);
        return new JsonObject[]{mine, theirs};
    }

    private static JsonObject doc(String title, int revision) {
        return Json.createObjectBuilder().add("$type$", ChumIT.DOC).add("title", title).add("revision", revision).build();
    }

    private static JsonObject last(Api api, String idHash) {
        List<JsonObject> versions = api.get("/api/ids/" + idHash + "/versions").expect(200).json().getJsonArray("versions")
                .getValuesAs(JsonObject.class);
        return versions.get(versions.size() - 1);
    }

    private static JsonObject object(Api api, String hash) {
        Response response = api.client().target(api.baseUrl() + "/api/objects/" + hash).request("application/json").get();
        try (response) {
            assertEquals(200, response.getStatus(), () -> "GET /api/objects/" + hash);
            return Json.createReader(new java.io.StringReader(response.readEntity(String.class))).readObject();
        }
    }
}
