package io.syncms.chum.control;

import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.ChumState;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.store.entity.StoreResult;
import io.syncms.store.entity.Version;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import io.syncms.store.entity.ClosureEntry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The importer storing in parallel keeps the bottom-up order, the version histories and the counts of a sequential import. */
class ParallelImportTest {

    @TempDir
    Path root;

    @Test
    void parallelStoresKeepReferencesBeforeReferrersAndVersionsInOrder() throws Exception {
        ChumSettings parallel = ChumPair.SETTINGS.withPaging(1000, 64).withImportThreads(8);
        try (ChumPair pair = new ChumPair(root, parallel, parallel)) {
            ChumNode a = pair.a;
            ChumNode b = pair.b;
            String bob = pair.bob();
            // a chain: each note references the one before, all in one page
            String previous = a.note("chain 0");
            for (int i = 1; i < 40; i++) {
                previous = a.note("chain " + i, null, null, List.of(previous));
            }
            a.grant(previous, List.of(bob), List.of());
            // many versions of one document, granted by ID
            StoreResult first = a.document("history", 1, null);
            for (int revision = 2; revision <= 30; revision++) {
                a.document("history", revision, revision % 3 == 0 ? a.blob("revision " + revision) : null);
            }
            a.grantId(first.idHash(), List.of(bob), List.of());
            // wide: notes with BLOBs and CLOBs
            for (int i = 0; i < 150; i++) {
                a.grant(a.note("wide " + i, a.blob("blob " + i), i % 2 == 0 ? a.clob("clob " + i) : null, List.of()),
                        List.of(bob), List.of());
            }

            List<ChumStatus> statuses = pair.chum(b, a, "parallel");

            ChumStatus ofB = statuses.get(0);
            assertEquals(ChumState.DONE, ofB.state(), ofB.toString());
            assertEquals(List.of(), ofB.errors(), "no object was offered to the store before what it references");
            assertEquals(a.visibleTo(bob), intersect(b, a.visibleTo(bob)));
            assertEquals(hashes(a.store.versions(first.idHash())), hashes(b.store.versions(first.idHash())),
                    "the versions were stored in the order they were listed");
            assertEquals(1, ofB.received().idObjects(), "the ID object counts as received, not as present");
        }
    }

    @Test
    void aBoundedExecutorNeverRunsMoreThanItsLimitAndRunsEverything() throws Exception {
        ExecutorService shared = Executors.newCachedThreadPool();
        try {
            BoundedExecutor bounded = new BoundedExecutor(shared, 3);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(200);
            for (int i = 0; i < 200; i++) {
                bounded.execute(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            assertTrue(done.await(20, TimeUnit.SECONDS));
            assertTrue(most.get() <= 3 && most.get() >= 2, "at most 3 at once: " + most.get());
        } finally {
            shared.shutdownNow();
        }
    }

    private static Set<ClosureEntry> intersect(ChumNode node, Set<ClosureEntry> wanted) {
        Set<ClosureEntry> held = new HashSet<>(node.content());
        held.retainAll(wanted);
        return held;
    }

    private static List<String> hashes(List<Version> versions) {
        List<String> hashes = new ArrayList<>();
        versions.forEach(version -> hashes.add(version.hash()));
        return hashes;
    }
}
