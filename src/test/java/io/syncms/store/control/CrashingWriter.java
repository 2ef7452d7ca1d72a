package io.syncms.store.control;

import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.StoreOptions;
import io.syncms.store.entity.StoreResult;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The child process of {@link ObjectStoreCrashTest}: writes to a store from several threads until
 * it is killed, printing {@code ACK <kind> <hash>} after each acknowledged write.
 * Arguments: store directory, round (to vary the content).
 */
public final class CrashingWriter {

    private static final int THREADS = 4;

    private CrashingWriter() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path directory = Path.of(args[0]);
        int round = Integer.parseInt(args[1]);
        ObjectStore store = new ObjectStore(directory, StoreFixtures.registry(), StoreOptions.defaults()).open();
        PrintStream out = System.out;
        out.println("OPEN " + store.lastSeq());
        out.flush();
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads[t] = new Thread(() -> write(store, round, thread, out));
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void write(ObjectStore store, int round, int thread, PrintStream out) {
        Random random = new Random(round * 100L + thread);
        String previousNote = null;
        for (int i = 0; ; i++) {
            String tag = round + "-" + thread + "-" + i;
            StoreResult result = switch (i % 4) {
                case 0 -> {
                    byte[] blob = new byte[1000 + random.nextInt(200_000)];
                    random.nextBytes(blob);
                    StoreResult stored = store.storeBlob(new ByteArrayInputStream(blob));
                    ack(out, stored);
                    yield store.storeObject(OneObject.builder(StoreFixtures.NOTE).put("text", tag)
                            .put("attachment", stored.hash()).build());
                }
                case 1 -> store.storeObject(StoreFixtures.person("p" + (i % 7) + "@crash.test", "v" + tag));
                case 2 -> store.storeObject(StoreFixtures.document("doc" + (i % 5), i));
                default -> {
                    OneObject.Builder note = OneObject.builder(StoreFixtures.NOTE).put("text", tag);
                    if (previousNote != null) {
                        note.put("children", List.of(previousNote));
                    }
                    StoreResult stored = store.storeObject(note.build());
                    previousNote = stored.hash();
                    yield stored;
                }
            };
            ack(out, result);
        }
    }

    private static void ack(PrintStream out, StoreResult result) {
        synchronized (out) {
            out.println("ACK " + result.kind() + " " + result.hash());
            out.flush();
        }
    }
}
