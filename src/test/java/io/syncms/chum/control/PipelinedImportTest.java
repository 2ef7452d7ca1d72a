package io.syncms.chum.control;

import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.ChumState;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.chum.entity.ObjectBody;
import io.syncms.store.entity.ReferenceKind;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The importer fetching ahead and storing batches keeps the bottom-up order, the version histories and the counts of a sequential import. */
class PipelinedImportTest {

    @TempDir
    Path root;

    @Test
    void pipelinedBatchesKeepReferencesBeforeReferrersAndVersionsInOrder() throws Exception {
        ChumSettings parallel = ChumPair.SETTINGS.withPaging(1000, 64).withFetchAhead(4);
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

    /**
     * Every fetch takes 30 ms here: an importer that waited for each batch before asking for the next
     * would have one request out at a time. It keeps fetchAhead (2) requests beyond the batch it
     * stores, so up to three run at once, never more, and the result is the same as a sequential one.
     */
    @Test
    void fetchesRunAheadOfTheStoresUpToTheirLimit() throws Exception {
        ChumSettings pipelined = ChumPair.SETTINGS.withPaging(1000, 10).withFetchAhead(2);
        try (ChumPair pair = new ChumPair(root, pipelined, pipelined)) {
            ChumNode a = pair.a;
            String bob = pair.bob();
            for (int i = 0; i < 60; i++) {
                a.grant(a.note("note " + i, a.blob("blob " + i + " over sixteen bytes"), null, List.of()), List.of(bob), List.of());
            }
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            pair.network.register(a.url, new ForwardingPeer(new InMemoryChumPeer(a.chums.exporter())) {
                @Override
                public List<ObjectBody> fetchObjects(String token, List<ClosureEntry> entries) {
                    return slowly(() -> super.fetchObjects(token, entries));
                }

                @Override
                public void fetchContent(String token, ReferenceKind kind, List<String> hashes, ContentSink sink) {
                    slowly(() -> {
                        super.fetchContent(token, kind, hashes, sink);
                        return null;
                    });
                }

                private <T> T slowly(java.util.function.Supplier<T> call) {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(30);
                        return call.get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    } finally {
                        running.decrementAndGet();
                    }
                }
            });

            ChumStatus ofB = pair.chum(pair.b, a, "pipelined").get(0);

            assertEquals(ChumState.DONE, ofB.state(), ofB.toString());
            assertEquals(60, ofB.received().objects());
            assertEquals(60, ofB.received().blobs());
            assertEquals(a.visibleTo(bob), intersect(pair.b, a.visibleTo(bob)));
            assertEquals(3, most.get(), "the batch being stored plus two ahead");
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
