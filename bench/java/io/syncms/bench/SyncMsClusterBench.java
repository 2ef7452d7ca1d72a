package io.syncms.bench;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.syncms.testing.ItEnvironment;
import io.syncms.testing.PayaraProcess;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SyncMS on one host: a master and three slaves, each its own Payara Micro process, one Hazelcast cluster.
 * Prints the clock-offset error (the true offset is 0 on one host), the sync-out delivery spread per
 * message over the slaves, the same spread for a plain Hazelcast topic broadcast, sync-in order and
 * window lateness at the master, and sync-out throughput. Writes the table to bench/results/syncms.md.
 *
 * <pre>bench/run SyncMsClusterBench [messages=1000] [syncInPerSlave=300] [clockRounds=5]</pre>
 */
public final class SyncMsClusterBench {

    private static final String GROUP = "bench";
    private static final String PATH = "/api/groups/" + GROUP;
    /** The same slaves in a second group whose master closes sync-in windows with EJB timers. */
    private static final String EJB_PATH = "/api/groups/bench-ejb";
    private static final List<String> SLAVES = List.of("s1", "s2", "s3");

    private final int messages;
    private final int syncInPerSlave;
    private final int clockRounds;
    private final JsonObject settings;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private JsonHttp master;
    private JsonHttp ejbMaster;
    private final Map<String, JsonHttp> slaves = new HashMap<>();
    private final List<String> report = new ArrayList<>();

    SyncMsClusterBench(int messages, int syncInPerSlave, int clockRounds) {
        this.messages = messages;
        this.syncInPerSlave = syncInPerSlave;
        this.clockRounds = clockRounds;
        this.settings = Json.createObjectBuilder()
                .add("initWaitMs", 100).add("initTimeoutMs", 120_000)
                .add("clockSyncIterations", 50).add("clockSyncCycleDelayMs", 10)
                .add("clockSyncTimeoutMs", 60_000).add("masterClockSyncFinishMs", 60_000)
                .add("deliveryHistory", 100_000).build();
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int syncIn = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        new SyncMsClusterBench(messages, syncIn, rounds).run();
        System.exit(0);
    }

    void run() throws Exception {
        List<PayaraProcess> processes = new ArrayList<>();
        try {
            System.out.println("starting 5 Payara Micro processes (master, 3 slaves, a second master using EJB timers) ...");
            for (String name : List.of("bench-master", "bench-s1", "bench-s2", "bench-s3")) {
                processes.add(PayaraProcess.start(name, List.of()));
            }
            processes.add(PayaraProcess.start("bench-master-ejb", List.of("-Dsyncms.sync-in-timers=ejb")));
            for (PayaraProcess process : processes) {
                process.awaitReady();
            }
            master = new JsonHttp(processes.get(0).baseUrl());
            for (int i = 0; i < SLAVES.size(); i++) {
                slaves.put(SLAVES.get(i), new JsonHttp(processes.get(i + 1).baseUrl()));
            }
            ejbMaster = new JsonHttp(processes.get(4).baseUrl());
            lifecycle();
            clockError();
            syncOutSpread();
            plainTopicSpread();
            syncInOrder(master, PATH, "managed scheduled executor");
            syncInOrder(ejbMaster, EJB_PATH, "EJB timers");
            syncOutThroughput();
            print();
        } finally {
            for (PayaraProcess process : processes) {
                process.close();
            }
            pool.shutdownNow();
        }
    }

    private List<JsonHttp> everyone(JsonHttp groupMaster) {
        List<JsonHttp> all = new ArrayList<>(List.of(groupMaster));
        SLAVES.forEach(id -> all.add(slaves.get(id)));
        return all;
    }

    private void lifecycle() {
        join(master, PATH);
        join(ejbMaster, EJB_PATH);
    }

    private void join(JsonHttp groupMaster, String path) {
        groupMaster.put(path, Json.createObjectBuilder().add("role", "master").add("id", "m")
                .add("slaves", Json.createArrayBuilder(SLAVES)).add("settings", settings).build(), 201);
        for (String id : SLAVES) {
            slaves.get(id).put(path, Json.createObjectBuilder().add("role", "slave").add("id", id)
                    .add("settings", settings).build(), 201);
        }
        for (String step : List.of("initialize", "clock-sync", "listen")) {
            onAll(groupMaster, path, step);
        }
    }

    private void onAll(String step) {
        onAll(master, PATH, step);
    }

    private void onAll(JsonHttp groupMaster, String path, String step) {
        List<CompletableFuture<JsonValue>> calls = everyone(groupMaster).stream()
                .map(api -> CompletableFuture.supplyAsync(() -> api.post(path + "/" + step, null, 200), pool)).toList();
        calls.forEach(CompletableFuture::join);
    }

