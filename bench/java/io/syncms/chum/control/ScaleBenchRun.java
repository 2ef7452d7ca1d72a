package io.syncms.chum.control;

import io.syncms.bench.BenchHost;
import io.syncms.bench.DiskUsage;
import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.ChumState;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.chum.entity.HttpLimits;
import io.syncms.store.control.StoreFixtures;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.StoreOptions;
import io.syncms.store.entity.StoreOutcome;
import io.syncms.testing.TestFiles;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How the store and the Chum cost as the work grows: for each size, instance a stores that many small
 * notes (about 130 bytes of microdata each) under folders of 1,000, each folder granted to b's owner,
 * through the Java batch call; then, each timed with the peak heap it took: reopening a's store with
 * its grants (an instance start), the accessible closure of b's owner at a, b's first Chum with a (the
 * real HTTP transport, on the JDK's HTTP server in this JVM, so Payara's share is left out) and a
 * no-op Chum right after. fsync is on. Run by {@link io.syncms.bench.ScaleBench}.
 */
public final class ScaleBenchRun {

    private static final int PER_FOLDER = 1_000;
    private static final int BATCH = 10_000;

    private final Map<String, String> settings;
    private final Path work;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public ScaleBenchRun(Map<String, String> settings) {
        this.settings = settings;
        this.work = Path.of(settings.getOrDefault("dir", "target/bench-work/scale-bench")).toAbsolutePath();
    }

    /** Runs every size and returns the Markdown report. */
    public String run() throws Exception {
        long start = System.nanoTime();
        String loadBefore = BenchHost.loadAverage();
        for (String size : settings.getOrDefault("sizes", "10000,100000,1000000").split(",")) {
            scale(Integer.parseInt(size.trim()));
        }
        notes.add("Load average (1, 5, 15 min) before the run: " + loadBefore + ", after: " + BenchHost.loadAverage() + ".");
        return report((System.nanoTime() - start) / 1e9);
    }

    private void scale(int objects) throws Exception {
        Path root = work.resolve("n" + objects);
        TestFiles.deleteTree(root);
        ExecutorService executor = Executors.newCachedThreadPool();
        ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor();
        HttpChumConnector connector = new HttpChumConnector(HttpChumConnector.newClient(Duration.ofSeconds(10), executor),
                Duration.ofMinutes(5), HttpLimits.defaults(), watchdogs);
        ChumSettings chumSettings = ChumSettings.defaults();
        StoreOptions store = StoreOptions.defaults();
        HttpExporterServer serverA = new HttpExporterServer();
        HttpExporterServer serverB = new HttpExporterServer();
        ChumNode a = ChumNode.open(root.resolve("a"), "a", serverA.url(), connector, executor, chumSettings, store);
        ChumNode b = ChumNode.open(root.resolve("b"), "b", serverB.url(), connector, executor, chumSettings, store);
        try {
            serverA.serve(a.chums.exporter());
            serverB.serve(b.chums.exporter());
            a.trust(b);
            b.trust(a);
            String label = String.format("%,d", objects);

            ChumNode loaded = a;
            Measured<Integer> load = measure(() -> load(loaded, b.owner(), objects));
            row(label, "store the notes, folders and grants (Java batch call)", load, String.format("%,.0f objects/s",
                    load.value() / load.seconds()));

            a.close();
            Measured<ChumNode> reopened = measure(() -> ChumNode.open(root.resolve("a"), "a", serverA.url(), connector, executor,
                    chumSettings, store));
            a = reopened.value();
            serverA.serve(a.chums.exporter());
            a.trust(b);
            row(label, "instance start: open the store, index the grants", reopened, "");

            ChumNode exporter = a;
            Measured<Integer> closure = measure(() -> exporter.access.accessibleClosure(b.owner()).size());
            row(label, "accessible closure of b's owner at a (first call)", closure, String.format("%,d entries", closure.value()));

            if (!Boolean.parseBoolean(settings.getOrDefault("chum", "true"))) {
                return;
            }
            ChumNode importer = b;
            ChumNode remote = a;
            Measured<ChumStatus> first = measure(() -> chum(importer, remote, "first"));
            requireDone(first.value(), objects);
            row(label, "first Chum (b imports from a)", first, String.format("%,.0f items/s, %,d received",
                    first.value().received().total() / first.seconds(), first.value().received().total()));

            Measured<ChumStatus> noop = measure(() -> chum(importer, remote, "no-op"));
            row(label, "no-op Chum right after", noop, String.format("%,d received", noop.value().received().total()));

            a.store.close();
            long bytes = DiskUsage.of(root.resolve("a")).treeAllocatedBytes();
            row(label, "disk at a, all included (du)", null, String.format("%,.0f bytes per object", (double) bytes / load.value()));
        } finally {
            a.close();
            b.close();
            serverA.close();
            serverB.close();
            executor.shutdownNow();
            watchdogs.shutdownNow();
            if (!Boolean.parseBoolean(settings.getOrDefault("keep", "false"))) {
                TestFiles.deleteTree(root);
            }
        }
    }

