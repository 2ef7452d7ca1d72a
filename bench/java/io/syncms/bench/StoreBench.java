package io.syncms.bench;

import io.syncms.store.control.ObjectStore;
import io.syncms.store.control.RecipeRegistry;
import io.syncms.store.entity.ItemType;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.Recipe;
import io.syncms.store.entity.RecipeRule;
import io.syncms.store.entity.StoreOptions;
import io.syncms.store.entity.StoreResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Write and read throughput of the object store, with and without fsync, from 1 and 8 threads.
 * Arguments: objects per run (default 2000), directory for the stores (default a temp directory).
 */
public final class ObjectStoreBench {

    private ObjectStoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path base = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("store-bench");
        System.out.printf("objects per run: %d, directory: %s%n", count, base);
        run(base.resolve("warm-up"), count, 4, false, true, false);
        for (boolean fsync : new boolean[] {false, true}) {
            for (int threads : new int[] {1, 8}) {
                for (boolean versioned : new boolean[] {false, true}) {
                    run(base.resolve("fsync-" + fsync + "-t" + threads + "-v" + versioned), count, threads, fsync, versioned, true);
                }
            }
        }
        deleteTree(base);
    }

    private static void run(Path directory, int count, int threads, boolean fsync, boolean versioned, boolean print)
            throws Exception {
        RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
        registry.register(new Recipe("Bench$Note", List.of(RecipeRule.of("text", ItemType.string()))));
        StoreOptions options = StoreOptions.defaults().withFsync(fsync);
        ObjectStore store = new ObjectStore(directory, registry, options).open();
        double writeSeconds;
        double readSeconds;
        double tailMicros;
        long seq;
        try {
            long start = System.nanoTime();
            List<StoreResult> stored = write(store, count, threads, versioned);
            writeSeconds = (System.nanoTime() - start) / 1e9;

            start = System.nanoTime();
            for (StoreResult result : stored) {
                store.readObject(result.hash());
            }
            readSeconds = (System.nanoTime() - start) / 1e9;

            int tailReads = 1000;
            start = System.nanoTime();
            for (int i = 0; i < tailReads; i++) {
                store.writtenAfter(store.lastSeq() - 100, 100);
            }
            tailMicros = (System.nanoTime() - start) / 1e3 / tailReads;
            seq = store.lastSeq();
        } finally {
            store.close();
        }

        long reopenStart = System.nanoTime();
        try (ObjectStore reopened = new ObjectStore(directory, registry, options).open()) {
            double reopenMillis = (System.nanoTime() - reopenStart) / 1e6;
            if (reopened.lastSeq() != seq) {
                throw new IllegalStateException("reopened store lost entries");
            }
            if (print) {
                System.out.printf("fsync=%-5s threads=%d %-11s write %6.0f objects/s (%d log entries)  read+verify %6.0f objects/s"
                                + "  writtenAfter(tail 100) %4.0f us  reopen %4.0f ms%n",
                        fsync, threads, versioned ? "versioned" : "unversioned", count / writeSeconds, seq,
                        count / readSeconds, tailMicros, reopenMillis);
            }
        }
    }

    private static List<StoreResult> write(ObjectStore store, int count, int threads, boolean versioned) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<StoreResult>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<StoreResult> results = new ArrayList<>();
                    for (int i = thread; i < count; i += threads) {
                        results.add(store.storeObject(versioned
                                ? OneObject.builder("Person").put("email", "p" + (i % 100) + "@bench").put("name", "n" + i).build()
                                : OneObject.builder("Bench$Note").put("text", "note number " + i).build()));
                    }
                    return results;
                }));
            }
            List<StoreResult> stored = new ArrayList<>();
            for (Future<List<StoreResult>> future : futures) {
                stored.addAll(future.get());
            }
            return stored;
        } finally {
            pool.shutdown();
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
