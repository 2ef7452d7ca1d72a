package io.syncms.syncms.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.testing.Api;
import io.syncms.testing.ItEnvironment;
import io.syncms.testing.Deployments;
import io.syncms.testing.PayaraProcess;
import io.syncms.testing.PrometheusText;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.sse.SseEventSource;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SyncMS REST contract on real Payara Micro: the instance Arquillian manages plays the master, two more
 * Payara Micro processes in the same Hazelcast cluster play the slaves.
 */
@ExtendWith(ArquillianExtension.class)
class SyncMsIT {

    static final JsonObject FAST = Json.createObjectBuilder()
            .add("initWaitMs", 100).add("initTimeoutMs", 60_000)
            .add("clockSyncCycleDelayMs", 20).add("clockSyncIterations", 20)
            .add("clockSyncTimeoutMs", 30_000).add("masterClockSyncFinishMs", 30_000)
            // three JVMs (four with the test's) share two cores here, and a noisy host has taken a sync-in 120 ms
            // from slave to master: the margins leave room for that, so "late" means a defect, not the host
            .add("syncOutMarginMs", 500).add("syncInMarginMs", 500).build();

    static final ExecutorService calls = Executors.newCachedThreadPool();
    static PayaraProcess slaveA;
    static PayaraProcess slaveB;