    /** Stores the notes in folders of {@value #PER_FOLDER}, each folder granted to the person; returns the objects stored. */
    private static int load(ChumNode node, String person, int objects) {
        int stored = 0;
        List<OneObject> batch = new ArrayList<>(BATCH + 64);
        List<String> folder = new ArrayList<>(PER_FOLDER);
        for (int i = 0; i < objects; i++) {
            OneObject note = StoreFixtures.note("scale note " + i + " of the store and Chum benchmark");
            batch.add(note);
            folder.add(node.hashes.hashOf(note));
            if (folder.size() == PER_FOLDER || i == objects - 1) {
                OneObject folderNote = OneObject.builder(StoreFixtures.NOTE).put("text", "folder " + i).put("children", List.copyOf(folder)).build();
                batch.add(folderNote);
                batch.add(StoreFixtures.access(node.hashes.hashOf(folderNote), List.of(person), List.of()));
                folder.clear();
            }
            if (batch.size() >= BATCH || i == objects - 1) {
                for (StoreOutcome outcome : node.store.storeObjects(batch)) {
                    if (!outcome.isStored()) {
                        throw new IllegalStateException("not stored: " + outcome.problem());
                    }
                }
                stored += batch.size();
                batch.clear();
            }
        }
        return stored;
    }

    private static ChumStatus chum(ChumNode from, ChumNode to, String name) throws Exception {
        ChumSession started = from.chums.start(from.optionsTo(to, name, false, 20));
        ChumStatus mine = started.ended().toCompletableFuture().get(60, TimeUnit.MINUTES);
        ChumPair.sessionAt(to, started.id()).ended().toCompletableFuture().get(10, TimeUnit.MINUTES);
        return mine;
    }

    private static void requireDone(ChumStatus status, int objects) {
        if (status.state() != ChumState.DONE || status.received().total() < objects) {
            throw new IllegalStateException("the first Chum did not bring every object: " + status);
        }
    }

    /** A value, the seconds it took and the most heap in use while it ran. */
    record Measured<T>(T value, double seconds, long peakHeapBytes) {
    }

    private static <T> Measured<T> measure(Callable<T> step) throws Exception {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        T value = step.call();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return new Measured<>(value, seconds, peak);
    }

    private void row(String size, String step, Measured<?> measured, String result) {
        String[] row = measured == null
                ? new String[] {size, step, "", "", result}
                : new String[] {size, step, seconds(measured.seconds()), String.format("%,.0f", measured.peakHeapBytes() / 1048576.0), result};
        rows.add(row);
        System.out.println(String.join(" | ", row));
    }

    private static String seconds(double seconds) {
        return seconds < 1 ? String.format("%.0f ms", seconds * 1000) : String.format("%.2f s", seconds);
    }

    private String report(double totalSeconds) {
        StringBuilder md = new StringBuilder("# Scale benchmark\n\n");
        md.append(String.format("%s, %d cores, JDK %s, max heap %,d MiB; fsync on. Total run %.0f s.%n%n",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, totalSeconds));
        md.append("Peak heap: the most heap in use during the step (after a full GC before it), garbage included, "
                + "so an upper bound of what the step needs.\n\n");
        notes.forEach(note -> md.append(note).append("\n\n"));
        md.append("| objects | step | time | peak heap MiB | result |\n|---:|---|---:|---:|---|\n");
        rows.forEach(row -> md.append("| ").append(String.join(" | ", row)).append(" |\n"));
        return md.toString();
    }

    /** For the report file. */
    public static void write(Path out, String report) throws java.io.IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
    }
}
