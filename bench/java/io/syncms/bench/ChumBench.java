package io.syncms.bench;

import io.syncms.testing.Deployments;
import io.syncms.testing.ItEnvironment;
import io.syncms.testing.PayaraProcess;
import io.syncms.testing.TestFiles;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Chum between two Payara Micro instances on this host against {@code git clone --bare --no-local}
 * of the same BLOBs.
 *
 * <p>Instance "a" holds {@code blobs} BLOBs of {@code size} random bytes and as many small notes
 * that each reference one, {@code perFolder} notes under a folder note that one Access grants to the
 * owner of "b" (loaded through a test-only bulk endpoint, not timed). "b" starts a one-shot Chum:
 * timed from {@code POST /api/chums} until both sides report DONE. Then {@code noops} more Chums
 * between the pair, which find nothing new after their checkpoints. The baseline is a git repository
 * holding the same BLOBs (made with {@code git fast-import}), cloned with
 * {@code git clone --bare --no-local} {@code clones} times.
 *
 * <p>The Chums run once with each store fsync mode of {@code fsync} (a fresh pair of instances each);
 * the first mode is the one compared with git.
 *
 * <pre>bench/run ChumBench [blobs=20000] [size=4096] [perFolder=100] [noops=10] [clones=3] [fsync=true,false]
 *     [fetchAhead=2] [fetchBatch=256] [pageSize=1000] [out=bench/results/chum.md] [keep=false]
 *     [jvm=-XX:StartFlightRecording=filename=target/chum-%p.jfr] (extra JVM options of both instances, comma-separated)</pre>
 */
public final class ChumBench {

    static final String NOTE = "Bench$Note";
    static final String TAG = "chum bench";

    private final Map<String, String> settings;
    private final int blobs;
    private final int size;
    private final Path work;
    private final List<String> notes = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();
    private double lastNoopMillis;
    /** "syncms" (the module's HTTP protocol, compared with git) or "one" (one.core's, compared with one.core). */
    private final String protocol;
    /** The one.core Chum measured on this machine with the same data (issue 13): items/s, and no-op resync seconds. */
    static final double ONE_CORE_ITEMS_PER_SECOND_LOW = 582;
    static final double ONE_CORE_ITEMS_PER_SECOND_HIGH = 762;
    static final double ONE_CORE_NOOP_SECONDS_LOW = 14;
    static final double ONE_CORE_NOOP_SECONDS_HIGH = 35;
    private double firstItemsPerSecond;

    private ChumBench(Map<String, String> settings) {
        this.settings = settings;
        this.blobs = intSetting("blobs", 20_000);
        this.size = intSetting("size", 4096);
        this.work = ItEnvironment.workDir().resolve("chum-bench-" + ProcessHandle.current().pid());
        this.protocol = settings.getOrDefault("protocol", "syncms");
    }

    public static void main(String[] args) throws Exception {
        new ChumBench(BenchHost.keyValueArguments(args)).run();
    }

