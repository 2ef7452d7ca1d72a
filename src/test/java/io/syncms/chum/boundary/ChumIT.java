package io.syncms.chum.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.chum.entity.ChumSettings;
import io.syncms.client.model.ChumSyncOptions;
import io.syncms.testing.Clients;
import io.syncms.testing.Api;
import io.syncms.testing.Api.Reply;
import io.syncms.testing.PrometheusText;
import io.syncms.testing.Deployments;
import io.syncms.testing.ItEnvironment;
import io.syncms.testing.PayaraProcess;
import io.syncms.testing.TestFiles;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The Chum between real Payara Micro instances over HTTP. Instances "b" (owner bob) and "c" (owner
 * carol) are Payara Micro processes started here, with fresh stores of their own and the module's
 * test probes; they pair through {@code POST /api/peers} with what {@code GET /api/instance} of the
 * other shows. The instance Arquillian manages speaks protocol version
 * {@code PROTOCOL_VERSION + 1} (a test-only setting in its deployment) and serves the mismatch test.
 * Data is written through the store's REST API; hash sets are compared through the probes.
 * The tests share the instances and run in order; the last one kills and restarts "c". Only
 * failsafe runs it (it sets {@code arquillian.launch}), also when a test pattern names it.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "arquillian.launch", matches = ".+", disabledReason = "an integration test: mvn verify runs it")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChumIT {

    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final String NOTE = "ChumIt$Note";
    static final String DOC = "ChumIt$Doc";
    static final long TIMEOUT_MILLIS = 120_000;
    /** Small pages and batches; a dead peer is noticed after the token idle timeout, so a short one. */
    /** The fallback poll: long enough that a write it carried (not a notification) shows in the latencies. */
    static final long POLL_TIMEOUT_MILLIS = 10_000;
    /** At most 1 MiB per JSON answer, so a test can send a larger one without filling the memory. */
    static final long MAX_ANSWER_BYTES = 1 << 20;
    static final List<String> SETTINGS = List.of("-Dsyncms.chum.page-size=200", "-Dsyncms.chum.fetch-batch-size=64",
            "-Dsyncms.chum.poll-timeout=" + POLL_TIMEOUT_MILLIS, "-Dsyncms.chum.token-idle-timeout=15000",
            "-Dsyncms.chum.http.max-answer-bytes=" + MAX_ANSWER_BYTES, "-Dsyncms.chum.retry-max-delay=2000",
            // the name of the first releases is still read
            "-Dchum.events-interval=100");

    @RegisterExtension
    static final Outcome OUTCOME = new Outcome();

    static Node b;
    static Node c;

    @ArquillianResource
    URL url;

    /** One instance under test: its process, name, owner and key, and a REST client. */
    static final class Node {
        final String name;
        final Path storeDir;
        final List<String> options;
        PayaraProcess process;
        Api api;
        String owner;
        String publicKey;

        Node(String name, String email) {
            this.name = name;
            this.storeDir = ItEnvironment.workDir().resolve("store-" + name);
            this.options = new ArrayList<>(SETTINGS);
            options.addAll(List.of("-Done.instance.name=" + name, "-Done.owner.email=" + email, "-Done.store.dir=" + storeDir));
        }

        void start(Path war) throws IOException {
            process = PayaraProcess.start(name, options, Map.of(), war);
        }

        void ready() throws Exception {
            process.awaitReady();
            api = new Api(process.baseUrl());
            JsonObject instance = api.get("/api/instance").expect(200).json();
            assertEquals(name, instance.getString("name"));
            owner = instance.getJsonObject("owner").getString("idHash");
            publicKey = instance.getString("publicKey");
        }

        String url() {
            return process.baseUrl();
        }

        void close() throws InterruptedException {
            if (api != null) {
                api.close();
            }
            if (process != null) {
                process.close();
            }
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(Deployments.moduleWithProbes(),
                "syncms.chum.protocol-version=" + (ChumSettings.PROTOCOL_VERSION + 1) + "\n");
    }

    @BeforeAll
    static void startInstances() throws Exception {
        Path war = Deployments.moduleWithProbesFile();
        b = new Node("b-" + RUN, "bob-" + RUN + "@example.com");
        c = new Node("c-" + RUN, "carol-" + RUN + "@example.com");
        b.start(war);
        c.start(war);
        b.ready();
        c.ready();
        for (Node node : List.of(b, c)) {
            node.api.post("/api/recipes", noteRecipe()).expect(201);
            node.api.post("/api/recipes", docRecipe()).expect(201);
        }
        pair(b, c);
        pair(c, b);
    }

    @AfterAll
    static void stopInstances() throws Exception {
        for (Node node : new Node[] {b, c}) {
            if (node != null) {
                node.close();
            }
        }
        if (OUTCOME.passed()) {
            for (Node node : new Node[] {b, c}) {
                TestFiles.deleteTree(node.storeDir);
                TestFiles.deleteTree(ItEnvironment.workDir().resolve("tmp-" + node.name));
            }
        }
    }

    // ------------------------------------------------------------------ 1. pairing, validation, authentication

    @Test
    @Order(1)
    void pairingOptionsAndProtocolRequestsAreValidated() {
        JsonArray peers = b.api.get("/api/peers").expect(200).json().getJsonArray("peers");
        assertTrue(peers.getValuesAs(JsonObject.class).stream().anyMatch(peer -> peer.getString("personId").equals(c.owner)
                && peer.getString("url").equals(c.url()) && peer.getString("publicKey").equals(c.publicKey)), peers.toString());
        assertEquals(c.publicKey, b.api.get("/api/peers/" + c.owner).expect(200).json().getString("publicKey"));
        b.api.post("/api/peers", peer("ab".repeat(32), "not base64!", "http://127.0.0.1:1")).problem(400);
        b.api.post("/api/peers", peer("ab".repeat(32), c.publicKey, "ftp://127.0.0.1:1")).problem(400);
        b.api.post("/api/peers", peer("AB", c.publicKey, "http://127.0.0.1:1")).problem(400);
        b.api.post("/api/peers", Json.createObjectBuilder(peer("ab".repeat(32), c.publicKey, "http://127.0.0.1:1"))
                .add("trusted", true).build()).problem(400);
        assertEquals("CHUM-NF1", b.api.get("/api/peers/" + "ab".repeat(32)).problem(404).getString("code"));
        b.api.delete("/api/peers/" + "ab".repeat(32)).problem(404);

        JsonObject valid = options(b, c, "validation", false).build();
        b.api.send("POST", "/api/chums", "{", "application/json").problem(400);
        b.api.post("/api/chums", Json.createObjectBuilder(valid).remove("remotePersonId").build()).problem(400);
        b.api.post("/api/chums", Json.createObjectBuilder(valid).add("maxNotificationDelay", -1).build()).problem(400);
        b.api.post("/api/chums", Json.createObjectBuilder(valid).add("keepRunning", "yes").build()).problem(400);
        b.api.post("/api/chums", Json.createObjectBuilder(valid).add("remoteUrl", "not a url").build()).problem(400);
        // only the paired URL of a paired person: no free-form URLs
        b.api.post("/api/chums", Json.createObjectBuilder(valid).add("remoteUrl", "http://127.0.0.1:22").build()).problem(400);
        b.api.post("/api/chums", Json.createObjectBuilder(valid).add("remotePersonId", "cd".repeat(32)).build()).problem(400);
        b.api.post("/api/chums", Json.createObjectBuilder(valid).add("localInstanceName", c.name).build()).problem(400);
        b.api.post("/api/chums", Json.createObjectBuilder(valid).add("keepRuning", true).build()).problem(400);
        assertEquals("CHUM-NF1", b.api.get("/api/chums/no-such-chum").problem(404).getString("code"));
        b.api.delete("/api/chums/no-such-chum").problem(404);

        // the protocol: nothing without a valid token, no token without a valid signature
        for (String token : new String[] {null, "chum1.forged", "Basic dXNlcjpwYXNz"}) {
            Response response = b.api.client().target(b.url() + "/api/chum-protocol/changes").request()
                    .header("Authorization", token == null ? null : token.startsWith("Basic") ? token : "Bearer " + token)
                    .post(Entity.json("{\"afterSeq\":0,\"limit\":10}"));
            try (response) {
                assertEquals(401, response.getStatus());
                assertEquals("Bearer realm=\"syncms-chum\"", response.getHeaderString("WWW-Authenticate"));
                assertEquals("CHUM-AUTH1", Json.createReader(new java.io.StringReader(response.readEntity(String.class)))
                        .readObject().getString("code"));
            }
        }
        assertEquals("CHUM-PROTOCOL1", b.api.post("/api/chum-protocol/challenge", JsonValue.EMPTY_JSON_OBJECT).problem(400)
                .getString("code"), "a challenge needs the importer's nonce");
        String importerNonce = "importer-nonce-" + RUN + "-0123456789";
        JsonObject challenge = b.api.post("/api/chum-protocol/challenge",
                Json.createObjectBuilder().add("importerNonce", importerNonce).build()).expect(200).json();
        assertEquals(ChumSettings.PROTOCOL_VERSION, challenge.getInt("protocolVersion"));
        assertEquals(b.owner, challenge.getString("personId"));
        assertEquals(b.publicKey, challenge.getString("publicKey"));
        JsonObject forged = Json.createObjectBuilder().add("protocolVersion", ChumSettings.PROTOCOL_VERSION)
                .add("nonce", challenge.getString("nonce")).add("importerNonce", importerNonce).add("chumId", "forged-" + RUN)
                .add("initiator", true).add("renew", false).add("importerInstance", c.name).add("importerPerson", c.owner)
                .add("exporterInstance", b.name).add("exporterPerson", b.owner).add("exporterKey", b.publicKey)
                .add("exporterEphemeralKey", challenge.getString("ephemeralKey"))
                .add("importerEphemeralKey", challenge.getString("ephemeralKey")).add("chumName", "forged")
                .add("keepRunning", false).add("maxNotificationDelay", 20)
                .add("signature", java.util.Base64.getEncoder().encodeToString(new byte[64])).build();
        assertEquals("CHUM-AUTH1", b.api.post("/api/chum-protocol/handshake", forged).problem(401).getString("code"));
        // the nonce was used up by the failed attempt
        assertEquals("CHUM-AUTH1", b.api.post("/api/chum-protocol/handshake", forged).problem(401).getString("code"));
        b.api.get("/api/chums/forged-" + RUN).problem(404);
    }

    // ------------------------------------------------------------------ 2. one-shot

    @Test
    @Order(2)
    void aOneShotChumLeavesEachSideWithExactlyWhatItMaySeeAndASecondTransfersNothing() throws Exception {
        String bob = b.owner;
        String carol = c.owner;
        String bPrivate = note(b, "b private " + RUN, null, null, List.of());
        String bBlob = blob(b, "b shared attachment " + RUN);
        String bClob = clob(b, "b shared body " + RUN);
        String bChild = note(b, "b shared child " + RUN, null, null, List.of());
        String bShared = note(b, "b shared " + RUN, bBlob, bClob, List.of(bChild));
        grant(b, bShared, List.of(carol), List.of());
        JsonObject roadmap1 = doc(b, "roadmap " + RUN, 1, null);
        JsonObject roadmap2 = doc(b, "roadmap " + RUN, 2, blob(b, "roadmap v2 " + RUN));
        grantId(b, roadmap1.getString("idHash"), List.of(carol), List.of());
        String friends = group(b, "friends " + RUN, List.of(carol));
        String forFriends = note(b, "for friends " + RUN, null, null, List.of(note(b, "friends child " + RUN, null, null, List.of())));
        grant(b, forFriends, List.of(), List.of(friends));
        String common = note(b, "common " + RUN, null, null, List.of());
        grant(b, common, List.of(carol), List.of());

        String cPrivate = note(c, "c private " + RUN, null, null, List.of());
        String cShared = note(c, "c shared " + RUN, blob(c, "c blob " + RUN), null, List.of());
        grant(c, cShared, List.of(bob), List.of());
        assertEquals(common, note(c, "common " + RUN, null, null, List.of()));
        grant(c, common, List.of(bob), List.of());

        Set<String> bExpected = union(content(b), visible(c, bob));
        Set<String> cExpected = union(content(c), visible(b, carol));
        assertTrue(visible(b, carol).containsAll(Set.of("OBJECT:" + bShared, "OBJECT:" + bChild, "BLOB:" + bBlob,
                "CLOB:" + bClob, "OBJECT:" + roadmap1.getString("hash"), "OBJECT:" + roadmap2.getString("hash"),
                "ID:" + roadmap1.getString("idHash"), "OBJECT:" + forFriends)));

        String id = start(c, b, "one-shot " + RUN, false);
        List<JsonObject> ended = awaitBothEnded(id, c, b);

        assertEquals(cExpected, content(c), "c holds its own data plus exactly what b lets carol see");
        assertEquals(bExpected, content(b), "b holds its own data plus exactly what c lets bob see");
        assertFalse(content(c).contains("OBJECT:" + bPrivate));
        assertFalse(content(b).contains("OBJECT:" + cPrivate));
        JsonObject ofC = ended.get(0);
        JsonObject ofB = ended.get(1);
        for (JsonObject status : ended) {
            assertEquals("DONE", status.getString("state"), status.toString());
            assertTrue(status.getBoolean("fullSyncAchieved"));
            assertTrue(status.getJsonNumber("fullSyncTimestamp").longValue() > 0);
            assertEquals(0, status.getJsonArray("errors").size(), status.toString());
            assertEquals(status.getJsonObject("progress").getJsonNumber("total"), status.getJsonObject("progress").getJsonNumber("done"));
            assertNotNull(status.getString("logHash"));
        }
        assertEquals("INITIATOR", ofC.getString("role"));
        assertEquals("RESPONDER", ofB.getString("role"));
        assertEquals(ofC.getJsonObject("received"), ofB.getJsonObject("sent"));
        assertEquals(ofB.getJsonObject("received"), ofC.getJsonObject("sent"));
        assertEquals(1, ofC.getJsonNumber("exists").longValue(), "the common note was offered and not fetched");
        assertEquals(2, ofC.getJsonObject("received").getInt("blobs"));
        assertEquals(1, ofC.getJsonObject("received").getInt("clobs"));
        assertEquals(1, ofC.getJsonObject("received").getInt("idObjects"));
        assertEquals(1, ofB.getJsonObject("received").getInt("objects"));

        // both Chum log objects, true to what happened
        JsonObject logOfC = object(c, ofC.getString("logHash"));
        JsonObject logOfB = object(b, ofB.getString("logHash"));
        assertEquals("Chum", logOfC.getString("$type$"));
        assertEquals("one-shot " + RUN, logOfC.getString("name"));
        // as in one.core: the instances in name order, the persons in their instances' order, on both sides
        assertEquals(List.of(b.name, c.name), strings(logOfC.getJsonArray("instance")));
        assertEquals(List.of(bob, carol), strings(logOfC.getJsonArray("person")));
        assertEquals(List.of(b.name, c.name), strings(logOfB.getJsonArray("instance")));
        assertEquals(List.of(bob, carol), strings(logOfB.getJsonArray("person")));
        assertEquals(ofC.getJsonNumber("fullSyncTimestamp").doubleValue(), logOfC.getJsonNumber("highestRemoteTimestamp").doubleValue());
        assertEquals(sorted(bBlob, hashOf(roadmap2, "attachment", b)), strings(logOfC.getJsonArray("BtoABlob")));
        assertEquals(List.of(bClob), strings(logOfC.getJsonArray("BtoAClob")));
        assertEquals(List.of(roadmap1.getString("idHash")), strings(logOfC.getJsonArray("BtoAIdObjects")));
        assertEquals(logOfC.getJsonArray("BtoAObjects"), logOfB.getJsonArray("AtoBObjects"));
        assertEquals(logOfC.getJsonArray("AtoBObjects"), logOfB.getJsonArray("BtoAObjects"));
        assertEquals(List.of(cShared), strings(logOfC.getJsonArray("AtoBObjects")));
        assertEquals(1, logOfC.getJsonNumber("BtoAExists").intValue());
        assertEquals("initiator", logOfC.getJsonObject("statistics").getString("role"));
        assertEquals("DONE", logOfB.getJsonObject("statistics").getString("state"));

        // a second Chum between the pair starts at the checkpoints and transfers nothing
        String again = start(b, c, "second " + RUN, false);
        for (JsonObject status : awaitBothEnded(again, b, c)) {
            assertEquals("DONE", status.getString("state"));
            assertTrue(status.getBoolean("fullSyncAchieved"));
            assertEquals(0, total(status.getJsonObject("received")), status.toString());
            assertEquals(0, total(status.getJsonObject("sent")), status.toString());
            assertEquals(0, status.getJsonObject("progress").getJsonNumber("total").longValue(), "nothing even listed");
        }
        assertEquals(cExpected, content(c));
        assertEquals(bExpected, content(b));

        // the same through the Java API (CDI): a handle with the full-sync signal and the log object's stage
        JsonObject viaJava = c.api.post("/api/chum-probe/java-chum", options(c, b, "java " + RUN, false).build()).expect(200).json();
        assertEquals("DONE", viaJava.getString("state"));
        assertEquals("Chum", viaJava.getString("logType"));
        assertEquals(viaJava.getString("logHash"), viaJava.getString("statusLogHash"));
        assertEquals("DONE", c.api.get("/api/chums/" + viaJava.getString("id")).expect(200).json().getString("state"));
        JsonArray listed = c.api.get("/api/chums").expect(200).json().getJsonArray("chums");
        assertTrue(listed.getValuesAs(JsonObject.class).stream().map(status -> status.getString("id")).toList()
                .containsAll(List.of(id, again, viaJava.getString("id"))));
    }

    // ------------------------------------------------------------------ 3. keepRunning

    @Test
    @Order(3)
    void keepRunningCarriesANewWriteAndANewGrantButNothingRevokedAndStopsCleanly() throws Exception {
        String carol = c.owner;
        JsonObject plan1 = doc(b, "plan " + RUN, 1, null);
        String planId = plan1.getString("idHash");
        grantId(b, planId, List.of(carol), List.of());
        String old = note(b, "old, granted later " + RUN, null, null, List.of());

        String id = start(c, b, "keep running " + RUN, true);
        awaitStatus(c, id, status -> status.getBoolean("fullSyncAchieved"));
        awaitStatus(b, id, status -> status.getBoolean("fullSyncAchieved"));
        assertTrue(content(c).contains("OBJECT:" + plan1.getString("hash")));
        assertEquals("RUNNING", c.api.get("/api/chums/" + id).json().getString("state"));

        String fresh = note(b, "new write " + RUN, blob(b, "new blob " + RUN), null, List.of());
        grant(b, fresh, List.of(carol), List.of());
        long newWrite = awaitContent(c, "OBJECT:" + fresh);
        JsonObject plan2 = doc(b, "plan " + RUN, 2, null);
        long newVersion = awaitContent(c, "OBJECT:" + plan2.getString("hash"));
        grant(b, old, List.of(carol), List.of());
        long newGrant = awaitContent(c, "OBJECT:" + old);
        String reply = note(c, "reply " + RUN, null, null, List.of());
        grant(c, reply, List.of(b.owner), List.of());
        long otherWay = awaitContent(b, "OBJECT:" + reply);
        System.out.printf("keepRunning over HTTP (maxNotificationDelay 20 ms): new write %d ms, new version %d ms, "
                + "new grant %d ms, other direction %d ms%n", newWrite, newVersion, newGrant, otherWay);
        // Pushed, not polled: without the notification each would wait for the fallback poll, 0 to 10 s.
        for (long latency : List.of(newWrite, newVersion, newGrant, otherWay)) {
            assertTrue(latency < POLL_TIMEOUT_MILLIS / 4, "carried by a notification, not the fallback poll: " + latency + " ms");
        }

        // revoked: the next version does not arrive, though a later grant does
        grantId(b, planId, List.of(), List.of());
        JsonObject plan3 = doc(b, "plan " + RUN, 3, null);
        String control = note(b, "control " + RUN, null, null, List.of());
        grant(b, control, List.of(carol), List.of());
        awaitContent(c, "OBJECT:" + control);
        assertFalse(content(c).contains("OBJECT:" + plan3.getString("hash")), "a revoked person gets nothing new");

        JsonObject stopped = c.api.delete("/api/chums/" + id).expect(200).json();
        assertEquals("STOPPED", stopped.getString("state"));
        assertNotNull(stopped.getString("logHash"));
        JsonObject other = awaitStatus(b, id, status -> !status.getString("state").equals("RUNNING"));
        assertEquals("STOPPED", other.getString("state"));
        assertNotNull(other.getString("logHash"));
        assertEquals("Chum", object(b, other.getString("logHash")).getString("$type$"));
        assertEquals(stopped, c.api.delete("/api/chums/" + id).expect(200).json(), "stopping again answers the final status");
        assertFalse(content(c).contains("OBJECT:" + plan3.getString("hash")));
    }

    // ------------------------------------------------------------------ 4. tampering, 403

    /**
     * A man in the middle changes an object's microdata and a BLOB's bytes on their way from b to c:
     * c rejects both (hash check) and the note that references them (it would dangle), logs them,
     * stores the rest, and moves no checkpoint, so an honest Chum later brings what was missing. The
     * token the middle man saw gets nothing that carol may not see (403, nothing sent).
     */
    @Test
    @Order(4)
    void tamperedContentIsRejectedAndLoggedAndATokenGetsNothingInaccessible() throws Exception {
        String carol = c.owner;
        String tamperedBlob = blob(b, "tampered attachment " + RUN);
        String tamperedChild = note(b, "tampered note child " + RUN, null, null, List.of());
        String parent = note(b, "parent " + RUN, tamperedBlob, null, List.of(tamperedChild));
        grant(b, parent, List.of(carol), List.of());
        String untouched = note(b, "untouched " + RUN, blob(b, "untouched blob " + RUN), null, List.of());
        grant(b, untouched, List.of(carol), List.of());
        String hidden = note(b, "hidden " + RUN, null, null, List.of());
        String hiddenBlob = blob(b, "hidden blob " + RUN);

        try (TamperingProxy proxy = new TamperingProxy(b.url(), Set.of(tamperedBlob, tamperedChild))) {
            // the network between c and b is the proxy: c's pairing of b's owner names its URL
            repair(c, b, b.publicKey, proxy.url());
            String id = c.api.post("/api/chums", options(c, b, "tampered " + RUN, true).build()).expect(202).json().getString("id");
            JsonObject status = awaitStatus(c, id, s -> s.getJsonArray("errors").size() >= 3
                    && s.getJsonObject("progress").getJsonNumber("done").equals(s.getJsonObject("progress").getJsonNumber("total")));
            Map<String, String> codes = status.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                    .collect(Collectors.toMap(error -> error.getString("hash"), error -> error.getString("code")));
            assertEquals(Map.of(tamperedChild, "CHUM-HASH1", tamperedBlob, "OS-HASH1", parent, "OS-MREF1"), codes);
            assertFalse(status.getBoolean("fullSyncAchieved"));
            Set<String> cContent = content(c);
            assertTrue(cContent.contains("OBJECT:" + untouched), "the rest arrived");
            for (String rejected : List.of("OBJECT:" + tamperedChild, "BLOB:" + tamperedBlob, "OBJECT:" + parent)) {
                assertFalse(cContent.contains(rejected), rejected);
            }

            // what the middle man can do with carol's token: only what carol may see
            String token = proxy.tokens.get(proxy.tokens.size() - 1);
            JsonObject forbidden = Json.createObjectBuilder().add("entries", Json.createArrayBuilder()
                    .add(entry("OBJECT", untouched)).add(entry("OBJECT", hidden))).build();
            assertEquals("CHUM-DENIED1", protocol(b, "objects", token, forbidden).problem(403).getString("code"));
            JsonObject blobs = Json.createObjectBuilder().add("kind", "BLOB").add("hashes", Json.createArrayBuilder().add(hiddenBlob)).build();
            Reply refused = protocol(b, "content", token, blobs);
            assertEquals("CHUM-DENIED1", refused.problem(403).getString("code"));
            assertFalse(refused.body().contains("hidden blob"), "nothing of it is sent");
            JsonObject allowed = Json.createObjectBuilder().add("entries", Json.createArrayBuilder().add(entry("OBJECT", untouched))).build();
            assertEquals(untouched, protocol(b, "objects", token, allowed).expect(200).json().getJsonArray("objects")
                    .getJsonObject(0).getString("hash"));

            JsonObject stopped = c.api.delete("/api/chums/" + id).expect(200).json();
            assertEquals("STOPPED", stopped.getString("state"));
            JsonObject log = object(c, stopped.getString("logHash"));
            assertEquals(3, log.getJsonArray("errors").size(), log.toString());
            assertFalse(strings(log.getJsonArray("BtoAObjects")).contains(tamperedChild));
        } finally {
            repair(c, b, b.publicKey, b.url());
        }

        // an honest Chum afterwards brings what was rejected: the checkpoint did not move past it
        String honest = start(c, b, "honest " + RUN, false);
        JsonObject ofC = awaitBothEnded(honest, c, b).get(0);
        assertEquals("DONE", ofC.getString("state"));
        assertTrue(content(c).containsAll(Set.of("OBJECT:" + tamperedChild, "BLOB:" + tamperedBlob, "OBJECT:" + parent)));
        assertEquals(visible(b, carol), intersection(content(c), visible(b, carol)));
    }

    // ------------------------------------------------------------------ 5. version mismatch

    @Test
    @Order(5)
    void aProtocolVersionMismatchAbortsBothSidesWithAClearError() throws Exception {
        try (Api a = new Api(ItEnvironment.loopback(url))) {
            JsonObject instance = a.get("/api/instance").expect(200).json();
            String aName = instance.getString("name");
            String aOwner = instance.getJsonObject("owner").getString("idHash");
            String aUrl = ItEnvironment.loopback(url).replaceAll("/+$", "");
            a.post("/api/peers", peer(b.owner, b.publicKey, b.url())).status();
            b.api.post("/api/peers", peer(aOwner, instance.getString("publicKey"), aUrl)).status();
            String forA = note(b, "never sent to a " + RUN, null, null, List.of());
            grant(b, forA, List.of(aOwner), List.of());

            JsonObject options = Json.createObjectBuilder().add("remoteUrl", aUrl).add("localPersonId", b.owner)
                    .add("remotePersonId", aOwner).add("chumName", "mismatch " + RUN).add("localInstanceName", b.name)
                    .add("remoteInstanceName", aName).build();
            String id = b.api.post("/api/chums", options).expect(202).json().getString("id");
            JsonObject ofB = awaitStatus(b, id, status -> !status.getString("state").equals("RUNNING"));
            String expected = "CHUM-VERSION1: Chum protocol version mismatch: instance \"" + b.name + "\" speaks version "
                    + ChumSettings.PROTOCOL_VERSION + ", instance \"" + aName + "\" speaks version " + (ChumSettings.PROTOCOL_VERSION + 1);
            assertEquals("FAILED", ofB.getString("state"));
            JsonObject error = ofB.getJsonArray("errors").getJsonObject(0);
            assertEquals("CHUM-VERSION1", error.getString("code"));
            assertTrue(error.getString("message").endsWith(expected), error.toString());
            JsonObject ofA = awaitStatus(a, id, status -> !status.getString("state").equals("RUNNING"));
            assertEquals("FAILED", ofA.getString("state"));
            assertEquals(expected, ofA.getJsonArray("errors").getJsonObject(0).getString("message"));
            assertEquals(JsonValue.NULL, ofB.get("logHash"), "no exchange, no log");
            a.get("/api/objects/" + forA).problem(404);
        }
    }

    // ------------------------------------------------------------------ 6. kill -9 half way

    /**
     * b holds 2,000 notes with 4 KiB BLOBs for carol; c imports them and is killed (SIGKILL) half way.
     * Restarted on the same store directory (at a new port, which b learns by pairing again), c holds
     * only whole, verified objects; the next Chum fetches only what is missing and leaves both sides
     * with identical hash sets of what each may see.
     */
    @Test
    @Order(6)
    void aChumKilledHalfWayResumesAndCompletesWithIdenticalHashSets() throws Exception {
        JsonObject loaded = b.api.post("/api/chum-probe/bulk", Json.createObjectBuilder().add("type", NOTE).add("tag", "bulk " + RUN)
                .add("person", c.owner).add("count", 2000).add("size", 4096).add("perFolder", 100).build()).expect(200).json();
        assertEquals(2000, loaded.getInt("blobs"));
        Set<String> forCarol = visible(b, c.owner);

        String id = start(c, b, "killed " + RUN, false);
        JsonObject before = awaitStatus(c, id, status -> {
            long total = status.getJsonObject("progress").getJsonNumber("total").longValue();
            return total > 4000 && status.getJsonObject("progress").getJsonNumber("done").longValue() > total / 4;
        });
        c.process.kill();
        assertEquals("RUNNING", before.getString("state"), "killed while it ran: " + before);
        JsonObject ofB = awaitStatus(b, id, status -> !status.getString("state").equals("RUNNING"));
        assertEquals("FAILED", ofB.getString("state"), ofB.toString());
        assertNotNull(ofB.getString("logHash"), "b logged the broken Chum");

        c.api.close();
        c.start(Deployments.moduleWithProbesFile());
        c.ready();
        // c listens on another port now: replacing a pairing is its own call
        b.api.post("/api/peers", peer(c.owner, c.publicKey, c.url())).problem(409);
        repair(b, c, c.publicKey, c.url());
        JsonObject verified = c.api.get("/api/chum-probe/verify").expect(200).json();
        assertEquals(0, verified.getJsonArray("failed").size(), verified.toString());
        Set<String> storedBefore = intersection(content(c), forCarol);
        assertTrue(storedBefore.size() > 0 && storedBefore.size() < forCarol.size(), "stored before the kill: " + storedBefore.size());
        assertFalse(c.api.get("/api/chums").json().getJsonArray("chums").getValuesAs(JsonObject.class).stream()
                .anyMatch(status -> status.getString("id").equals(id)), "a restarted instance forgot the old Chum");

        String resumed = start(c, b, "resumed " + RUN, false);
        List<JsonObject> ended = awaitBothEnded(resumed, c, b);
        for (JsonObject status : ended) {
            assertEquals("DONE", status.getString("state"), status.toString());
        }
        assertEquals(forCarol.size() - storedBefore.size(), total(ended.get(0).getJsonObject("received")),
                "nothing stored before the kill is fetched again");
        assertEquals(forCarol, intersection(content(c), forCarol), "c holds everything b lets carol see");
        assertEquals(visible(c, b.owner), intersection(content(b), visible(c, b.owner)), "and the other way round");
        assertEquals(0, c.api.get("/api/chum-probe/verify").json().getJsonArray("failed").size());
    }

    // ------------------------------------------------------------------ 7. pairing cannot be hijacked

    @Test
    @Order(7)
    void rePairingWithAnotherKeyIsAConflictAndUnpairingEndsARunningChumAtOnce() throws Exception {
        Reply conflict = b.api.post("/api/peers", peer(c.owner, Keys.fresh().publicKey(), c.url()));
        assertEquals("CHUM-PAIRED1", conflict.problem(409).getString("code"));
        assertEquals(c.publicKey, b.api.get("/api/peers/" + c.owner).expect(200).json().getString("publicKey"), "unchanged");
        b.api.post("/api/peers", peer(c.owner, c.publicKey, c.url())).expect(200);

        String id = start(c, b, "unpaired " + RUN, true);
        awaitStatus(c, id, status -> status.getBoolean("fullSyncAchieved"));
        awaitStatus(b, id, status -> status.getBoolean("fullSyncAchieved"));
        long unpaired = System.nanoTime();
        b.api.delete("/api/peers/" + c.owner).expect(204);
        List<JsonObject> ended = awaitBothEnded(id, c, b);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - unpaired);

        JsonObject ofB = ended.get(1);
        assertEquals("FAILED", ofB.getString("state"), ofB.toString());
        assertTrue(ofB.getJsonArray("errors").getValuesAs(JsonObject.class).stream().anyMatch(error ->
                error.getString("code").equals("CHUM-UNPAIRED1") && error.getString("message").contains(c.owner)), ofB.toString());
        assertTrue(Set.of("FAILED", "STOPPED").contains(ended.get(0).getString("state")), ended.get(0).toString());
        // both long polls were woken, far before the fallback poll
        assertTrue(millis < POLL_TIMEOUT_MILLIS, "ended " + millis + " ms after the unpairing");
        b.api.get("/api/peers/" + c.owner).problem(404);

        // c's side is a job: it keeps trying, with backoff, until it is stopped there
        assertNotNull(c.api.get("/api/chums/" + id).expect(200).json().getJsonObject("job"), "a keepRunning Chum is a job");
        JsonObject job = awaitStatus(c, id, status -> status.getJsonObject("job").getInt("failures") >= 1).getJsonObject("job");
        assertTrue(job.getJsonNumber("runs").longValue() >= 2, "it ran again and failed: " + job);
        assertFalse(job.isNull("lastError"), job.toString());
        c.api.delete("/api/chums/" + id).expect(200);
        assertTrue(c.api.get("/api/chums").expect(200).json().getJsonArray("jobs").isEmpty(), "a stopped job is gone");
        b.api.post("/api/peers", peer(c.owner, c.publicKey, c.url())).expect(201);
    }

    // ------------------------------------------------------------------ 8. mutual authentication

    @Test
    @Order(8)
    void aChumToAnInstanceWithoutThePairedKeyOrThroughARelayFailsBeforeAnythingMoves() throws Exception {
        String note = note(b, "for carol, never through a relay " + RUN, null, null, List.of());
        grant(b, note, List.of(c.owner), List.of());
        try {
            // 1. c paired b's owner with a key that is not b's: b's own challenge fails c's check
            repair(c, b, Keys.fresh().publicKey(), b.url());
            JsonObject wrongKey = awaitStatus(c, start(c, b, "wrong key " + RUN, false), ended());
            assertEquals("FAILED", wrongKey.getString("state"));
            assertTrue(firstError(wrongKey).contains("not the key paired with person " + b.owner), wrongKey.toString());
            b.api.get("/api/chums/" + wrongKey.getString("id")).problem(404);

            // 2. mallory, whom c paired under b's owner, relays to b and signs challenges with her key
            Keys mallory = Keys.fresh();
            List<String> answersOfB = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (HostileProxy relay = new HostileProxy(b.url())) {
                relay.on("challenge", (request, target) -> {
                    HostileProxy.Answer real = target.forward(request);
                    String importerNonce = Json.createReader(new java.io.StringReader(new String(request, StandardCharsets.UTF_8)))
                            .readObject().getString("importerNonce");
                    return HostileProxy.Answer.of(200, "application/json", mallory.resign(real.body(), importerNonce));
                }).on("handshake", (request, target) -> {
                    HostileProxy.Answer answer = target.forward(request);
                    answersOfB.add(answer.status() + " " + new String(answer.body(), StandardCharsets.UTF_8));
                    return answer;
                });
                repair(c, b, mallory.publicKey(), relay.url());
                JsonObject relayed = awaitStatus(c, start(c, b, "relayed " + RUN, false), ended());
                assertEquals("FAILED", relayed.getString("state"));
                assertEquals(1, answersOfB.size());
                assertTrue(answersOfB.get(0).startsWith("401 ") && answersOfB.get(0).contains("meant for another instance"),
                        answersOfB.toString());
                b.api.get("/api/chums/" + relayed.getString("id")).problem(404);
            }
            assertFalse(content(c).contains("OBJECT:" + note), "nothing moved");
        } finally {
            repair(c, b, b.publicKey, b.url());
        }
    }

    // ------------------------------------------------------------------ 9. access control stays local

    /**
     * A paired peer (b, through a proxy that forges for it) lists and serves a Group named like one of
     * c's groups, with b's owner added, an Access of c's secret to b's owner, and a Person: c refuses
     * them all, and what b's owner may access at c is what it was.
     */
    @Test
    @Order(9)
    void forgedAccessControlObjectsFromAPairedPeerChangeNothingLocally() throws Exception {
        String teamName = "team " + RUN;
        String team = group(c, teamName, List.of(c.owner));
        String secret = note(c, "c's team secret " + RUN, null, null, List.of());
        grant(c, secret, List.of(), List.of(team));
        String shared = note(b, "shared with carol " + RUN, null, null, List.of());
        grant(b, shared, List.of(c.owner), List.of());
        JsonObject before = c.api.get("/api/persons/" + b.owner + "/accessible").expect(200).json();
        Forgery forged = Forgery.of(List.of(
                Forgery.object("Group", Json.createObjectBuilder().add("name", teamName)
                        .add("person", Json.createArrayBuilder().add(c.owner).add(b.owner))),
                Forgery.object("Access", Json.createObjectBuilder().add("object", secret)
                        .add("person", Json.createArrayBuilder().add(b.owner)).add("group", Json.createArrayBuilder())),
                Forgery.object("Person", Json.createObjectBuilder().add("email", "bob-" + RUN + "@evil.example"))));
        assertEquals(team, forged.idHashOf("Group"), "the forged group has the ID of c's group");

        try (HostileProxy forger = forged.proxyFor(b.url())) {
            repair(c, b, b.publicKey, forger.url());
            JsonObject status = awaitBothEnded(start(c, b, "forged " + RUN, false), c, b).get(0);
            Set<String> refused = status.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                    .filter(error -> error.getString("code").equals("CHUM-LOCAL1")).map(error -> error.getString("hash"))
                    .collect(Collectors.toSet());
            assertTrue(refused.containsAll(forged.objectHashes()), status.toString());
            assertTrue(forged.allHashes().containsAll(refused), status.toString());
            assertFalse(refused.contains(team), "c has its own group's ID object: it fetched nothing for it");
            assertTrue(content(c).contains("OBJECT:" + shared), "what b may share still arrived");
        } finally {
            repair(c, b, b.publicKey, b.url());
        }
        for (String hash : forged.objectHashes()) {
            assertEquals(404, c.api.get("/api/objects/" + hash).status(), hash);
        }
        assertEquals(before, c.api.get("/api/persons/" + b.owner + "/accessible").expect(200).json());
        assertEquals(200, c.api.get("/api/ids/" + team).status());
    }

    // ------------------------------------------------------------------ 10. a bounded client

    @Test
    @Order(10)
    void anOversizedAnswerFromAFakePeerFailsTheChumCleanly() throws Exception {
        Set<String> before = content(c);
        try (HostileProxy fake = new HostileProxy(b.url())) {
            fake.on("changes", (request, target) -> HostileProxy.Answer.streamed("application/json", out -> {
                out.write("{\"upToSeq\":1,\"checkpointSeq\":1,\"total\":1,\"entries\":[".getBytes(StandardCharsets.UTF_8));
                byte[] entry = ("{\"kind\":\"OBJECT\",\"hash\":\"" + "ab".repeat(32) + "\"},").getBytes(StandardCharsets.UTF_8);
                for (long sent = 0; sent < 2 * MAX_ANSWER_BYTES; sent += entry.length) {
                    out.write(entry);
                }
            }));
            repair(c, b, b.publicKey, fake.url());
            JsonObject status = awaitStatus(c, start(c, b, "oversized " + RUN, false), ended());
            assertEquals("FAILED", status.getString("state"));
            assertTrue(firstError(status).contains("larger than " + MAX_ANSWER_BYTES + " bytes"), status.toString());
        } finally {
            repair(c, b, b.publicKey, b.url());
        }
        assertEquals(before, content(c), "nothing stored");
        c.api.get("/health/ready").expect(200);
    }

    // ------------------------------------------------------------------ 11. the least a caller says, and what /metrics shows

    @Test
    @Order(11)
    void aChumNeedsOnlyThePeerAndMetricsShowItAndTheStore() throws Exception {
        Reply unnamed = c.api.post("/api/chums", Json.createObjectBuilder().add("remotePersonId", b.owner).build());
        assertTrue(unnamed.problem(400).getString("detail").contains("instanceName"), unnamed.body());

        c.api.put("/api/peers/" + b.owner, Json.createObjectBuilder().add("publicKey", b.publicKey).add("url", b.url())
                .add("instanceName", b.name).build()).expect(200);
        assertEquals(b.name, c.api.get("/api/peers/" + b.owner).expect(200).json().getString("instanceName"));
        String shared = note(b, "for the metrics " + RUN, blob(b, "metrics blob " + RUN), null, List.of());
        grant(b, shared, List.of(c.owner), List.of());

        // through the generated client, continuing the caller's trace: both instances run the Chum in it
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String id = Clients.of(c.url()).chum().startChum(new ChumSyncOptions().remotePersonId(b.owner),
                "00-" + traceId + "-00f067aa0ba902b7-01").getId();
        List<JsonObject> both = awaitBothEnded(id, c, b);
        JsonObject ended = both.get(0);
        assertEquals(traceId, ended.getString("traceId"), "the caller's trace, at the instance that started it");
        assertEquals(traceId, both.get(1).getString("traceId"), "the same trace at the other instance");
        assertEquals("DONE", ended.getString("state"), ended.toString());
        JsonObject options = ended.getJsonObject("options");
        assertEquals("chum", options.getString("chumName"));
        assertEquals(c.name, options.getString("localInstanceName"));
        assertEquals(b.name, options.getString("remoteInstanceName"));
        assertEquals(c.owner, options.getString("localPersonId"));
        long received = total(ended.getJsonObject("received"));
        assertEquals(2, received, "the note and its BLOB: " + ended);

        String metrics = scrape(c);
        assertEquals(received, metric(metrics, "syncms_chum_received_items", "chum=\"" + id + "\"", "peer=\"" + b.name + "\""));
        assertEquals(ended.getJsonObject("received").getJsonNumber("bytes").longValue(),
                metric(metrics, "syncms_chum_received_bytes", "chum=\"" + id + "\""));
        assertEquals(0, metric(metrics, "syncms_chum_running", "chum=\"" + id + "\""));
        assertEquals(-1, metric(metrics, "syncms_chum_lag", "chum=\"" + id + "\""), "no lag once ended");
        assertTrue(metric(metrics, "syncms_chum_ended_total", "state=\"DONE\"") >= 2, metrics);
        assertTrue(metric(metrics, "syncms_store_writes_total", "kind=\"blob\"") >= 1);
        long objects = metric(metrics, "syncms_store_writes_total", "kind=\"obj\"");
        assertTrue(objects >= 3, "the note, the Chum log and more: " + objects);
        assertTrue(metric(metrics, "syncms_store_commit_latency_seconds_count") >= 1, metrics);
        assertTrue(metric(metrics, "syncms_store_committed_bytes_total") > 0, metrics);
        assertEquals(c.api.get("/api/store").expect(200).json().getJsonNumber("lastSeq").longValue(),
                metric(metrics, "syncms_store_last_seq"));
        assertEquals(1, metric(metrics, "syncms_store_takes_writes"));
    }

    // ------------------------------------------------------------------ 12. a job outlives restarts of either side

    @Test
    @Order(12)
    void aKeepRunningChumIsAJobThatSurvivesARestartOfEitherInstanceAndCatchesUp() throws Exception {
        String id = c.api.post("/api/chums", Json.createObjectBuilder().add("remotePersonId", b.owner).add("chumName", "job " + RUN)
                .add("keepRunning", true).build()).expect(202).json().getString("id");
        awaitStatus(c, id, status -> status.getBoolean("fullSyncAchieved"));

        // the initiator is killed; it comes back on another port, which b learns by a new pairing
        c.process.kill();
        c.api.close();
        String whileCWasDown = note(b, "while c was down " + RUN, null, null, List.of());
        grant(b, whileCWasDown, List.of(c.owner), List.of());
        c.start(Deployments.moduleWithProbesFile());
        c.ready();
        repair(b, c, c.publicKey, c.url());
        awaitStored(c, whileCWasDown);
        JsonObject afterRestart = awaitStatus(c, id, status -> status.getString("state").equals("RUNNING")
                && status.getBoolean("fullSyncAchieved"));
        assertTrue(afterRestart.getJsonObject("job").getJsonArray("history").size() >= 1, afterRestart.toString());

        // the responder is killed; the job retries until it is back
        b.process.kill();
        b.api.close();
        b.start(Deployments.moduleWithProbesFile());
        b.ready();
        repair(c, b, b.publicKey, b.url(), b.name);
        repair(b, c, c.publicKey, c.url());
        String afterBRestarted = note(b, "after b restarted " + RUN, null, null, List.of());
        grant(b, afterBRestarted, List.of(c.owner), List.of());
        awaitStored(c, afterBRestarted);

        assertEquals("STOPPED", c.api.delete("/api/chums/" + id).expect(200).json().getString("state"));
        assertTrue(c.api.get("/api/chums").json().getJsonArray("jobs").isEmpty());
    }

    // ------------------------------------------------------------------ 13. progress as server-sent events

    @Test
    @Order(13)
    void aJobsProgressStreamsAsUnnamedServerSentEventsUntilItIsStopped() throws Exception {
        String id = c.api.post("/api/chums", Json.createObjectBuilder().add("remotePersonId", b.owner).add("chumName", "events " + RUN)
                .add("keepRunning", true).build()).expect(202).json().getString("id");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(c.url() + "/api/chums/" + id + "/events"))
                .header("Authorization", "Bearer " + io.syncms.testing.ItEnvironment.apiToken()).header("Accept", "text/event-stream").build();
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<java.net.http.HttpResponse<Void>> stream = http.sendAsync(request,
                java.net.http.HttpResponse.BodyHandlers.ofLines()).thenApply(response -> {
                    response.body().forEach(lines::add);
                    return null;
                });
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> lines.stream()
                .filter(line -> line.startsWith("data:")).map(line -> Json.createReader(new java.io.StringReader(line.substring(5))).readObject())
                .anyMatch(status -> status.getBoolean("fullSyncAchieved") && status.getJsonObject("job").getBoolean("running")));
        c.api.delete("/api/chums/" + id).expect(200);
        stream.get(30, TimeUnit.SECONDS);

        assertTrue(lines.stream().noneMatch(line -> line.startsWith("event:")), "unnamed events, for EventSource.onmessage: " + lines);
        List<Long> ids = lines.stream().filter(line -> line.startsWith("id:")).map(line -> Long.parseLong(line.substring(3).trim())).toList();
        assertTrue(ids.size() >= 2, lines.toString());
        for (int i = 1; i < ids.size(); i++) {
            assertEquals(ids.get(i - 1) + 1, ids.get(i), "ids count up: " + ids);
        }
        JsonObject last = lines.stream().filter(line -> line.startsWith("data:")).reduce((first, second) -> second)
                .map(line -> Json.createReader(new java.io.StringReader(line.substring(5))).readObject()).orElseThrow();
        assertEquals(id, last.getString("id"));

        // coming back to a Chum that ended and is no job: 204, so that an EventSource stops reconnecting
        java.net.http.HttpResponse<String> again = http.send(java.net.http.HttpRequest.newBuilder(request.uri())
                .header("Authorization", "Bearer " + io.syncms.testing.ItEnvironment.apiToken()).header("Last-Event-ID", "7").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(204, again.statusCode(), again.body());
        assertEquals(401, http.send(java.net.http.HttpRequest.newBuilder(request.uri()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode(), "the stream needs the token too");
    }

    static void awaitStored(Node node, String hash) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMillis(TIMEOUT_MILLIS)).pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> node.api.get("/api/objects/" + hash).status() == 200);
    }

    static String scrape(Node node) {
        return PrometheusText.scrape(node.url());
    }

    /** The value of the first sample of {@code name} whose labels contain every one of {@code labels}. */
    static long metric(String metrics, String name, String... labels) {
        return (long) PrometheusText.sample(metrics, name, labels)
                .orElseThrow(() -> new AssertionError("no sample " + name + " " + List.of(labels) + " in\n" + metrics));
    }

    static Predicate<JsonObject> ended() {
        return status -> !status.getString("state").equals("RUNNING");
    }

    static String firstError(JsonObject status) {
        return status.getJsonArray("errors").getJsonObject(0).getString("message");
    }

    // ------------------------------------------------------------------ helpers: data

    static JsonObject noteRecipe() {
        return Json.createObjectBuilder().add("$type$", "Recipe").add("name", NOTE).add("rule", Json.createArrayBuilder()
                .add(rule("text", Json.createObjectBuilder().add("type", "string"), false))
                .add(rule("attachment", Json.createObjectBuilder().add("type", "referenceToBlob"), true))
                .add(rule("body", Json.createObjectBuilder().add("type", "referenceToClob"), true))
                .add(rule("children", Json.createObjectBuilder().add("type", "bag").add("item", Json.createObjectBuilder()
                        .add("type", "referenceToObj").add("allowedTypes", Json.createArrayBuilder().add("*"))), true)))
                .build();
    }

    static JsonObject docRecipe() {
        return Json.createObjectBuilder().add("$type$", "Recipe").add("name", DOC).add("rule", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("itemprop", "title").add("isId", true))
                .add(rule("revision", Json.createObjectBuilder().add("type", "integer"), false))
                .add(rule("attachment", Json.createObjectBuilder().add("type", "referenceToBlob"), true)))
                .build();
    }

    static JsonObject rule(String itemprop, JsonObjectBuilder itemtype, boolean optional) {
        JsonObjectBuilder rule = Json.createObjectBuilder().add("itemprop", itemprop).add("itemtype", itemtype);
        return (optional ? rule.add("optional", true) : rule).build();
    }

    static String note(Node node, String text, String blob, String clob, List<String> children) {
        JsonObjectBuilder note = Json.createObjectBuilder().add("$type$", NOTE).add("text", text);
        if (blob != null) {
            note.add("attachment", blob);
        }
        if (clob != null) {
            note.add("body", clob);
        }
        if (!children.isEmpty()) {
            note.add("children", Json.createArrayBuilder(children));
        }
        return node.api.post("/api/objects", note.build()).json().getString("hash");
    }

    static JsonObject doc(Node node, String title, int revision, String blob) {
        JsonObjectBuilder doc = Json.createObjectBuilder().add("$type$", DOC).add("title", title).add("revision", revision);
        if (blob != null) {
            doc.add("attachment", blob);
        }
        return node.api.post("/api/objects", doc.build()).expect(201).json();
    }

    static String hashOf(JsonObject stored, String property, Node node) {
        return object(node, stored.getString("hash")).getString(property);
    }

    /** A stored object as JSON (asked for explicitly: the JAX-RS client's default Accept prefers text/html). */
    static JsonObject object(Node node, String hash) {
        Response response = node.api.client().target(node.url() + "/api/objects/" + hash).request("application/json").get();
        try (response) {
            assertEquals(200, response.getStatus(), () -> "GET /api/objects/" + hash);
            return Json.createReader(new java.io.StringReader(response.readEntity(String.class))).readObject();
        }
    }

    static String blob(Node node, String content) {
        return node.api.postBytes("/api/blobs", content.getBytes(StandardCharsets.UTF_8), "application/octet-stream")
                .json().getString("hash");
    }

    static String clob(Node node, String text) {
        return node.api.postBytes("/api/clobs", text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8")
                .json().getString("hash");
    }

    static void grant(Node node, String object, List<String> persons, List<String> groups) {
        node.api.post("/api/objects", access("Access", "object", object, persons, groups)).expect(201);
    }

    static void grantId(Node node, String idHash, List<String> persons, List<String> groups) {
        node.api.post("/api/objects", access("IdAccess", "id", idHash, persons, groups)).expect(201);
    }

    static String group(Node node, String name, List<String> persons) {
        return node.api.post("/api/objects", Json.createObjectBuilder().add("$type$", "Group").add("name", name)
                .add("person", Json.createArrayBuilder(persons)).build()).expect(201).json().getString("idHash");
    }

    static JsonObject access(String type, String target, String hash, List<String> persons, List<String> groups) {
        return Json.createObjectBuilder().add("$type$", type).add(target, hash)
                .add("person", Json.createArrayBuilder(persons)).add("group", Json.createArrayBuilder(groups)).build();
    }

    static JsonObject entry(String kind, String hash) {
        return Json.createObjectBuilder().add("kind", kind).add("hash", hash).build();
    }

    // ------------------------------------------------------------------ helpers: Chums

    static void pair(Node node, Node other) {
        int status = node.api.post("/api/peers", peer(other.owner, other.publicKey, other.url())).status();
        assertTrue(status == 201 || status == 200, "pairing answered " + status);
    }

    /** Replaces the node's pairing of the other's owner (PUT /api/peers/{personId}). */
    static void repair(Node node, Node other, String publicKey, String url) {
        node.api.put("/api/peers/" + other.owner, Json.createObjectBuilder().add("publicKey", publicKey).add("url", url).build())
                .expect(200);
    }

    /** As {@link #repair(Node, Node, String, String)}, naming the other's instance. */
    static void repair(Node node, Node other, String publicKey, String url, String instanceName) {
        node.api.put("/api/peers/" + other.owner, Json.createObjectBuilder().add("publicKey", publicKey).add("url", url)
                .add("instanceName", instanceName).build()).expect(200);
    }

    static JsonObject peer(String personId, String publicKey, String url) {
        return Json.createObjectBuilder().add("personId", personId).add("publicKey", publicKey).add("url", url).build();
    }

    /** A Chum's options; the instance dials the URL it paired the remote person with. */
    static JsonObjectBuilder options(Node from, Node to, String name, boolean keepRunning) {
        return Json.createObjectBuilder().add("localPersonId", from.owner)
                .add("remotePersonId", to.owner).add("chumName", name).add("localInstanceName", from.name)
                .add("remoteInstanceName", to.name).add("keepRunning", keepRunning).add("maxNotificationDelay", 20);
    }

    static String start(Node from, Node to, String name, boolean keepRunning) {
        Reply started = from.api.post("/api/chums", options(from, to, name, keepRunning).build()).expect(202);
        String id = started.json().getString("id");
        assertTrue(started.location().endsWith("/api/chums/" + id), started.location());
        return id;
    }

    static Reply protocol(Node node, String operation, String token, JsonObject body) {
        Response response = node.api.client().target(node.url() + "/api/chum-protocol/" + operation).request()
                .header("Authorization", "Bearer " + token).post(Entity.json(body.toString()));
        try (response) {
            String type = response.getMediaType() == null ? null
                    : response.getMediaType().getType() + "/" + response.getMediaType().getSubtype();
            return new Reply(response.getStatus(), type, response.readEntity(String.class), null);
        }
    }

    /** Both sides' final statuses (the initiator's first). */
    static List<JsonObject> awaitBothEnded(String id, Node initiator, Node responder) throws Exception {
        CompletableFuture<JsonObject> other = CompletableFuture.supplyAsync(() ->
                awaitStatus(responder, id, status -> !status.getString("state").equals("RUNNING")));
        JsonObject mine = awaitStatus(initiator, id, status -> !status.getString("state").equals("RUNNING"));
        return List.of(mine, other.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
    }

    static JsonObject awaitStatus(Node node, String id, Predicate<JsonObject> condition) {
        return awaitStatus(node.api, id, condition);
    }

    static JsonObject awaitStatus(Api api, String id, Predicate<JsonObject> condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            Reply reply = api.get("/api/chums/" + id);
            if (reply.status() == 200) {
                last = reply.json();
                if (condition.test(last)) {
                    return last;
                }
            }
            sleep(20);
        }
        throw new AssertionError("Chum " + id + " at " + api.baseUrl() + " did not get there; last status: " + last);
    }

    /** Waits until the node holds the entry; returns how long that took (ms). */
    static long awaitContent(Node node, String entry) {
        long start = System.nanoTime();
        String[] parts = entry.split(":");
        String path = switch (parts[0]) {
            case "OBJECT" -> "/api/objects/";
            case "BLOB" -> "/api/blobs/";
            default -> throw new IllegalArgumentException(entry);
        };
        long deadline = start + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (node.api.get(path + parts[1]).status() == 200) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            sleep(2);
        }
        throw new AssertionError(entry + " never reached " + node.name);
    }

    // ------------------------------------------------------------------ helpers: sets

    static Set<String> content(Node node) {
        return strings(node.api.get("/api/chum-probe/content").expect(200).json().getJsonArray("entries")).stream()
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> visible(Node node, String person) {
        return strings(node.api.get("/api/chum-probe/visible/" + person).expect(200).json().getJsonArray("entries")).stream()
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    static List<String> sorted(String... values) {
        return new TreeSet<>(List.of(values)).stream().toList();
    }

    static long total(JsonObject counts) {
        return counts.getJsonNumber("objects").longValue() + counts.getJsonNumber("idObjects").longValue()
                + counts.getJsonNumber("blobs").longValue() + counts.getJsonNumber("clobs").longValue();
    }

    static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> union = new TreeSet<>(first);
        union.addAll(second);
        return union;
    }

    static Set<String> intersection(Set<String> first, Set<String> second) {
        Set<String> intersection = new TreeSet<>(first);
        intersection.retainAll(second);
        return intersection;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether every test passed, so the stores can go. */
    static final class Outcome implements TestWatcher {
        private volatile boolean failed;

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = true;
        }

        @Override
        public void testAborted(ExtensionContext context, Throwable cause) {
            failed = true;
        }

        boolean passed() {
            return !failed;
        }
    }
}
