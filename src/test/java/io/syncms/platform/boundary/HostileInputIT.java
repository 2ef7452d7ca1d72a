package io.syncms.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.testing.Api;
import io.syncms.testing.Deployments;
import io.syncms.testing.HostileRequests;
import io.syncms.testing.HostileRequests.Endpoint;
import io.syncms.testing.HostileRequests.Request;
import io.syncms.testing.ItEnvironment;
import io.syncms.testing.PayaraProcess;
import io.syncms.testing.TestFiles;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Ten thousand hostile requests (mutated bodies, media types, headers, paths and queries; see
 * {@link HostileRequests}) to every endpoint family of a real Payara Micro: none may get a 5xx or take
 * more than a few seconds, and afterwards the store still takes writes, every object stored before
 * still reads back, and the heap is about where it was. Prints what it sent and saw per endpoint
 * (and writes it to {@code target/hostile-input.md}).
 */
@EnabledIfSystemProperty(named = "arquillian.launch", matches = ".+", disabledReason = "an integration test: mvn verify runs it")
class HostileInputIT {

    static final String NAME = "hostile-" + Long.toString(System.currentTimeMillis(), 36);
    static final String NOTE = "HostileIt$Note";
    static final int PER_ENDPOINT = Integer.getInteger("hostile.per-endpoint", 400);
    static final long MAX_MILLIS = 5_000;