    private void run() throws Exception {
        long start = System.nanoTime();
        String loadBefore = BenchHost.loadAverage();
        Files.createDirectories(work);
        List<String> modes = List.of(settings.getOrDefault("fsync", "true,false").split(","));
        double chumSeconds = 0;
        for (String fsync : modes) {
            double seconds = chums(Boolean.parseBoolean(fsync.trim()));
            if (fsync.equals(modes.get(0))) {
                chumSeconds = seconds;
                firstModeWarmSeconds = warmSeconds;
            }
        }
        if (isOne()) {
            String report = oneReport((System.nanoTime() - start) / 1e9, loadBefore);
            System.out.println(report);
            Path out = Path.of(settings.getOrDefault("out", "bench/results/one-chum.md"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
            System.out.println("written to " + out.toAbsolutePath());
            if (!Boolean.parseBoolean(settings.getOrDefault("keep", "false"))) {
                TestFiles.deleteTree(work);
            }
            return;
        }
        double gitSeconds = git();
        rows.add(new String[] {"**ratio** first Chum (fsync " + modes.get(0) + ") / git clone", "", "",
            String.format("%.1f", chumSeconds / gitSeconds), "", ""});
        if (firstModeWarmSeconds > 0) {
            rows.add(new String[] {"**ratio** the same with warm JVMs (fsync " + modes.get(0) + ") / git clone", "", "",
                String.format("%.1f", firstModeWarmSeconds / gitSeconds), "", ""});
        }
        notes.add("Load average (1, 5, 15 min) before the run: " + loadBefore + ", after: " + BenchHost.loadAverage()
                + " (the machine is shared; other work may have run at the same time).");
        String report = report((System.nanoTime() - start) / 1e9, chumSeconds, gitSeconds);
        System.out.println(report);
        Path out = Path.of(settings.getOrDefault("out", "bench/results/chum.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println("written to " + out.toAbsolutePath());
        if (!Boolean.parseBoolean(settings.getOrDefault("keep", "false"))) {
            TestFiles.deleteTree(work);
        }
    }

    // ---------------------------------------------------------------- the Chums

    /** Runs the Chums with a fresh pair of instances; returns the seconds of the first Chum. */
    private double chums(boolean fsync) throws Exception {
        Path war = Deployments.moduleWithProbesFile();
        Path stores = work.resolve("fsync-" + fsync);
        String mode = "fsync " + (fsync ? "on" : "off");
        List<String> options = new ArrayList<>(List.of("-Done.store.fsync=" + fsync,
                "-Dsyncms.chum.fetch-ahead=" + intSetting("fetchAhead", 2),
                "-Dsyncms.chum.fetch-batch-size=" + intSetting("fetchBatch", 256),
                "-Dsyncms.chum.page-size=" + intSetting("pageSize", 1000)));
        // e.g. jvm=-XX:StartFlightRecording=filename=target/chum.jfr to profile both instances
        String jvm = settings.getOrDefault("jvm", "");
        if (!jvm.isBlank()) {
            options.addAll(List.of(jvm.split(",")));
        }
        PayaraProcess a = null;
        PayaraProcess b = null;
        try {
            long boot = System.nanoTime();
            a = PayaraProcess.start("chum-bench-a", with(options, "-Done.store.dir=" + stores.resolve("store-a")), Map.of(), war);
            b = PayaraProcess.start("chum-bench-b", with(options, "-Done.store.dir=" + stores.resolve("store-b")), Map.of(), war);
            a.awaitReady();
            b.awaitReady();
            notes.add(String.format("%s: Payara Micro %s, both instances ready %.0f s after their start; options %s.",
                    mode, BenchHost.payaraVersion(), (System.nanoTime() - boot) / 1e9, options));
            JsonHttp httpA = new JsonHttp(a.baseUrl(), Duration.ofMinutes(30));
            JsonHttp httpB = new JsonHttp(b.baseUrl());
            JsonObject instanceA = httpA.get("/api/instance").asJsonObject();
            JsonObject instanceB = httpB.get("/api/instance").asJsonObject();
            for (JsonHttp http : List.of(httpA, httpB)) {
                http.post("/api/recipes", recipe(), 201);
            }
            httpA.post("/api/peers", peer(instanceB, b.baseUrl()), 201);
            httpB.post("/api/peers", peer(instanceA, a.baseUrl()), 201);

            String personB = instanceB.getJsonObject("owner").getString("idHash");
            JsonObject loaded = httpA.post("/api/chum-probe/bulk", Json.createObjectBuilder().add("type", NOTE).add("tag", TAG)
                    .add("person", personB).add("count", blobs).add("size", size)
                    .add("perFolder", intSetting("perFolder", 100)).add("threads", 8).build(), 200).asJsonObject();
            notes.add(String.format("%s: loading a (%,d BLOBs, %,d notes, %,d folders and grants) through the bulk endpoint took "
                    + "%.1f s (not part of any figure).", mode, loaded.getInt("blobs"), loaded.getInt("notes"), loaded.getInt("folders"),
                    loaded.getInt("millis") / 1000.0));
            Set<String> forB = entries(httpA.get("/api/chum-probe/visible/" + personB).asJsonObject());

            String remote = isOne() ? oneUrl(httpA, a, instanceB) : a.baseUrl();
            JsonObject options1 = chumOptions(instanceB, instanceA, remote, "bench first");
            long started = System.nanoTime();
            String id = httpB.post("/api/chums", options1, 202).asJsonObject().getString("id");
            JsonObject ofB = awaitEnded(httpB, id, 50);
            JsonObject ofA = awaitOther(httpA, id, 50);
            double seconds = (System.nanoTime() - started) / 1e9;
            requireDone(ofB, ofA);
            double serverSeconds = serverMillis(ofB, ofA) / 1000;
            firstItemsPerSecond = Math.max(firstItemsPerSecond, count(ofB.getJsonObject("received")) / seconds);
            JsonObject received = ofB.getJsonObject("received");
            long items = count(received);
            double megabytes = received.getJsonNumber("bytes").longValue() / 1e6;
            rows.add(row("first Chum, " + mode + String.format(" (%.2f s between the Chum's start and end as b and a logged them)",
                    serverSeconds), items, megabytes, seconds));
            Set<String> atB = entries(httpB.get("/api/chum-probe/content").asJsonObject());
            if (!atB.containsAll(forB)) {
                throw new IllegalStateException("b lacks " + (forB.size() - intersection(atB, forB)) + " of what a lets it see");
            }
            notes.add(String.format("%s, first Chum: b received %,d objects, %,d BLOBs, %,d ID objects, %,d CLOBs; every one of the "
                    + "%,d entries a lets b see is at b.", mode, received.getInt("objects"), received.getInt("blobs"),
                    received.getInt("idObjects"), received.getInt("clobs"), forB.size()));

            List<Double> noops = new ArrayList<>();
            List<Double> serverNoops = new ArrayList<>();
            for (int i = 0; i < intSetting("noops", 10); i++) {
                long noopStart = System.nanoTime();
                String again = httpB.post("/api/chums", chumOptions(instanceB, instanceA, remote, "bench no-op " + i), 202)
                        .asJsonObject().getString("id");
                JsonObject mine = awaitEnded(httpB, again, 25);
                JsonObject theirs = awaitOther(httpA, again, 25);
                noops.add((System.nanoTime() - noopStart) / 1e6);
                serverNoops.add(serverMillis(mine, theirs));
                requireDone(mine, theirs);
                if (count(mine.getJsonObject("received")) != 0 || count(theirs.getJsonObject("received")) != 0) {
                    throw new IllegalStateException("a no-op Chum transferred something: " + mine + " " + theirs);
                }
            }
            rows.add(noopRow("no-op Chum right after it, " + mode, noops.subList(0, 1), serverNoops.subList(0, 1)));
            rows.add(noopRow(String.format("no-op Chum, median of %d, %s", noops.size(), mode), noops, serverNoops));
            if (Boolean.parseBoolean(settings.getOrDefault("warm", "true"))) {
                warmChum(httpA, httpB, instanceA, instanceB, remote, personB, mode);
            }
            lastNoopMillis = Math.max(lastNoopMillis, median(serverNoops));
            return seconds;
        } finally {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
        }
    }

    /**
     * The same work again with both JVMs warm: a gets as many new notes and BLOBs (other content), and b
     * Chums them. The first Chum ran the code for the first time in each JVM (interpreted, then being
     * compiled); this one shows the steady state of a long-running instance.
     */
    private void warmChum(JsonHttp httpA, JsonHttp httpB, JsonObject instanceA, JsonObject instanceB, String remote,
                          String personB, String mode) throws Exception {
        httpA.post("/api/chum-probe/bulk", Json.createObjectBuilder().add("type", NOTE).add("tag", TAG + " warm")
                .add("person", personB).add("count", blobs).add("size", size)
                .add("perFolder", intSetting("perFolder", 100)).add("threads", 8).build(), 200);
        long started = System.nanoTime();
        String id = httpB.post("/api/chums", chumOptions(instanceB, instanceA, remote, "bench warm"), 202)
                .asJsonObject().getString("id");
        JsonObject ofB = awaitEnded(httpB, id, 50);
        JsonObject ofA = awaitOther(httpA, id, 50);
        double seconds = (System.nanoTime() - started) / 1e9;
        requireDone(ofB, ofA);
        JsonObject received = ofB.getJsonObject("received");
        rows.add(row("the same again with warm JVMs (as many new notes and BLOBs), " + mode
                + String.format(" (%.2f s as logged)", serverMillis(ofB, ofA) / 1000), count(received),
                received.getJsonNumber("bytes").longValue() / 1e6, seconds));
        warmSeconds = seconds;
    }

    private double warmSeconds;
    private double firstModeWarmSeconds;

    /** From the initiator's start to the later of the two ends, as the instances recorded them (one host, one clock). */
    private static double serverMillis(JsonObject initiator, JsonObject responder) {
        Instant start = Instant.parse(initiator.getString("startedAt"));
        Instant end = Instant.parse(initiator.getString("endedAt"));
        Instant otherEnd = Instant.parse(responder.getString("endedAt"));
        return Duration.between(start, end.isAfter(otherEnd) ? end : otherEnd).toNanos() / 1e6;
    }

    private static String[] noopRow(String what, List<Double> client, List<Double> server) {
        List<Double> sortedServer = server.stream().sorted().toList();
        return new String[] {what + String.format(" (as logged: %.0f ms, min %.0f, max %.0f)", median(server), sortedServer.get(0),
                sortedServer.get(sortedServer.size() - 1)), "0", "0", String.format("%.0f ms", median(client)), "", ""};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static JsonObject awaitEnded(JsonHttp http, String id, long pollMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonObject status = http.get("/api/chums/" + id).asJsonObject();
            if (!status.getString("state").equals("RUNNING")) {
                return status;
            }
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException("Chum " + id + " did not end");
    }

    private static void requireDone(JsonObject... statuses) {
        for (JsonObject status : statuses) {
            if (!status.getString("state").equals("DONE") || !status.getJsonArray("errors").isEmpty()) {
                throw new IllegalStateException("the Chum did not end DONE without errors: " + status);
            }
        }
    }

    // ---------------------------------------------------------------- git

    /** Returns the median seconds of the clones. */
    private double git() throws Exception {
        Path dir = work.resolve("git");
        Files.createDirectories(dir);
        Path source = dir.resolve("source.git");
        exec(dir, "git", "init", "-q", "--bare", source.toString());
        long start = System.nanoTime();
        Process fastImport = new ProcessBuilder("git", "--git-dir=" + source, "fast-import", "--quiet")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = fastImport.getOutputStream()) {
            for (int i = 0; i < blobs; i++) {
                byte[] bytes = blob(i);
                in.write(("blob\nmark :" + (i + 1) + "\ndata " + bytes.length + "\n").getBytes(StandardCharsets.US_ASCII));
                in.write(bytes);
                in.write('\n');
            }
            in.write(("commit refs/heads/main\ncommitter bench <bench@example.com> 0 +0000\ndata 5\nbench\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < blobs; i++) {
                in.write(String.format("M 100644 :%d blobs/%06d%n", i + 1, i).getBytes(StandardCharsets.US_ASCII));
            }
            in.write('\n');
        }
        if (fastImport.waitFor() != 0) {
            throw new IllegalStateException("git fast-import failed");
        }
        notes.add(String.format("git %s; the source repository (the same %,d BLOBs, one tree, one commit) was made with "
                + "git fast-import in %.1f s.", exec(dir, "git", "--version").replace("git version ", "").trim(), blobs,
                (System.nanoTime() - start) / 1e9));
        List<Double> times = new ArrayList<>();
        String objects = "";
        for (int i = 0; i < intSetting("clones", 3); i++) {
            Path clone = dir.resolve("clone-" + i + ".git");
            long cloneStart = System.nanoTime();
            exec(dir, "git", "clone", "-q", "--bare", "--no-local", source.toString(), clone.toString());
            times.add((System.nanoTime() - cloneStart) / 1e9);
            objects = exec(dir, "git", "--git-dir=" + clone, "count-objects", "-v");
            TestFiles.deleteTree(clone);
        }
        long inPack = objects.lines().filter(line -> line.startsWith("in-pack:"))
                .mapToLong(line -> Long.parseLong(line.substring("in-pack:".length()).trim())).findFirst().orElse(-1);
        List<Double> sorted = times.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        rows.add(row(String.format("git clone --bare --no-local, median of %d (%s s)", times.size(),
                String.join(", ", times.stream().map(t -> String.format("%.2f", t)).toList())), inPack,
                (double) blobs * size / 1e6, median));
        return median;
    }

    private static String exec(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** The bytes of BLOB i, as the bulk endpoint makes them. */
    private byte[] blob(int i) {
        byte[] bytes = new byte[size];
        new Random(TAG.hashCode() * 31L + i).nextBytes(bytes);
        return bytes;
    }

    // ---------------------------------------------------------------- JSON

    private static JsonObject recipe() {
        return Json.createObjectBuilder().add("$type$", "Recipe").add("name", NOTE).add("rule", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("itemprop", "text"))
                .add(Json.createObjectBuilder().add("itemprop", "attachment").add("optional", true)
                        .add("itemtype", Json.createObjectBuilder().add("type", "referenceToBlob")))
                .add(Json.createObjectBuilder().add("itemprop", "children").add("optional", true)
                        .add("itemtype", Json.createObjectBuilder().add("type", "bag").add("item", Json.createObjectBuilder()
                                .add("type", "referenceToObj").add("allowedTypes", Json.createArrayBuilder().add("*"))))))
                .build();
    }

    private static JsonObject peer(JsonObject instance, String url) {
        return Json.createObjectBuilder().add("personId", instance.getJsonObject("owner").getString("idHash"))
                .add("publicKey", instance.getString("publicKey")).add("url", url).build();
    }

    private JsonObject chumOptions(JsonObject local, JsonObject remote, String remoteUrl, String name) {
        return Json.createObjectBuilder().add("remoteUrl", remoteUrl).add("protocol", protocol)
                .add("localPersonId", local.getJsonObject("owner").getString("idHash"))
                .add("remotePersonId", remote.getJsonObject("owner").getString("idHash"))
                .add("chumName", name).add("localInstanceName", local.getString("name"))
                .add("remoteInstanceName", remote.getString("name")).build();
    }

    private boolean isOne() {
        return "one".equals(protocol);
    }

    /** Registers b as a ONE peer of a; the ws:// URL b dials. */
    private static String oneUrl(JsonHttp httpA, PayaraProcess a, JsonObject instanceB) throws Exception {
        JsonObject registered = httpA.post("/api/one-peers", Json.createObjectBuilder()
                .add("remotePersonId", instanceB.getJsonObject("owner").getString("idHash"))
                .add("remoteInstanceName", instanceB.getString("name")).add("keepRunning", false).build(), 201).asJsonObject();
        return a.baseUrl().replaceAll("/+$", "").replace("http://", "ws://") + registered.getString("path");
    }

    /**
     * The other side's status of a Chum: the same id for the module's protocol; over ONE's, whose sides
     * share no id, the newest responder Chum once it ended.
     */
    private JsonObject awaitOther(JsonHttp http, String id, long pollMillis) throws InterruptedException {
        if (!isOne()) {
            return awaitEnded(http, id, pollMillis);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonObject newest = null;
            for (JsonValue value : http.get("/api/chums").asJsonObject().getJsonArray("chums")) {
                JsonObject status = value.asJsonObject();
                if ("RESPONDER".equals(status.getString("role", null))
                        && (newest == null || status.getString("startedAt").compareTo(newest.getString("startedAt")) > 0)) {
                    newest = status;
                }
            }
            if (newest != null && !newest.getString("state").equals("RUNNING") && !seenResponders.contains(newest.getString("id"))) {
                seenResponders.add(newest.getString("id"));
                return newest;
            }
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException("The responder of Chum " + id + " did not end");
    }

    private final Set<String> seenResponders = new HashSet<>();

    private String oneReport(double totalSeconds, String loadBefore) throws java.io.IOException {
        StringBuilder md = new StringBuilder("# Chum benchmark over one.core's protocol 8\n\n");
        md.append(String.format("%s, %d cores, JDK %s, %s; %,d BLOBs of %,d bytes (random) plus %,d notes referencing them, "
                + "under folder notes granted to b; b dials a's /one-chum/<credential> over a loopback WebSocket. Total run %.0f s."
                + "%n%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name"), blobs, size, blobs, totalSeconds));
        notes.forEach(note -> md.append(note).append("\n\n"));
        notes.clear();
        md.append("Load average before: " + loadBefore + ", after: " + BenchHost.loadAverage() + ".\n\n");
        md.append("| what | items | MB | time | items/s | MB/s |\n|---|---:|---:|---:|---:|---:|\n");
        rows.forEach(row -> md.append(String.format("| %s | %s | %s | %s | %s | %s |%n", (Object[]) row)));
        md.append(String.format("| one.core Chum measured on this machine (issue 13), same data | 40,000 | | | %.0f–%.0f | |%n",
                ONE_CORE_ITEMS_PER_SECOND_LOW, ONE_CORE_ITEMS_PER_SECOND_HIGH));
        md.append(String.format("| **ratio** first Chum / one.core | | | | **%.1f–%.1f** | |%n",
                firstItemsPerSecond / ONE_CORE_ITEMS_PER_SECOND_HIGH, firstItemsPerSecond / ONE_CORE_ITEMS_PER_SECOND_LOW));
        md.append(String.format("| one.core no-op resync | 0 | | %.0f–%.0f s | | |%n", ONE_CORE_NOOP_SECONDS_LOW,
                ONE_CORE_NOOP_SECONDS_HIGH));
        md.append(String.format("%nTargets: ≥ 10× one.core: %s (%.1f× its best); no-op resync < 1 s: %s (median as logged: %.0f ms).%n",
                firstItemsPerSecond >= 10 * ONE_CORE_ITEMS_PER_SECOND_HIGH ? "met" : "NOT met",
                firstItemsPerSecond / ONE_CORE_ITEMS_PER_SECOND_HIGH, lastNoopMillis < 1000 ? "met" : "NOT met", lastNoopMillis));
        return md.toString();
    }

    private static Set<String> entries(JsonObject json) {
        Set<String> entries = new HashSet<>();
        for (JsonValue value : json.getJsonArray("entries")) {
            entries.add(((JsonString) value).getString());
        }
        return entries;
    }

    private static long count(JsonObject counts) {
        return counts.getJsonNumber("objects").longValue() + counts.getJsonNumber("idObjects").longValue()
                + counts.getJsonNumber("blobs").longValue() + counts.getJsonNumber("clobs").longValue();
    }

    private static long intersection(Set<String> first, Set<String> second) {
        return first.stream().filter(second::contains).count();
    }

    // ---------------------------------------------------------------- report

    private static String[] row(String what, long items, double megabytes, double seconds) {
        return new String[] {what, String.format("%,d", items), String.format("%.1f", megabytes), String.format("%.2f s", seconds),
            String.format("%,.0f", items / seconds), String.format("%.1f", megabytes / seconds)};
    }

    private String report(double totalSeconds, double chumSeconds, double gitSeconds) {
        StringBuilder md = new StringBuilder("# Chum benchmark\n\n");
        md.append(String.format("%s, %d cores, JDK %s, %s; %,d BLOBs of %,d bytes (random) plus %,d notes referencing them. "
                + "Total run %.0f s.%n%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"), blobs, size, blobs, totalSeconds));
        notes.forEach(note -> md.append(note).append("\n\n"));
        md.append("| what | items | MB | time | items/s | MB/s |\n|---|---:|---:|---:|---:|---:|\n");
        rows.forEach(row -> md.append(String.format("| %s | %s | %s | %s | %s | %s |%n", (Object[]) row)));
        md.append(String.format("%nTargets: first Chum no slower than git: %s (%.2f s vs %.2f s); no-op Chum < 200 ms: %s "
                + "(median as logged by the instances, worst mode: %.0f ms).%n", chumSeconds <= gitSeconds ? "met" : "NOT met",
                chumSeconds, gitSeconds, lastNoopMillis < 200 ? "met" : "NOT met", lastNoopMillis));
        md.append("\nTimes are wall-clock as the benchmark saw them: from POST /api/chums until both sides reported an end "
                + "(polled every 50 ms for the first Chum, every 25 ms for the no-ops, so that polling takes little of the instances' CPU); \"as logged\" is the span between the "
                + "startedAt and endedAt the instances report. MB = 10^6 bytes; the Chum's MB are the bytes b received (BLOBs "
                + "and microdata); git's the BLOB bytes. Items: what the Chum stored at b (BLOBs, notes, folders) and what "
                + "git's pack holds (BLOBs, tree, commit).\n");
        return md.toString();
    }

    private static List<String> with(List<String> options, String more) {
        List<String> all = new ArrayList<>(options);
        all.add(more);
        return all;
    }

    private int intSetting(String key, int defaultValue) {
        return Integer.parseInt(settings.getOrDefault(key, Integer.toString(defaultValue)));
    }

}