    private void clockError() {
        List<Double> errors = new ArrayList<>();
        List<Double> bounds = new ArrayList<>();
        List<Double> oneWay = new ArrayList<>();
        for (int round = 0; round < clockRounds; round++) {
            if (round > 0) {
                onAll("clock-sync");
            }
            for (String id : SLAVES) {
                JsonObject clock = slaves.get(id).get(PATH).asJsonObject().getJsonObject("clock");
                errors.add(Math.abs(clock.getJsonNumber("offsetMs").doubleValue()));
                bounds.add(clock.getJsonNumber("errorBoundMs").doubleValue());
                oneWay.add(clock.getJsonNumber("oneWayDelayMs").doubleValue());
            }
        }
        Percentiles e = new Percentiles(errors);
        Percentiles b = new Percentiles(bounds);
        Percentiles w = new Percentiles(oneWay);
        row("clock-offset error, absolute offset (true offset 0), " + e.count() + " estimates", "ms", e.p(50), e.p(99), e.max());
        row("clock error bound (Cristian, RTT/2 of best samples)", "ms", b.p(50), b.p(99), b.max());
        row("one-way delay estimate", "ms", w.p(50), w.p(99), w.max());
    }

    private void syncOutSpread() throws InterruptedException {
        long after = lastSeq();
        for (int i = 0; i < messages; i++) {
            master.post(PATH + "/sync-out", Json.createObjectBuilder()
                    .add("message", Json.createObjectBuilder().add("n", i)).add("resolveImmediately", true).build(), 200);
            Thread.sleep(5);
        }
        Thread.sleep(1000);
        Map<String, List<Long>> byMessage = new HashMap<>();
        Set<String> withLateDelivery = new HashSet<>();
        long late = 0;
        for (String id : SLAVES) {
            for (JsonObject d : deliveriesAfter(slaves.get(id), after)) {
                if (d.getString("kind").equals("SYNC_OUT")) {
                    byMessage.computeIfAbsent(d.getString("messageId"), k -> new ArrayList<>()).add(d.getJsonNumber("deliveredAt").longValue());
                    if (d.getBoolean("late")) {
                        late++;
                        withLateDelivery.add(d.getString("messageId"));
                    }
                }
            }
        }
        Percentiles spread = spreadOf(byMessage);
        row("sync-out delivery spread, max-min deliveredAt over 3 slaves, " + spread.count() + " messages (" + late + " late deliveries)",
                "ms", spread.p(50) / 1000, spread.p(99) / 1000, spread.max() / 1000);
        Map<String, List<Long>> onTime = new HashMap<>(byMessage);
        onTime.keySet().removeAll(withLateDelivery);
        Percentiles onTimeSpread = spreadOf(onTime);
        row("the same, only the " + onTimeSpread.count() + " messages that reached every slave before deliverAt",
                "ms", onTimeSpread.p(50) / 1000, onTimeSpread.p(99) / 1000, onTimeSpread.max() / 1000);
    }

    private void plainTopicSpread() throws InterruptedException {
        Map<String, Long> afterBySlave = new HashMap<>();
        for (String id : SLAVES) {
            afterBySlave.put(id, lastSeq(slaves.get(id)));
        }
        ClientConfig config = new ClientConfig();
        config.setClusterName(ItEnvironment.clusterName());
        config.getNetworkConfig().addAddress("127.0.0.1:" + ItEnvironment.clusterStartPort());
        config.setProperty("hazelcast.logging.type", "none");
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        try {
            var topic = client.<String>getTopic("syncms." + GROUP + ".messages");
            for (int i = 0; i < messages; i++) {
                topic.publish("{\"plain\":" + i + "}");
                Thread.sleep(5);
            }
            Thread.sleep(1000);
        } finally {
            client.shutdown();
        }
        Map<String, List<Long>> byMessage = new HashMap<>();
        for (String id : SLAVES) {
            for (JsonObject d : deliveriesAfter(slaves.get(id), afterBySlave.get(id))) {
                if (d.getString("kind").equals("UNKNOWN")) {
                    byMessage.computeIfAbsent(d.get("message").toString(), k -> new ArrayList<>())
                            .add(d.getJsonNumber("deliveredAt").longValue());
                }
            }
        }
        Percentiles spread = spreadOf(byMessage);
        row("baseline: plain Hazelcast topic broadcast, arrival spread over 3 slaves, " + spread.count() + " messages",
                "ms", spread.p(50) / 1000, spread.p(99) / 1000, spread.max() / 1000);
    }

