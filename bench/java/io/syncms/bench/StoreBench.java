package io.syncms.bench;

import io.syncms.store.control.AccessService;
import io.syncms.store.control.MicrodataSerializer;
import io.syncms.store.control.ObjectHashes;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.control.RecipeRegistry;
import io.syncms.store.entity.ItemType;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.Recipe;
import io.syncms.store.entity.RecipeRule;
import io.syncms.store.entity.StoreOptions;
import io.syncms.testing.ItEnvironment;
import io.syncms.testing.PayaraProcess;
import io.syncms.testing.TestFiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The object store benchmark: small objects (about 128 bytes of microdata) and BLOBs of 64 KiB stored
 * through the Java API (one durable call per object from 8 writers, and the batch call) and through the
 * REST API of one Payara Micro process (single POSTs from 8 clients, and NDJSON batches), the time to
 * compute a person's accessible set with 10k Access objects, and the disk bytes per object. fsync is
 * on, as by default. In the same run, the anchors: RocksDB's own puts of 128-byte values (8 writers
 * each waiting for its durable put; synced batches of 1,000) and this disk's forces per second. The
 * first layout's figures (a file per object, measured 2026-11-28 on this machine) are printed beside.
 * Prints a Markdown report and writes it to {@code bench/results/store.md}.
 *
 * <p>Arguments, all optional, as {@code key=value}: {@code objects=100000 blobs=10000 blobKiB=64
 * access=10000 threads=8} (Java API writers) {@code clients=8} (REST client threads) {@code batch=1000}
 * (objects per batch call and per NDJSON request) {@code budget=300} (seconds per write phase: a phase
 * that needs longer stops there and reports the count it reached) {@code dir=target/bench-work/store-bench}
 * {@code keep=false} {@code out=bench/results/store.md}.
 */
public final class StoreBench {

    static final String NOTE = "Bench$Note";
    static final int WARM_UP = 2_000;
    /** The microdata of a note without its text (all ASCII, so characters are bytes). */
    static final int MICRODATA_OVERHEAD = new MicrodataSerializer(registry())
            .toMicrodata(OneObject.builder(NOTE).put("text", "").build()).length();

    private final Map<String, String> settings;
    private final int objects;
    private final int blobs;
    private final int blobBytes;
    private final int accessObjects;
    private final int threads;
    private final int clients;
    private final Duration budget;
    private final Path dir;
    private final byte[] blobBase;
    private final List<Row> writes = new ArrayList<>();
    private final List<String[]> access = new ArrayList<>();
    private final List<String[]> disk = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String[]> anchors = new ArrayList<>();
    private final int batch;

    /** One write phase: {@code count} items of {@code bytes} content in {@code seconds}. */
    record Row(String api, String what, int count, int wanted, int threads, double seconds, long bytes) {
        double perSecond() {
            return count / seconds;
        }

        double megabytesPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    /** Writes item {@code i} and returns the bytes of content it stored. */
    @FunctionalInterface
    interface Write {
        long write(int i) throws Exception;
    }

    private StoreBench(Map<String, String> settings) {
        this.settings = settings;
        objects = intSetting("objects", 100_000);
        blobs = intSetting("blobs", 10_000);
        blobBytes = intSetting("blobKiB", 64) * 1024;
        accessObjects = intSetting("access", 10_000);
        threads = intSetting("threads", 8);
        clients = intSetting("clients", 8);
        budget = Duration.ofSeconds(intSetting("budget", 300));
        batch = intSetting("batch", 1000);
        dir = Path.of(settings.getOrDefault("dir", "target/bench-work/store-bench")).toAbsolutePath();
        blobBase = new byte[blobBytes];
        new Random(42).nextBytes(blobBase);
    }

    public static void main(String[] args) throws Exception {
        new StoreBench(BenchHost.keyValueArguments(args)).run();
    }