    @ArquillianResource
    URL url;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.moduleWithProbes();
    }

    @BeforeAll
    static void startSlaves() throws Exception {
        slaveA = PayaraProcess.start("syncms-slave-a", List.of());
        slaveB = PayaraProcess.start("syncms-slave-b", List.of());
        slaveA.awaitReady();
        slaveB.awaitReady();
    }

    @AfterAll
    static void stopSlaves() throws Exception {
        calls.shutdownNow();
        if (slaveA != null) {
            slaveA.close();
        }
        if (slaveB != null) {
            slaveB.close();
        }
    }

    Api master() {
        return new Api(ItEnvironment.loopback(url));
    }

    static JsonObject join(String role, String id, List<String> slaves, JsonObject settings) {
        return Json.createObjectBuilder().add("role", role).add("id", id)
                .add("slaves", Json.createArrayBuilder(slaves)).add("settings", settings).build();
    }

    static JsonObject message(JsonValue message) {
        return Json.createObjectBuilder().add("message", message).build();
    }

    // ------------------------------------------------------------------ contract on one instance

    @Test
    void joiningAnswers201WithStatusAndLocationAndRefusesASecondParticipant() {
        try (Api api = master()) {
            Api.Reply created = api.put("/api/groups/contract-join", join("master", "m", List.of("a", "b"), FAST)).expect(201);
            assertTrue(created.location().endsWith("/api/groups/contract-join"), created.location());
            JsonObject status = created.json();
            assertEquals("contract-join", status.getString("group"));
            assertEquals("master", status.getString("role"));
            assertEquals("CREATED", status.getString("state"));
            assertFalse(status.getBoolean("syncInEnabled"));
            assertEquals(2, status.getJsonArray("slaves").size());
            assertEquals(100, status.getJsonObject("settings").getInt("initWaitMs"));
            assertEquals(10_000, status.getJsonObject("settings").getInt("deliveryHistory"), "defaults fill the rest");
            assertEquals("CREATED", api.get("/api/groups/contract-join").expect(200).json().getString("state"));

            Api.Reply same = api.put("/api/groups/contract-join", join("master", "m", List.of("a", "b"), FAST)).expect(200);
            assertEquals("contract-join", same.json().getString("group"), "the same PUT again: 200, idempotent");
            assertTrue(api.get("/api/groups").expect(200).json().getJsonArray("groups").getValuesAs(JsonObject.class).stream()
                    .anyMatch(group -> group.getString("group").equals("contract-join")), "listed, in a wrapping object");
            JsonObject again = api.put("/api/groups/contract-join", join("slave", "x", List.of(), FAST)).problem(409);
            assertEquals("already-participating", again.getString("reason"));
            assertEquals("SYNCMS-ALREADY-PARTICIPATING1", again.getString("code"), "code, as in every problem of the API");
            api.delete("/api/groups/contract-join").expect(204);
            api.get("/api/groups/contract-join").problem(404);
        }
    }

    @Test
    void malformedOrInvalidBodiesAre400WithAProblem() {
        try (Api api = master()) {
            api.send("PUT", "/api/groups/bad", "{\"role\":", "application/json").problem(400);
            api.send("PUT", "/api/groups/bad", "[1,2]", "application/json").problem(400);
            api.send("PUT", "/api/groups/bad", "", "application/json").problem(400);
            api.put("/api/groups/bad", Json.createObjectBuilder().add("role", "boss").add("id", "m").build()).problem(400);
            api.put("/api/groups/bad", Json.createObjectBuilder().add("role", "slave").add("id", "m").add("colour", "red").build()).problem(400);
            api.put("/api/groups/bad", join("master", "m", List.of("a"), Json.createObjectBuilder().add("initWaitMs", "fast").build())).problem(400);
            api.put("/api/groups/bad", join("master", "m", List.of("a"), Json.createObjectBuilder().add("noSuchSetting", 1).build())).problem(400);
            api.put("/api/groups/bad", join("master", "m", List.of("a"), Json.createObjectBuilder().add("initTimeoutMs", -5).build())).problem(400);
            api.put("/api/groups/bad", join("master", "m", List.of(), FAST)).problem(400);
            api.put("/api/groups/bad%20name", join("master", "m", List.of("a"), FAST)).problem(400);
            api.get("/api/groups/bad").problem(404);

            api.put("/api/groups/contract-body", join("master", "m", List.of("a"), FAST)).expect(201);
            api.post("/api/groups/contract-body/sync-out", Json.createObjectBuilder().add("msg", 1).build()).problem(400);
            api.send("PUT", "/api/groups/contract-body/sync-in", "{}", "application/json").problem(400);
            api.get("/api/groups/contract-body/deliveries?after=-1").problem(400);
            api.get("/api/groups/contract-body/deliveries?limit=0").problem(400);
            api.get("/api/groups/contract-body/deliveries?after=abc").problem(400);
            api.delete("/api/groups/contract-body").expect(204);
        }
    }

    @Test
    void oversizedBodiesAre413() {
        try (Api api = master()) {
            String huge = "{\"message\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
            api.send("PUT", "/api/groups/contract-big", huge, "application/json").problem(413);
            api.put("/api/groups/contract-big", join("master", "m", List.of("a"),
                    Json.createObjectBuilder(FAST).add("maxMessageBytes", 1000).build())).expect(201);
            api.post("/api/groups/contract-big/sync-out", message(Json.createValue("y".repeat(2000)))).problem(413);
            api.delete("/api/groups/contract-big").expect(204);
        }
    }

    @Test
    void unknownGroupsAre404() {
        try (Api api = master()) {
            for (String step : List.of("initialize", "clock-sync", "listen")) {
                assertEquals("group-not-found", api.post("/api/groups/nowhere/" + step, null).problem(404).getString("reason"));
            }
            api.post("/api/groups/nowhere/sync-out", message(JsonValue.TRUE)).problem(404);
            api.get("/api/groups/nowhere/deliveries").problem(404);
            api.delete("/api/groups/nowhere").problem(404);
            api.get("/api/no-such-resource").problem(404);
        }
    }

    @Test
    void stepsInTheWrongStateOrRoleOrThatTimedOutAre409WithTheirReason() {
        try (Api api = master()) {
            api.put("/api/groups/contract-state", join("master", "m", List.of("a"),
                    Json.createObjectBuilder(FAST).add("initTimeoutMs", 300).build())).expect(201);
            assertEquals("wrong-state", api.post("/api/groups/contract-state/clock-sync", null).problem(409).getString("reason"));
            assertEquals("wrong-state", api.post("/api/groups/contract-state/listen", null).problem(409).getString("reason"));
            assertEquals("wrong-state", api.post("/api/groups/contract-state/sync-out", message(JsonValue.TRUE)).problem(409).getString("reason"));
            assertEquals("wrong-role", api.post("/api/groups/contract-state/sync-in", message(JsonValue.TRUE)).problem(409).getString("reason"));
            JsonObject timeout = api.post("/api/groups/contract-state/initialize", null).problem(409);
            assertEquals("timeout", timeout.getString("reason"));
            assertTrue(timeout.getString("detail").contains("[a]"), timeout.getString("detail"));
            assertEquals("CREATED", api.get("/api/groups/contract-state").json().getString("state"));
            api.delete("/api/groups/contract-state").expect(204);
        }
    }

    @Test
    void injectedSyncMsIsTheParticipantConfiguredByMicroProfileConfig() {
        try (Api api = master()) {
            JsonObject configured = api.get("/api/test-probe/configured").expect(200).json();
            assertEquals("configured", configured.getString("group"));
            assertEquals("slave", configured.getString("role"));
            assertEquals("arquillian", configured.getString("id"));
            assertEquals("slave", api.get("/api/groups/configured").expect(200).json().getString("role"));
        }
    }

    // ------------------------------------------------------------------ three processes, one cluster

    @Test
    void secondMasterAndUnknownSlaveFailAcrossProcesses() {
        try (Api m = master(); Api a = new Api(slaveA.baseUrl()); Api b = new Api(slaveB.baseUrl())) {
            JsonObject slow = Json.createObjectBuilder(FAST).add("initTimeoutMs", 10_000).build();
            m.put("/api/groups/rivals", join("master", "m", List.of("x"), slow)).expect(201);
            CompletableFuture<Api.Reply> masterInit = CompletableFuture.supplyAsync(() -> m.post("/api/groups/rivals/initialize", null), calls);
            sleep(1000);
            a.put("/api/groups/rivals", join("master", "m2", List.of("x"), slow)).expect(201);
            assertEquals("second-master", a.post("/api/groups/rivals/initialize", null).problem(409).getString("reason"));
            assertEquals("FAILED", a.get("/api/groups/rivals").json().getString("state"));
            b.put("/api/groups/rivals", join("slave", "intruder", List.of(), slow)).expect(201);
            assertEquals("unknown-slave", b.post("/api/groups/rivals/initialize", null).problem(409).getString("reason"));
            assertEquals("timeout", masterInit.join().problem(409).getString("reason"));
            for (Api api : List.of(m, a, b)) {
                api.delete("/api/groups/rivals").expect(204);
            }
        }
    }

    @Test
    void masterAndTwoSlavesRunTheWholeLifecycle() throws Exception {
        try (Api m = master(); Api a = new Api(slaveA.baseUrl()); Api b = new Api(slaveB.baseUrl())) {
            String path = "/api/groups/game";
            m.put(path, join("master", "m", List.of("a", "b"), FAST)).expect(201);
            a.put(path, join("slave", "a", List.of(), FAST)).expect(201);
            b.put(path, join("slave", "b", List.of(), FAST)).expect(201);
            List<Api> all = List.of(m, a, b);

            for (String step : List.of("initialize", "clock-sync", "listen")) {
                List<CompletableFuture<Api.Reply>> replies = all.stream()
                        .map(api -> CompletableFuture.supplyAsync(() -> api.post(path + "/" + step, null), calls)).toList();
                for (CompletableFuture<Api.Reply> reply : replies) {
                    reply.get(120, TimeUnit.SECONDS).expect(200);
                }
            }
            for (Api slave : List.of(a, b)) {
                JsonObject clock = slave.get(path).json().getJsonObject("clock");
                double offset = clock.getJsonNumber("offsetMs").doubleValue();
                double bound = clock.getJsonNumber("errorBoundMs").doubleValue();
                // one host, one clock: the true offset is 0
                assertTrue(Math.abs(offset) <= bound, "offset " + offset + " ms outside its bound " + bound + " ms");
                assertEquals("LISTENING", slave.get(path).json().getString("state"));
            }
            JsonObject masterClock = m.get(path).json().getJsonObject("clock");
            assertTrue(masterClock.getJsonNumber("deliveryDelayMs").doubleValue() >= 500.0);

            List<String> streamed = new CopyOnWriteArrayList<>();
            try (SseEventSource events = SseEventSource.target(a.client().target(a.baseUrl() + path + "/deliveries/stream")).build()) {
                // keep-alive comments (every syncms.stream-heartbeat) carry no delivery
                events.register(event -> {
                    if (event.getId() != null) {
                        // unnamed, so that a browser's EventSource.onmessage gets it: the kind is in the data
                        String kind = Json.createReader(new java.io.StringReader(event.readData())).readObject().getString("kind");
                        streamed.add(event.getId() + ":" + kind + (event.getName() == null ? "" : " named " + event.getName()));
                    }
                });
                events.open();

                int messages = 30;
                for (int i = 0; i < messages; i++) {
                    JsonObject sent = m.post(path + "/sync-out", message(Json.createObjectBuilder().add("tick", i).build())).expect(200).json();
                    assertNotNull(sent.getString("messageId"));
                }
                eventually(() -> deliveries(a).size() == messages && deliveries(b).size() == messages, "30 sync-out at each slave");
                List<Long> spreads = new ArrayList<>();
                List<Long> lateness = new ArrayList<>();
                for (int i = 0; i < messages; i++) {
                    JsonObject atA = deliveries(a).getJsonObject(i);
                    JsonObject atB = deliveries(b).getJsonObject(i);
                    assertEquals(atA.getString("messageId"), atB.getString("messageId"));
                    for (JsonObject d : List.of(atA, atB)) {
                        assertEquals("SYNC_OUT", d.getString("kind"));
                        assertEquals(i, d.getJsonObject("message").getInt("tick"));
                        assertFalse(d.getBoolean("late"), d.toString());
                        long deliverAtMicros = d.getJsonNumber("deliverAt").bigDecimalValue().movePointRight(3).longValue();
                        assertEquals(deliverAtMicros, d.getJsonNumber("deliverAtMicros").longValue(), "the same instant, its unit named");
                        assertEquals(d.getJsonNumber("deliveredAt").longValue(), d.getJsonNumber("deliveredAtMicros").longValue());
                        assertTrue(d.getJsonNumber("deliveredAt").longValue() >= deliverAtMicros - 1_000, "early: " + d);
                        lateness.add(d.getJsonNumber("deliveredAt").longValue() - deliverAtMicros);
                    }
                    spreads.add(Math.abs(atA.getJsonNumber("deliveredAt").longValue() - atB.getJsonNumber("deliveredAt").longValue()));
                }
                spreads.sort(Comparator.naturalOrder());
                lateness.sort(Comparator.naturalOrder());
                long median = spreads.get(spreads.size() / 2);
                long medianLateness = lateness.get(lateness.size() / 2);
                System.out.printf("sync-out over %d messages: spread between slave processes median %d µs, p90 %d µs, max %d µs;"
                        + " delivered after deliverAt median %d µs, max %d µs%n", messages, median, spreads.get(spreads.size() * 9 / 10),
                        spreads.get(spreads.size() - 1), medianLateness, lateness.get(lateness.size() - 1));
                // D is at least 500 ms here, so "never early" (above) and a median within 2 ms of deliverAt show that
                // both slaves waited for the same instant. The tail is left to SyncMsClusterBench: with four JVMs on
                // two cores a delivery thread can wait tens of ms for a CPU (a quiet run: max 3.8 ms; a noisy one:
                // p90 6.5 ms, max 35 ms).
                assertTrue(median <= 2_000, "median spread " + median + " µs, all: " + spreads);
                assertTrue(medianLateness <= 2_000, "median time after deliverAt " + medianLateness + " µs, all: " + lateness);

                m.put(path + "/sync-in", Json.createObjectBuilder().add("enabled", true).build()).expect(200);
                int perSlave = 20;
                CompletableFuture<Void> fromA = CompletableFuture.runAsync(() -> sendSyncIns(a, path, "a", perSlave), calls);
                CompletableFuture<Void> fromB = CompletableFuture.runAsync(() -> sendSyncIns(b, path, "b", perSlave), calls);
                fromA.get(60, TimeUnit.SECONDS);
                fromB.get(60, TimeUnit.SECONDS);
                eventually(() -> deliveries(m).size() == 2 * perSlave, "40 sync-in at the master");
                JsonArray atMaster = deliveries(m);
                for (int i = 0; i < atMaster.size(); i++) {
                    JsonObject d = atMaster.getJsonObject(i);
                    assertEquals("SYNC_IN", d.getString("kind"));
                    assertFalse(d.getBoolean("late"), () -> "late: " + d + "\nall: " + atMaster + "\nmaster: " + m.get(path).body());
                    if (i > 0) {
                        JsonObject before = atMaster.getJsonObject(i - 1);
                        int order = before.getJsonNumber("sentAt").bigDecimalValue().compareTo(d.getJsonNumber("sentAt").bigDecimalValue());
                        assertTrue(order < 0 || (order == 0 && before.getString("from").compareTo(d.getString("from")) <= 0),
                                "out of send order: " + before + " then " + d);
                    }
                }
                Map<String, Long> bySender = atMaster.getValuesAs(JsonObject.class).stream()
                        .collect(Collectors.groupingBy(d -> d.getString("from"), Collectors.counting()));
                assertEquals(Map.of("a", 20L, "b", 20L), bySender);
                eventually(() -> deliveries(a).size() == messages + perSlave && deliveries(b).size() == messages + perSlave,
                        "each slave sees the other's 20 messages as CLIENT");
                for (Api slave : List.of(a, b)) {
                    List<JsonObject> clients = deliveries(slave).getValuesAs(JsonObject.class).subList(messages, messages + perSlave);
                    clients.forEach(d -> assertEquals("CLIENT", d.getString("kind")));
                }

                JsonObject observed = m.get("/api/test-probe/observed/game").expect(200).json();
                assertEquals(40, observed.getInt("observes"));
                eventually(() -> m.get("/api/test-probe/observed/game").json().getInt("observesAsync") == 40, "40 async CDI events");

                eventually(() -> streamed.size() == messages + perSlave, "SSE carried every delivery of slave a");
                for (int i = 0; i < streamed.size(); i++) {
                    assertEquals((i + 1) + ":" + (i < messages ? "SYNC_OUT" : "CLIENT"), streamed.get(i));
                }
            }
            m.put(path + "/sync-in", Json.createObjectBuilder().add("enabled", false).build()).expect(200);
            a.post(path + "/sync-in", message(Json.createValue("too late"))).expect(202);
            eventually(() -> m.get(path).json().getJsonObject("counters").getInt("syncInDropped") == 1, "dropped while disabled");

            // the same counts at /metrics, per group
            String atA = scrape(a.baseUrl());
            assertEquals(a.get(path).json().getJsonObject("counters").getInt("delivered"),
                    sample(atA, "syncms_group_deliveries", "group=\"game\""));
            assertEquals(50, sample(atA, "syncms_group_deliveries", "group=\"game\""));
            assertEquals(0, sample(atA, "syncms_group_deliveries_late", "group=\"game\""));
            assertTrue(sample(atA, "syncms_group_clock_error_bound_seconds", "group=\"game\"") > 0, atA);
            eventually(() -> sample(scrape(a.baseUrl()), "syncms_group_delivery_deviation_seconds_count", "kind=\"SYNC_OUT\"") == 30,
                    "a deviation per sync-out delivery at slave a");
            assertEquals(1, sample(scrape(m.baseUrl()), "syncms_group_sync_in_dropped", "group=\"game\""));
            for (Api api : all) {
                api.delete(path).expect(204);
            }
            assertFalse(scrape(a.baseUrl()).contains("group=\"game\""), "a group's metrics go when the instance leaves it");
        }
    }

    private static String scrape(String baseUrl) {
        return PrometheusText.scrape(baseUrl);
    }

    /** The value of the first sample of {@code name} whose labels contain every one of {@code labels}; -1 if none. */
    private static double sample(String metrics, String name, String... labels) {
        return PrometheusText.sample(metrics, name, labels).orElse(-1);
    }

    private static void sendSyncIns(Api slave, String path, String id, int count) {
        for (int i = 0; i < count; i++) {
            JsonObject sent = slave.post(path + "/sync-in", message(Json.createValue(id + i))).expect(202).json();
            assertEquals(i + 1, sent.getInt("seq"));
        }
    }

    private static JsonArray deliveries(Api api) {
        return api.get("/api/groups/game/deliveries?after=0").expect(200).json().getJsonArray("deliveries");
    }

    private static void eventually(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