    private void syncInOrder(JsonHttp groupMaster, String path, String timers) {
        long after = lastSeq(groupMaster, path);
        groupMaster.put(path + "/sync-in", Json.createObjectBuilder().add("enabled", true).build(), 200);
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (String id : SLAVES) {
            senders.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < syncInPerSlave; i++) {
                    slaves.get(id).post(path + "/sync-in", Json.createObjectBuilder().add("message", i).build(), 202);
                }
            }, pool));
        }
        senders.forEach(CompletableFuture::join);
        sleepQuietly(1000);
        groupMaster.put(path + "/sync-in", Json.createObjectBuilder().add("enabled", false).build(), 200);
        List<JsonObject> delivered = deliveriesAfter(groupMaster, path, after);
        long outOfOrder = 0;
        long late = 0;
        List<Long> windowLateness = new ArrayList<>();
        List<Long> responseTimes = new ArrayList<>();
        for (int i = 0; i < delivered.size(); i++) {
            JsonObject d = delivered.get(i);
            late += d.getBoolean("late") ? 1 : 0;
            long deliveredAt = d.getJsonNumber("deliveredAt").longValue();
            windowLateness.add(deliveredAt - micros(d, "deliverAt"));
            responseTimes.add(deliveredAt - micros(d, "sentAt"));
            if (i > 0 && compare(delivered.get(i - 1), d) > 0) {
                outOfOrder++;
            }
        }
        JsonObject clock = groupMaster.get(path).asJsonObject().getJsonObject("clock");
        report.add(String.format(Locale.ROOT, "| sync-in (%s): %d messages from 3 slaves at once, delivered %d, out of send order %d, late %d (W = %.3f ms) | | | | |",
                timers, SLAVES.size() * syncInPerSlave, delivered.size(), outOfOrder, late, clock.getJsonNumber("maxWaitMs").doubleValue()));
        Percentiles lateness = new Percentiles(windowLateness);
        row("sync-in (" + timers + "): delivered after its window closed", "ms", lateness.p(50) / 1000, lateness.p(99) / 1000, lateness.max() / 1000);
        Percentiles response = new Percentiles(responseTimes);
        row("sync-in (" + timers + "): response time, sent -> master's application", "ms", response.p(50) / 1000, response.p(99) / 1000, response.max() / 1000);
    }

    private void syncOutThroughput() {
        long after = lastSeq(slaves.get("s1"));
        int clients = 4;
        int perClient = Math.max(250, messages / 2);
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            senders.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perClient; i++) {
                    master.post(PATH + "/sync-out", Json.createObjectBuilder().add("message", i).add("resolveImmediately", true).build(), 200);
                    sent.incrementAndGet();
                }
            }, pool));
        }
        senders.forEach(CompletableFuture::join);
        double seconds = (System.nanoTime() - start) / 1e9;
        sleepQuietly(1000);
        long received = deliveriesAfter(slaves.get("s1"), after).size();
        report.add(String.format(Locale.ROOT, "| sync-out throughput through REST, %d clients: %.0f messages/s (%d sent, %d delivered at s1) | | | | |",
                clients, sent.get() / seconds, sent.get(), received));
    }

    private void print() throws IOException {
        String header = "| measurement | unit | p50 | p99 | max |\n|---|---|---|---|---|\n";
        String machine = String.format("%s, %d cores, JDK %s, %s", Instant.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), payaraVersion());
        String table = "SyncMS cluster benchmark — " + machine + "\n\n" + header + String.join("\n", report) + "\n";
        System.out.println();
        System.out.println(table);
        Path results = Path.of("bench/results");
        Files.createDirectories(results);
        Files.writeString(results.resolve("syncms.md"), table);
    }

    private static String payaraVersion() {
        return "Payara Micro " + (Runtime.version().feature() >= 21 ? "7" : "6");
    }

    private void row(String what, String unit, double p50, double p99, double max) {
        report.add(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f |", what, unit, p50, p99, max));
    }

    private static Percentiles spreadOf(Map<String, List<Long>> byMessage) {
        List<Long> spreads = new ArrayList<>();
        for (List<Long> instants : byMessage.values()) {
            if (instants.size() == SLAVES.size()) {
                spreads.add(instants.stream().mapToLong(Long::longValue).max().getAsLong()
                        - instants.stream().mapToLong(Long::longValue).min().getAsLong());
            }
        }
        return new Percentiles(spreads);
    }

    private static int compare(JsonObject a, JsonObject b) {
        int bySentAt = a.getJsonNumber("sentAt").bigDecimalValue().compareTo(b.getJsonNumber("sentAt").bigDecimalValue());
        return bySentAt != 0 ? bySentAt : a.getString("from").compareTo(b.getString("from"));
    }

    private static long micros(JsonObject d, String key) {
        return d.getJsonNumber(key).bigDecimalValue().movePointRight(3).longValue();
    }

    private long lastSeq() {
        return lastSeq(master);
    }

    private static long lastSeq(JsonHttp api) {
        return lastSeq(api, PATH);
    }

    private static long lastSeq(JsonHttp api, String path) {
        return api.get(path).asJsonObject().getJsonObject("counters").getJsonNumber("delivered").longValue();
    }

    private static List<JsonObject> deliveriesAfter(JsonHttp api, long after) {
        return deliveriesAfter(api, PATH, after);
    }

    private static List<JsonObject> deliveriesAfter(JsonHttp api, String path, long after) {
        List<JsonObject> all = new ArrayList<>();
        long from = after;
        while (true) {
            JsonArray page = api.get(path + "/deliveries?after=" + from + "&limit=10000").asJsonObject().getJsonArray("deliveries");
            if (page.isEmpty()) {
                return all;
            }
            page.getValuesAs(JsonObject.class).forEach(all::add);
            from = all.get(all.size() - 1).getJsonNumber("seq").longValue();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