    private void run() throws Exception {
        TestFiles.deleteTree(dir);
        Files.createDirectories(dir);
        long start = System.nanoTime();
        String loadBefore = BenchHost.loadAverage();
        anchors();
        javaApi();
        accessSet();
        restApi();
        notes.add("Load average (1, 5, 15 min) before the run: " + loadBefore + ", after: " + BenchHost.loadAverage()
                + " (the machine is shared; other work ran at the same time).");
        String report = report((System.nanoTime() - start) / 1e9);
        System.out.println(report);
        Path out = Path.of(settings.getOrDefault("out", "bench/results/store.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println("written to " + out.toAbsolutePath());
        if (!Boolean.parseBoolean(settings.getOrDefault("keep", "false"))) {
            TestFiles.deleteTree(dir);
        }
    }

    // ---------------------------------------------------------------- Java API

    private void javaApi() throws Exception {
        try (ObjectStore warmUp = open(dir.resolve("java-warm-up"))) {
            parallel("Java API", "warm-up", WARM_UP, threads, i -> storeNote(warmUp, "warm-up", i));
        }
        Path storeDir = dir.resolve("java");
        try (ObjectStore store = open(storeDir)) {
            writes.add(parallel("Java API", "small objects", objects, threads, i -> storeNote(store, "java", i)));
            writes.add(parallel("Java API", blobBytes / 1024 + " KiB BLOBs", blobs, threads, i -> storeBlob(store, i)));
        }
        diskUsage(storeDir);
        try (ObjectStore store = open(dir.resolve("java-batch"))) {
            writes.add(batches("Java API", "small objects, batch call of " + batch, objects, i -> storeNotes(store, i)));
        }
    }

    /** Stores notes i*batch .. (i+1)*batch-1 in one batch call; returns their microdata bytes. */
    private long storeNotes(ObjectStore store, int i) {
        List<OneObject> list = new ArrayList<>(batch);
        long bytes = 0;
        for (int n = i * batch; n < (i + 1) * batch && n < objects; n++) {
            String text = noteText("batch", n);
            list.add(OneObject.builder(NOTE).put("text", text).build());
            bytes += microdataBytes(text);
        }
        store.storeObjects(list).forEach(outcome -> {
            if (!outcome.isStored() || !outcome.result().created()) {
                throw new IllegalStateException("not stored: " + outcome);
            }
        });
        return bytes;
    }

    private long storeNote(ObjectStore store, String prefix, int i) {
        String text = noteText(prefix, i);
        if (!store.storeObject(OneObject.builder(NOTE).put("text", text).build()).created()) {
            throw new IllegalStateException("note " + i + " was already stored");
        }
        return microdataBytes(text);
    }

    private long storeBlob(ObjectStore store, int i) {
        if (!store.storeBlob(new ByteArrayInputStream(blob(i))).created()) {
            throw new IllegalStateException("BLOB " + i + " was already stored");
        }
        return blobBytes;
    }

    /** Disk per item of the closed store (everything flushed): a store of small objects only, and the one with BLOBs. */
    private void diskUsage(Path storeDir) throws IOException, InterruptedException {
        Path smallOnly = dir.resolve("java-small-only");
        try (ObjectStore store = open(smallOnly)) {
            for (int i = 0; i * batch < objects; i++) {
                storeNotes(store, i);
            }
        }
        disk.add(diskRow("small object, store of " + String.format("%,d", objects) + " small objects only, all included",
                DiskUsage.of(smallOnly), objects, "6,211 (`du`), 9,805 allocated to files"));
        disk.add(diskRow("stored item, store of the objects and " + blobBytes / 1024 + " KiB BLOBs", DiskUsage.of(storeDir),
                objects + blobs, "12,080"));
        disk.add(diskRow("128-byte value, RocksDB alone (same keys and values, no log or index)", DiskUsage.of(dir.resolve("raw-batches")),
                rawBatchValues, "–"));
    }

    private static String[] diskRow(String what, DiskUsage usage, long count, String firstLayout) {
        return new String[] {what, String.format("%,d", count), String.format("%,d", usage.files()),
            String.format("%,.0f", (double) usage.apparentBytes() / count),
            String.format("%,.0f", (double) usage.treeAllocatedBytes() / count), firstLayout};
    }

    // ---------------------------------------------------------------- access

    private void accessSet() throws Exception {
        Path storeDir = dir.resolve("access");
        OneObject person = OneObject.builder("Person").put("email", "reader@bench.example").build();
        String personId = new ObjectHashes(registry()).idHashOf(person);
        List<String> granted = new ArrayList<>();
        try (ObjectStore store = open(storeDir)) {
            store.storeObject(person);
            String groupId = store.storeObject(OneObject.builder("Group").put("name", "readers").put("person", List.of(personId)).build()).idHash();
            for (int i = 0; i < accessObjects; i++) {
                granted.add(store.storeObject(OneObject.builder(NOTE).put("text", noteText("granted", i)).build()).hash());
            }
            // half name the person, half the group the person is in
            writes.add(parallel("Java API", "Access objects", accessObjects, threads, i -> {
                store.storeObject(OneObject.builder("Access").put("object", granted.get(i))
                        .put("person", i % 2 == 0 ? List.of(personId) : List.of())
                        .put("group", i % 2 == 0 ? List.of() : List.of(groupId)).build());
                return 0;
            }));
        }
        long openStart = System.nanoTime();
        try (ObjectStore store = open(storeDir); AccessService service = new AccessService(store)) {
            access.add(timing("open the store and index its grants (AccessService)", openStart, accessObjects + " grants"));
            long start = System.nanoTime();
            int roots = service.accessibleRoots(personId).objects().size();
            access.add(timing("accessible roots of the person (Access + group)", start, roots + " roots"));
            start = System.nanoTime();
            int closure = service.accessibleClosure(personId).size();
            access.add(timing("accessible closure, first call (reads every root)", start, closure + " entries"));
            start = System.nanoTime();
            service.accessibleClosure(personId);
            access.add(timing("accessible closure, cached", start, closure + " entries"));
            if (roots != accessObjects || closure != accessObjects) {
                throw new IllegalStateException("expected " + accessObjects + " accessible objects, got " + roots + " roots, " + closure + " in the closure");
            }
        }
    }

    private static String[] timing(String what, long startNanos, String result) {
        return new String[] {what, String.format("%,.2f", (System.nanoTime() - startNanos) / 1e6), result};
    }

    // ---------------------------------------------------------------- REST

    private void restApi() throws Exception {
        Path storeDir = dir.resolve("rest");
        PayaraProcess payara = PayaraProcess.start("store-bench", List.of("-Done.store.dir=" + storeDir, "-Done.store.fsync=true"));
        try {
            long boot = System.nanoTime();
            payara.awaitReady();
            notes.add(String.format("Payara Micro %s was ready %.0f s after its start.", BenchHost.payaraVersion(), (System.nanoTime() - boot) / 1e9));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            String api = payara.baseUrl() + "/api";
            post(http, api + "/recipes", "application/json", recipeJson().getBytes(StandardCharsets.UTF_8));
            parallel("REST", "warm-up", WARM_UP, clients, i -> {
                post(http, api + "/objects", "application/json", noteJson("warm-up", i));
                return 0;
            });
            writes.add(parallel("REST", "small objects", objects, clients, i -> {
                post(http, api + "/objects", "application/json", noteJson("rest", i));
                return microdataBytes(noteText("rest", i));
            }));
            writes.add(parallel("REST", blobBytes / 1024 + " KiB BLOBs", blobs, clients, i -> {
                post(http, api + "/blobs", "application/octet-stream", blob(i));
                return blobBytes;
            }));
            writes.add(batches("REST", "small objects, NDJSON of " + batch + " per request", objects, i -> {
                StringBuilder body = new StringBuilder();
                long bytes = 0;
                for (int n = i * batch; n < (i + 1) * batch && n < objects; n++) {
                    body.append(new String(noteJson("ndjson", n), StandardCharsets.UTF_8)).append('\n');
                    bytes += microdataBytes(noteText("ndjson", n));
                }
                String answer = postFor(http, api + "/objects", "application/x-ndjson", body.toString().getBytes(StandardCharsets.UTF_8), 200);
                if (answer.contains("\"refused\"") || answer.contains("\"aborted\"")) {
                    throw new IllegalStateException("batch " + i + " was not stored whole: " + answer.substring(0, Math.min(500, answer.length())));
                }
                return bytes;
            }));
        } finally {
            payara.close();
        }
    }

    private static void post(HttpClient http, String url, String type, byte[] body) throws IOException, InterruptedException {
        postFor(http, url, type, body, 201);
    }

    private static String postFor(HttpClient http, String url, String type, byte[] body, int status) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Content-Type", type)
                .header("Authorization", "Bearer " + ItEnvironment.apiToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String recipeJson() {
        return "{\"$type$\":\"Recipe\",\"name\":\"" + NOTE + "\",\"rule\":[{\"itemprop\":\"text\"}]}";
    }

    private static byte[] noteJson(String prefix, int i) {
        return ("{\"$type$\":\"" + NOTE + "\",\"text\":\"" + noteText(prefix, i) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- anchors

    private long rawBatchValues;

    /**
     * RocksDB by itself, default options, the same 33-byte keys and 128-byte values as the store's small
     * objects: what the engine does before the store adds anything; and the forces this disk does.
     */
    private void anchors() throws Exception {
        org.rocksdb.RocksDB.loadLibrary();
        int durablePuts = Math.max(2_000, objects / 5);
        try (org.rocksdb.Options options = new org.rocksdb.Options().setCreateIfMissing(true);
             org.rocksdb.WriteOptions sync = new org.rocksdb.WriteOptions().setSync(true);
             org.rocksdb.RocksDB db = org.rocksdb.RocksDB.open(options, dir.resolve("raw-puts").toString())) {
            Row row = parallel("RocksDB", "durable puts", durablePuts, threads, i -> {
                db.put(sync, rawKey(i), rawValue(i));
                return 128;
            });
            anchors.add(new String[] {"RocksDB put, 8 writers each waiting for its durable put", String.format("%,.0f /s", row.perSecond())});
            durablePutsPerSecond = row.perSecond();
        }
        try (org.rocksdb.Options options = new org.rocksdb.Options().setCreateIfMissing(true);
             org.rocksdb.WriteOptions sync = new org.rocksdb.WriteOptions().setSync(true);
             org.rocksdb.RocksDB db = org.rocksdb.RocksDB.open(options, dir.resolve("raw-batches").toString())) {
            Row row = batches("RocksDB", "synced batches", objects, 1, i -> {
                try (org.rocksdb.WriteBatch write = new org.rocksdb.WriteBatch()) {
                    for (int n = i * batch; n < (i + 1) * batch && n < objects; n++) {
                        write.put(rawKey(n), rawValue(n));
                    }
                    db.write(sync, write);
                }
                return 0;
            });
            anchors.add(new String[] {"RocksDB synced batches of " + batch, String.format("%,.0f /s", row.perSecond())});
            batchPutsPerSecond = row.perSecond();
            rawBatchValues = objects;
        }
        Path file = dir.resolve("forces.bin");
        int forces = 2_000;
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            long start = System.nanoTime();
            for (int i = 0; i < forces; i++) {
                channel.write(java.nio.ByteBuffer.wrap(new byte[200]));
                channel.force(false);
            }
            anchors.add(new String[] {"this disk: append 200 bytes and force (fdatasync), one writer",
                String.format("%,.0f /s", forces / ((System.nanoTime() - start) / 1e9))});
        }
    }

    private double durablePutsPerSecond;
    private double batchPutsPerSecond;

    private static byte[] rawKey(int i) {
        byte[] key = new byte[33];
        new Random(i).nextBytes(key);
        return key;
    }

    private static byte[] rawValue(int i) {
        byte[] value = new byte[128];
        new Random(-i - 1L).nextBytes(value);
        return value;
    }

    // ---------------------------------------------------------------- measuring

    /** Runs batch calls 0..ceil(items/batch)-1 on one thread, or on the client threads for REST. */
    private Row batches(String api, String what, int items, Write call) throws Exception {
        return batches(api, what, items, api.equals("REST") ? 2 : 1, call);
    }

    private Row batches(String api, String what, int items, int threadCount, Write call) throws Exception {
        int calls = (items + batch - 1) / batch;
        Row byCalls = parallel(api, what, calls, threadCount, call);
        int stored = Math.min(items, byCalls.count() * batch);
        Row row = new Row(api, what, stored, items, threadCount, byCalls.seconds(), byCalls.bytes());
        System.out.printf("%-8s %-40s %,9d items: %,9.0f /s%n", api, what, stored, row.perSecond());
        return row;
    }

    /**
     * Runs {@code write} for 0..wanted-1 on {@code threadCount} threads until done or the budget is spent;
     * the row has the count reached.
     */
    private Row parallel(String api, String what, int wanted, int threadCount, Write write) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threadCount);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threadCount; t++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < wanted) {
                        bytes.addAndGet(write.write(i));
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Row row = new Row(api, what, done.get(), wanted, threadCount, (System.nanoTime() - start) / 1e9, bytes.get());
        System.out.printf("%-8s %-16s %,9d of %,9d in %7.1f s: %,9.0f /s %7.1f MB/s%n", api, what, row.count(), wanted,
                row.seconds(), row.perSecond(), row.megabytesPerSecond());
        return row;
    }

    // ---------------------------------------------------------------- content

    private ObjectStore open(Path storeDir) {
        return new ObjectStore(storeDir, registry(), StoreOptions.defaults().withFsync(true)).open();
    }

    private static RecipeRegistry registry() {
        RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
        registry.register(new Recipe(NOTE, List.of(RecipeRule.of("text", ItemType.string()))));
        return registry;
    }

    static String noteText(String prefix, int i) {
        return prefix + " note " + i + " of the object store benchmark";
    }

    static long microdataBytes(String asciiText) {
        return MICRODATA_OVERHEAD + asciiText.length();
    }

    /** Distinct content per index: random bytes with the index in front. */
    private byte[] blob(int i) {
        byte[] bytes = blobBase.clone();
        for (int b = 0; b < 4; b++) {
            bytes[b] = (byte) (i >>> (8 * b));
        }
        return bytes;
    }

    // ---------------------------------------------------------------- report

    private String report(double totalSeconds) {
        StringBuilder md = new StringBuilder();
        md.append("# Object store benchmark\n\n");
        md.append(String.format("%s, %d cores, JDK %s, %s; fsync on; Java API writers: %d threads, REST clients: %d threads "
                        + "(HTTP/1.1, java.net.http); %,d warm-up objects before each interface. Total run %.0f s.%n%n",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"), threads, clients, WARM_UP, totalSeconds));
        notes.forEach(note -> md.append(note).append("\n\n"));
        md.append("## Anchors, measured in this run\n\n| what | rate |\n|---|---:|\n");
        anchors.forEach(row -> md.append(String.format("| %s | %s |%n", (Object[]) row)));
        md.append("\n## Writes\n\n");
        md.append("Small objects are unversioned `").append(NOTE).append("` objects of about ").append(microdataBytes(noteText("java", 50_000)))
                .append(" bytes of microdata (MB/s counts the microdata); BLOBs count their bytes. MB = 10^6 bytes.\n\n");
        md.append("| interface | what | count | threads | seconds | items/s | MB/s | first layout (2026-11-28), items/s |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : writes) {
            String count = row.count() == row.wanted() ? String.format("%,d", row.count())
                    : String.format("%,d of %,d (time budget %d s)", row.count(), row.wanted(), budget.toSeconds());
            String megabytes = row.bytes() == 0 ? "–" : String.format("%.1f", row.megabytesPerSecond());
            md.append(String.format("| %s | %s | %s | %d | %.1f | %,.0f | %s | %s |%n", row.api(), row.what(), count, row.threads(),
                    row.seconds(), row.perSecond(), megabytes, firstLayout(row)));
        }
        md.append(String.format("%nRatios: Java API, 8 durable writers / RocksDB's 8 durable writers: %.2f; "
                + "batch call / RocksDB's synced batches: %.2f.%n", perSecond("Java API", "small objects") / durablePutsPerSecond,
                perSecond("Java API", "small objects, batch call of " + batch) / batchPutsPerSecond));
        md.append("\n## Accessible set (").append(String.format("%,d", accessObjects))
                .append(" Access objects: half name the person, half a group the person is in)\n\n");
        md.append("| step | ms | result |\n|---|---:|---|\n");
        access.forEach(row -> md.append(String.format("| %s | %s | %s |%n", (Object[]) row)));
        md.append("\n## Disk bytes per item (closed stores, everything flushed)\n\n");
        md.append("apparent: the sizes of the files; `du`: what `du` counts (blocks allocated to files and directories).\n\n");
        md.append("| per | count | files | apparent | `du` | first layout, `du` |\n|---|---:|---:|---:|---:|---:|\n");
        disk.forEach(row -> md.append(String.format("| %s | %s | %s | %s | %s | %s |%n", (Object[]) row)));
        return md.toString();
    }

    /** The first layout's rate for the same row, from its last run (2026-11-28, this machine). */
    private static String firstLayout(Row row) {
        return switch (row.api() + "/" + row.what()) {
            case "Java API/small objects" -> "2,932";
            case "Java API/64 KiB BLOBs" -> "1,558";
            case "Java API/Access objects" -> "621";
            case "REST/small objects" -> "489";
            case "REST/64 KiB BLOBs" -> "410";
            default -> "–";
        };
    }

    private double perSecond(String api, String what) {
        return writes.stream().filter(row -> row.api().equals(api) && row.what().equals(what)).findFirst()
                .map(Row::perSecond).orElse(Double.NaN);
    }

    private int intSetting(String key, int defaultValue) {
        return Integer.parseInt(settings.getOrDefault(key, Integer.toString(defaultValue)));
    }

}