    static PayaraProcess instance;
    static Api api;
    static final Map<String, String> earlier = new LinkedHashMap<>();
    static final Map<String, String> placeholders = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        instance = PayaraProcess.start(NAME, List.of(), Map.of(), Deployments.moduleWithProbesFile());
        instance.awaitReady();
        // hostile requests get answers no well-behaved client meets (405, 406): not held to the contract here
        api = new Api(instance.baseUrl(), ItEnvironment.apiToken(), false);
        api.post("/api/recipes", Json.createObjectBuilder().add("$type$", "Recipe").add("name", NOTE).add("rule",
                Json.createArrayBuilder().add(Json.createObjectBuilder().add("itemprop", "text").add("itemtype",
                        Json.createObjectBuilder().add("type", "string").add("regexp", Json.createObjectBuilder()
                                .add("$regexp", "^(a+)+$|^[^!]*$"))))).build()).expect(201);
        for (int i = 0; i < 20; i++) {
            String hash = api.post("/api/objects", note("earlier " + i)).expect(201).json().getString("hash");
            earlier.put(hash, api.get("/api/objects/" + hash).expect(200).body());
        }
        String blob = api.postBytes("/api/blobs", "a blob".getBytes(StandardCharsets.UTF_8), "application/octet-stream")
                .expect(201).json().getString("hash");
        String clob = api.postBytes("/api/clobs", "a clob".getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8")
                .expect(201).json().getString("hash");
        JsonObject person = api.post("/api/objects", Json.createObjectBuilder().add("$type$", "Person")
                .add("email", "someone@example.com").build()).expect(201).json();
        api.put("/api/groups/hostile", Json.createObjectBuilder().add("role", "master").add("id", "m")
                .add("slaves", Json.createArrayBuilder().add("s")).add("settings", Json.createObjectBuilder()
                        .add("initTimeoutMs", 300).add("masterClockSyncFinishMs", 300)).build()).expect(201);
        placeholders.putAll(Map.of("hash", earlier.keySet().iterator().next(), "blob", blob, "clob", clob,
                "id", person.getString("idHash"), "group", "hostile", "peer", "ab".repeat(32)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        if (instance != null) {
            instance.close();
        }
        TestFiles.deleteTree(ItEnvironment.workDir().resolve("store-" + NAME));
        TestFiles.deleteTree(ItEnvironment.workDir().resolve("tmp-" + NAME));
    }

    static JsonObject note(String text) {
        return Json.createObjectBuilder().add("$type$", NOTE).add("text", text).build();
    }

    static List<Endpoint> endpoints() {
        String json = "application/json";
        String peer = "{\"personId\":\"" + "cd".repeat(32) + "\",\"publicKey\":\"" + java.util.Base64.getEncoder()
                .encodeToString(new byte[32]) + "\",\"url\":\"http://127.0.0.1:1\"}";
        return List.of(
                new Endpoint("join group", "PUT", "/api/groups/g{group}", json,
                        "{\"role\":\"slave\",\"id\":\"x\",\"slaves\":[],\"settings\":{\"initTimeoutMs\":200}}"),
                new Endpoint("group status", "GET", "/api/groups/{group}", null, null),
                new Endpoint("leave group", "DELETE", "/api/groups/none-{group}", null, null),
                new Endpoint("initialize", "POST", "/api/groups/{group}/initialize", null, null),
                new Endpoint("sync-out", "POST", "/api/groups/{group}/sync-out", json,
                        "{\"message\":{\"round\":1},\"resolveImmediately\":true}"),
                new Endpoint("sync-in", "POST", "/api/groups/{group}/sync-in", json, "{\"message\":\"fire\"}"),
                new Endpoint("switch sync-in", "PUT", "/api/groups/{group}/sync-in", json, "{\"enabled\":true}"),
                new Endpoint("deliveries", "GET", "/api/groups/{group}/deliveries?after=0&limit=10", null, null),
                new Endpoint("delivery stream", "GET", "/api/groups/{group}/deliveries/stream?after=0", null, null),
                new Endpoint("store object", "POST", "/api/objects", json, "{\"$type$\":\"" + NOTE + "\",\"text\":\"hello\"}"),
                new Endpoint("store access", "POST", "/api/objects", json, "{\"$type$\":\"Access\",\"object\":\"{hash}\","
                        + "\"person\":[\"{id}\"],\"group\":[]}"),
                new Endpoint("read object", "GET", "/api/objects/{hash}", null, null),
                new Endpoint("store blob", "POST", "/api/blobs", "application/octet-stream", "some bytes"),
                new Endpoint("read blob", "GET", "/api/blobs/{blob}", null, null),
                new Endpoint("store clob", "POST", "/api/clobs", "text/plain; charset=UTF-8", "some text"),
                new Endpoint("read clob", "GET", "/api/clobs/{clob}", null, null),
                new Endpoint("current version", "GET", "/api/ids/{id}", null, null),
                new Endpoint("versions", "GET", "/api/ids/{id}/versions", null, null),
                new Endpoint("accessible", "GET", "/api/persons/{id}/accessible", null, null),
                new Endpoint("register recipe", "POST", "/api/recipes", json, "{\"$type$\":\"Recipe\",\"name\":\"Fuzzed\","
                        + "\"rule\":[{\"itemprop\":\"a\",\"itemtype\":{\"type\":\"string\",\"regexp\":{\"$regexp\":\"^a+$\"}}}]}"),
                new Endpoint("pair", "POST", "/api/peers", json, peer),
                new Endpoint("replace pairing", "PUT", "/api/peers/{peer}", json, peer.replace("\"personId\":\"" + "cd".repeat(32)
                        + "\",", "")),
                new Endpoint("start chum", "POST", "/api/chums", json, "{\"localPersonId\":\"" + "ab".repeat(32)
                        + "\",\"remotePersonId\":\"" + "cd".repeat(32) + "\",\"chumName\":\"n\",\"localInstanceName\":\"" + NAME
                        + "\",\"remoteInstanceName\":\"r\",\"keepRunning\":false,\"maxNotificationDelay\":20}"),
                new Endpoint("chum status", "GET", "/api/chums/{peer}", null, null),
                new Endpoint("start chum, peer only", "POST", "/api/chums", json, "{\"remotePersonId\":\"" + "cd".repeat(32)
                        + "\",\"keepRunning\":true}"),
                new Endpoint("chum events", "GET", "/api/chums/{peer}/events", null, null),
                new Endpoint("pair with instance name", "POST", "/api/peers", json, peer.replace("}", ",\"instanceName\":\"r\"}")),
                new Endpoint("store batch", "POST", "/api/objects", "application/x-ndjson", "{\"$type$\":\"" + NOTE
                        + "\",\"text\":\"one\"}\n{\"$type$\":\"" + NOTE + "\",\"text\":\"two\"}\n"),
                new Endpoint("hash object", "POST", "/api/objects/hash", json, "{\"$type$\":\"" + NOTE + "\",\"text\":\"hello\"}"),
                new Endpoint("store status", "GET", "/api/store", null, null),
                new Endpoint("store check", "POST", "/api/store/check", null, null),
                new Endpoint("chum challenge", "POST", "/api/chum-protocol/challenge", json,
                        "{\"importerNonce\":\"nonce-of-the-importer-0123456789\"}"),
                new Endpoint("chum handshake", "POST", "/api/chum-protocol/handshake", json, "{\"protocolVersion\":2,\"nonce\":\"n\","
                        + "\"importerNonce\":\"i\",\"chumId\":\"c\",\"initiator\":true,\"renew\":false,\"importerInstance\":\"a\","
                        + "\"importerPerson\":\"{hash}\",\"exporterInstance\":\"b\",\"exporterPerson\":\"{hash}\",\"exporterKey\":\"k\","
                        + "\"exporterEphemeralKey\":\"e\",\"importerEphemeralKey\":\"e\",\"chumName\":\"n\",\"keepRunning\":false,"
                        + "\"maxNotificationDelay\":20,\"signature\":\"AA==\"}"),
                new Endpoint("chum changes", "POST", "/api/chum-protocol/changes", json, "{\"afterSeq\":0,\"limit\":10}"),
                new Endpoint("chum content", "POST", "/api/chum-protocol/content", json, "{\"kind\":\"BLOB\",\"hashes\":[\"{blob}\"]}"));
    }

    @Test
    void tenThousandHostileRequestsGetNoServerErrorAndChangeNothingThatWasStored() throws Exception {
        long heapBefore = api.get("/api/test-probe/heap").expect(200).json().getJsonNumber("usedBytes").longValue();
        HostileRequests generator = new HostileRequests(42, placeholders);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
        Map<String, Long> slowest = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        long worst = 0;
        int sent = 0;
        for (Endpoint endpoint : endpoints()) {
            for (Request request : generator.of(endpoint, PER_ENDPOINT)) {
                long started = System.nanoTime();
                int status = send(client, request);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                sent++;
                worst = Math.max(worst, millis);
                slowest.merge(endpoint.name(), millis, Math::max);
                statuses.computeIfAbsent(endpoint.name(), name -> new TreeMap<>()).merge(status, 1, Integer::sum);
                if (status >= 500 || millis > MAX_MILLIS) {
                    serverErrors.add(status + " after " + millis + " ms: " + request.describe());
                }
            }
        }
        long heapAfter = api.get("/api/test-probe/heap").expect(200).json().getJsonNumber("usedBytes").longValue();
        report(statuses, slowest, sent, worst, heapBefore, heapAfter, serverErrors.size());

        assertEquals(List.of(), serverErrors.subList(0, Math.min(20, serverErrors.size())), serverErrors.size() + " bad answers");
        assertTrue(worst <= MAX_MILLIS, "the slowest hostile request took " + worst + " ms");
        api.post("/api/objects", note("written after the storm")).expect(201);
        for (Map.Entry<String, String> object : earlier.entrySet()) {
            assertEquals(object.getValue(), api.get("/api/objects/" + object.getKey()).expect(200).body());
        }
        api.get("/health/ready").expect(200);
        assertTrue(heapAfter < heapBefore + (64L << 20), "heap grew from " + heapBefore + " to " + heapAfter + " bytes");
    }

    /** Sends one request with the run's token and reads at most 64 KiB of the answer (an event stream: nothing). */
    private static int send(HttpClient client, Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(instance.baseUrl() + request.path()))
                .timeout(Duration.ofSeconds(10))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        builder.header("Authorization", "Bearer " + ItEnvironment.apiToken());
        request.headers().forEach(builder::header);
        HttpResponse<InputStream> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IllegalArgumentException unsendable) {
            // a path or header the client itself refuses to send: nothing reached the server
            return 0;
        }
        try (InputStream body = response.body()) {
            if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                body.readNBytes(64 * 1024);
            }
        }
        return response.statusCode();
    }

    private static void report(Map<String, Map<Integer, Integer>> statuses, Map<String, Long> slowest, int sent, long worst,
                               long heapBefore, long heapAfter, int bad) throws IOException {
        StringBuilder table = new StringBuilder("| endpoint | requests | statuses | 5xx | slowest ms |\n|---|---:|---|---:|---:|\n");
        statuses.forEach((endpoint, counts) -> table.append("| ").append(endpoint).append(" | ")
                .append(counts.values().stream().mapToInt(Integer::intValue).sum()).append(" | ").append(counts).append(" | ")
                .append(counts.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum())
                .append(" | ").append(slowest.get(endpoint)).append(" |\n"));
        table.append("\n").append(sent).append(" hostile requests, ").append(bad).append(" answered 5xx or took over ")
                .append(MAX_MILLIS).append(" ms; slowest ").append(worst).append(" ms; heap after a full GC ")
                .append(heapBefore >> 20).append(" MiB before, ").append(heapAfter >> 20).append(" MiB after.\n");
        System.out.println(table);
        Files.writeString(ItEnvironment.workDir().getParent().resolve("hostile-input.md"), table);
    }
}
