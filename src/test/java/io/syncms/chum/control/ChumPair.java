package io.syncms.chum.control;

import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.ChumStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Two instances "a" (owner alice) and "b" (owner bob) in one JVM that trust each other, joined by an
 * in-memory network, with a thread pool for their Chums.
 */
final class ChumPair implements AutoCloseable {

    /**
     * Small pages and batches, so every test crosses page and batch boundaries; a long-poll timeout
     * far beyond what the tests allow for a delivery, so only a notification can deliver in time.
     */
    static final ChumSettings SETTINGS = ChumSettings.defaults().withPaging(7, 3)
            .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(10));
    static final long TIMEOUT_SECONDS = 20;

    final InMemoryChumNetwork network = new InMemoryChumNetwork();
    final ExecutorService executor = Executors.newCachedThreadPool();
    final Path root;
    ChumNode a;
    ChumNode b;

    ChumPair(Path root) {
        this(root, SETTINGS, SETTINGS);
    }

    ChumPair(Path root, ChumSettings settingsOfA, ChumSettings settingsOfB) {
        this.root = root;
        this.a = ChumNode.open(root.resolve("a"), "a", network, executor, settingsOfA);
        this.b = ChumNode.open(root.resolve("b"), "b", network, executor, settingsOfB);
        a.trust(b);
        b.trust(a);
    }

    String alice() {
        return a.owner();
    }

    String bob() {
        return b.owner();
    }

    /** Closes a node and opens its directory again, as after a process restart. */
    ChumNode restart(ChumNode node, ChumSettings settings) {
        node.close();
        ChumNode reopened = ChumNode.open(node.directory, node.name, network, executor, settings);
        if (node == a) {
            a = reopened;
        } else {
            b = reopened;
        }
        return reopened;
    }

    /** Runs a one-shot Chum started by {@code from} to its end on both sides; returns both final statuses. */
    List<ChumStatus> chum(ChumNode from, ChumNode to, String chumName) throws Exception {
        ChumSession started = from.chums.start(from.optionsTo(to, chumName, false, 20));
        ChumStatus mine = started.ended().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ChumStatus theirs = sessionAt(to, started.id()).ended().toCompletableFuture()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return List.of(mine, theirs);
    }

    /** The other side's session of a Chum, once its handshake has arrived there. */
    static ChumSession sessionAt(ChumNode node, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            var session = node.chums.find(id);
            if (session.isPresent()) {
                return session.get();
            }
            Thread.sleep(1);
        }
        throw new AssertionError("Chum " + id + " never reached instance " + node.name);
    }

    @Override
    public void close() throws InterruptedException {
        a.close();
        b.close();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
