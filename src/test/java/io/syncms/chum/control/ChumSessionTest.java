package io.syncms.chum.control;

import io.syncms.chum.entity.ChangePage;
import io.syncms.chum.entity.ChumError;
import io.syncms.chum.entity.ChumLog;
import io.syncms.chum.entity.ChumRole;
import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.ChumState;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.chum.entity.ObjectBody;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.ObjectNotFoundException;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreResult;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChumSessionTest {

    @TempDir
    Path root;

    private ChumPair pair;
    private ChumNode a;
    private ChumNode b;

    /** What the tests share: a's data (alice) and b's data (bob), some of it granted to the other. */
    private String aPrivate;
    private String aShared;
    private String aSharedBlob;
    private String aSharedClob;
    private StoreResult roadmap1;
    private StoreResult roadmap2;
    private String roadmapBlob;
    private String forFriends;
    private String forFriendsChild;
    private String commonNote;
    private String bPrivate;
    private String bShared;
    private String bSharedChild;
    private String bSharedBlob;
    private StoreResult bDoc;

    @BeforeEach
    void pairUp() {
        pair = new ChumPair(root);
        a = pair.a;
        b = pair.b;
    }

    @AfterEach
    void close() throws InterruptedException {
        pair.close();
    }

    /** Disjoint and overlapping data, granted through Access, IdAccess and a Group. */
    private void shareData() {
        String bob = pair.bob();
        String alice = pair.alice();
        aPrivate = a.note("a private");
        aSharedBlob = a.blob("a shared attachment");
        aSharedClob = a.clob("a shared body text");
        aShared = a.note("a shared", aSharedBlob, aSharedClob, List.of());
        a.grant(aShared, List.of(bob), List.of());
        roadmap1 = a.document("roadmap", 1, null);
        roadmapBlob = a.blob("roadmap v2 attachment");
        roadmap2 = a.document("roadmap", 2, roadmapBlob);
        a.grantId(roadmap1.idHash(), List.of(bob), List.of());
        String friends = a.group("friends", List.of(bob));
        forFriendsChild = a.note("for friends, child");
        forFriends = a.note("for friends", null, null, List.of(forFriendsChild));
        a.grant(forFriends, List.of(), List.of(friends));
        commonNote = a.note("common");
        a.grant(commonNote, List.of(bob), List.of());

        bPrivate = b.note("b private");
        bSharedChild = b.note("b shared child");
        bSharedBlob = b.blob("b shared blob");
        bShared = b.note("b shared", bSharedBlob, null, List.of(bSharedChild));
        b.grant(bShared, List.of(alice), List.of());
        assertEquals(commonNote, b.note("common"));
        b.grant(commonNote, List.of(alice), List.of());
        bDoc = b.document("b doc", 1, null);
        b.grantId(bDoc.idHash(), List.of(alice), List.of());
    }

    @Test
    void aOneShotChumLeavesEachSideWithItsOwnDataPlusWhatItMaySeeAndNothingElse() throws Exception {
        shareData();
        Set<ClosureEntry> aBefore = a.content();
        Set<ClosureEntry> bBefore = b.content();
        Set<ClosureEntry> aMaySee = b.visibleTo(pair.alice());
        Set<ClosureEntry> bMaySee = a.visibleTo(pair.bob());

        List<ChumStatus> statuses = pair.chum(a, b, "one-shot");

        assertEquals(union(aBefore, aMaySee), a.content());
        assertEquals(union(bBefore, bMaySee), b.content());
        assertFalse(b.has(ReferenceKind.OBJECT, aPrivate));
        assertFalse(a.has(ReferenceKind.OBJECT, bPrivate));
        // through Access (with its BLOB and CLOB), IdAccess (every version) and the group
        for (String hash : List.of(aShared, roadmap1.hash(), roadmap2.hash(), forFriends, forFriendsChild)) {
            assertTrue(b.has(ReferenceKind.OBJECT, hash), hash);
        }
        assertTrue(b.has(ReferenceKind.BLOB, aSharedBlob) && b.has(ReferenceKind.CLOB, aSharedClob)
                && b.has(ReferenceKind.BLOB, roadmapBlob) && b.has(ReferenceKind.ID, roadmap1.idHash()));
        assertEquals(roadmap2.hash(), b.store.head(roadmap1.idHash()).orElseThrow().hash());
        assertTrue(a.has(ReferenceKind.OBJECT, bShared) && a.has(ReferenceKind.OBJECT, bSharedChild)
                && a.has(ReferenceKind.BLOB, bSharedBlob) && a.has(ReferenceKind.OBJECT, bDoc.hash()));

        ChumStatus ofA = statuses.get(0);
        ChumStatus ofB = statuses.get(1);
        assertEquals(ChumRole.INITIATOR, ofA.role());
        assertEquals(ChumRole.RESPONDER, ofB.role());
        for (ChumStatus status : statuses) {
            assertEquals(ChumState.DONE, status.state(), status.toString());
            assertTrue(status.fullSyncAchieved());
            assertEquals(List.of(), status.errors());
            assertEquals(status.progress().total(), status.progress().done());
            assertNotNull(status.logHash());
        }
        // the common note was offered to both sides and fetched by neither
        assertEquals(1, ofA.exists());
        assertEquals(1, ofB.exists());
        assertEquals(count(aMaySee, ReferenceKind.OBJECT) - 1, ofA.received().objects());
        assertEquals(count(bMaySee, ReferenceKind.OBJECT) - 1, ofB.received().objects());
        assertEquals(ofA.received(), ofB.sent());
        assertEquals(ofB.received(), ofA.sent());
        assertEquals(3, ofB.received().blobs() + ofB.received().clobs());
    }

    @Test
    void aSecondChumAsksOnlyAfterTheCheckpointAndTransfersNothing() throws Exception {
        shareData();
        pair.chum(a, b, "first");
        long bCheckpoint = a.checkpointFor(b).orElseThrow().remoteSeq();
        long aCheckpoint = b.checkpointFor(a).orElseThrow().remoteSeq();
        assertTrue(bCheckpoint > 0 && aCheckpoint > 0);
        Set<ClosureEntry> aContent = a.content();
        Set<ClosureEntry> bContent = b.content();
        RecordingPeer toB = record(b);
        RecordingPeer toA = record(a);

        List<ChumStatus> second = pair.chum(a, b, "second");

        assertEquals(List.of(bCheckpoint), toB.afterSeqs);
        assertEquals(List.of(aCheckpoint), toA.afterSeqs);
        assertEquals(0, toB.fetches.get() + toA.fetches.get());
        assertEquals(0, toB.listed.get() + toA.listed.get());
        for (ChumStatus status : second) {
            assertEquals(ChumState.DONE, status.state());
            assertTrue(status.fullSyncAchieved());
            assertEquals(0, status.received().total());
            assertEquals(0, status.sent().total());
        }
        assertEquals(aContent, a.content());
        assertEquals(bContent, b.content());
    }

    @Test
    void anItemDamagedAfterAChumIsQuarantinedAndTheNextChumBringsItBack() throws Exception {
        shareData();
        pair.chum(a, b, "first");
        Path file = b.directory.resolve("blobs").resolve(aSharedBlob.substring(0, 2)).resolve(aSharedBlob.substring(2, 4))
                .resolve(aSharedBlob);
        assertTrue(Files.isRegularFile(file), "a BLOB over the inline limit is a file");
        Files.delete(file);
        assertThrows(ObjectNotFoundException.class, () -> b.store.openBlob(aSharedBlob));
        assertEquals(1, b.store.quarantinedCount());
        assertEquals(0, b.checkpointFor(a).orElseThrow().localQuarantined());

        List<ChumStatus> second = pair.chum(b, a, "heal");

        ChumStatus atB = second.get(0);
        assertEquals(ChumState.DONE, atB.state());
        assertTrue(atB.fullSyncAchieved());
        assertEquals(1, atB.received().blobs(), "listed anew from the start, only the missing BLOB is fetched");
        assertEquals(0, atB.received().objects());
        try (var in = b.store.openBlob(aSharedBlob)) {
            assertEquals("a shared attachment", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(1, b.checkpointFor(a).orElseThrow().localQuarantined());
    }

    @Test
    void aNewGrantOfAnOldObjectReachesTheNextChumThroughTheCheckpoint() throws Exception {
        shareData();
        pair.chum(a, b, "first");
        long checkpoint = a.checkpointFor(b).orElseThrow().remoteSeq();
        assertFalse(a.has(ReferenceKind.OBJECT, bPrivate));
        RecordingPeer toB = record(b);

        b.grant(bPrivate, List.of(pair.alice()), List.of());
        List<ChumStatus> second = pair.chum(a, b, "second");

        assertTrue(a.has(ReferenceKind.OBJECT, bPrivate));
        assertEquals(List.of(checkpoint), toB.afterSeqs);
        assertEquals(1, second.get(0).received().objects());
        assertTrue(a.checkpointFor(b).orElseThrow().remoteSeq() > checkpoint);
    }

    @Test
    void theChumLogsOfBothSidesSayWhatHappened() throws Exception {
        shareData();
        List<ChumStatus> statuses = pair.chum(a, b, "log test");
        ChumLog ofA = a.chums.find(statuses.get(0).id()).orElseThrow().log().toCompletableFuture().join();
        ChumLog ofB = b.chums.find(statuses.get(0).id()).orElseThrow().log().toCompletableFuture().join();

        // hashed like every other object, stored, and what the handle says
        assertEquals(ofA.hash(), a.hashes.hashOf(ofA.object()));
        assertEquals(ofA.object(), a.store.readObject(ofA.hash()));
        assertEquals(ofB.object(), b.store.readObject(ofB.hash()));
        assertEquals(statuses.get(0).logHash(), ofA.hash());
        assertEquals(statuses.get(1).logHash(), ofB.hash());

        OneObject logA = ofA.object();
        assertEquals("Chum", logA.type());
        assertEquals("log test", logA.get("name"));
        assertEquals(List.of("a", "b"), logA.get("instance"));
        assertEquals(List.of(pair.alice(), pair.bob()), logA.get("person"));
        assertEquals((double) a.checkpointFor(b).orElseThrow().remoteSeq(), logA.get("highestRemoteTimestamp"));
        assertEquals(sorted(aShared, roadmap1.hash(), roadmap2.hash(), forFriends, forFriendsChild), logA.get("AtoBObjects"));
        assertEquals(List.of(roadmap1.idHash()), logA.get("AtoBIdObjects"));
        assertEquals(sorted(aSharedBlob, roadmapBlob), logA.get("AtoBBlob"));
        assertEquals(List.of(aSharedClob), logA.get("AtoBClob"));
        assertEquals(sorted(bShared, bSharedChild, bDoc.hash()), logA.get("BtoAObjects"));
        assertEquals(List.of(bDoc.idHash()), logA.get("BtoAIdObjects"));
        assertEquals(List.of(bSharedBlob), logA.get("BtoABlob"));
        assertEquals(List.of(), logA.get("BtoAClob"));
        assertEquals(1.0, logA.get("BtoAExists"));
        assertEquals(List.of(), logA.get("errors"));
        Map<?, ?> statistics = (Map<?, ?>) logA.get("statistics");
        assertEquals("initiator", statistics.get("role"));
        assertEquals("DONE", statistics.get("state"));
        assertEquals(true, statistics.get("fullSyncAchieved"));
        assertEquals(logA.get("highestRemoteTimestamp"), statistics.get("checkpointSeq"));

        // b's log is the mirror image, with the same ID (one.core's pair order) and so in one version history
        OneObject logB = ofB.object();
        assertEquals(List.of("a", "b"), logB.get("instance"));
        assertEquals(List.of(pair.alice(), pair.bob()), logB.get("person"));
        assertEquals(logA.get("AtoBObjects"), logB.get("BtoAObjects"));
        assertEquals(logA.get("AtoBBlob"), logB.get("BtoABlob"));
        assertEquals(logA.get("AtoBClob"), logB.get("BtoAClob"));
        assertEquals(logA.get("AtoBIdObjects"), logB.get("BtoAIdObjects"));
        assertEquals(logA.get("BtoAObjects"), logB.get("AtoBObjects"));
        assertEquals(1.0, logB.get("BtoAExists"));
        assertEquals((double) b.checkpointFor(a).orElseThrow().remoteSeq(), logB.get("highestRemoteTimestamp"));
        assertEquals("responder", ((Map<?, ?>) logB.get("statistics")).get("role"));

        // the logs of a pair's Chums are versions of one ID
        List<ChumStatus> again = pair.chum(a, b, "log test");
        assertEquals(List.of(ofA.hash(), again.get(0).logHash()),
                a.store.versions(a.hashes.idHashOf(ofA.object())).stream().map(version -> version.hash()).toList());
    }

    @Test
    void aTamperedObjectOrBlobIsRejectedAndLoggedAndTheRestStillArrives() throws Exception {
        shareData();
        String tamperedBlob = bSharedBlob;
        String tamperedObject = bSharedChild;
        pair.network.register(b.url, new ForwardingPeer(new InMemoryChumPeer(b.chums.exporter())) {
            @Override
            public List<ObjectBody> fetchObjects(String token, List<ClosureEntry> entries) {
                List<ObjectBody> bodies = new ArrayList<>();
                for (ObjectBody body : super.fetchObjects(token, entries)) {
                    bodies.add(body.hash().equals(tamperedObject)
                            ? new ObjectBody(body.kind(), body.hash(), body.microdata().replace("child", "chilled")) : body);
                }
                return bodies;
            }

            @Override
            public void fetchContent(String token, ReferenceKind kind, List<String> hashes, ContentSink sink) {
                super.fetchContent(token, kind, hashes, (hash, size, content) -> {
                    byte[] bytes = content.readAllBytes();
                    if (hash.equals(tamperedBlob)) {
                        bytes[0] ^= 1;
                    }
                    sink.accept(hash, bytes.length, new ByteArrayInputStream(bytes));
                });
            }
        });

        List<ChumStatus> statuses = pair.chum(a, b, "tampered");

        ChumStatus ofA = statuses.get(0);
        assertEquals(ChumState.DONE, ofA.state());
        assertFalse(ofA.fullSyncAchieved());
        assertThrows(CompletionException.class, () -> a.chums.find(ofA.id()).orElseThrow().fullSync().toCompletableFuture().join());
        Map<String, String> codes = ofA.errors().stream().collect(Collectors.toMap(ChumError::hash, ChumError::code));
        // the tampered two, and the note that references them, which cannot be stored without them
        assertEquals(Map.of(tamperedObject, "CHUM-HASH1", tamperedBlob, "OS-HASH1", bShared, "OS-MREF1"), codes);
        assertFalse(a.has(ReferenceKind.OBJECT, tamperedObject) || a.has(ReferenceKind.BLOB, tamperedBlob)
                || a.has(ReferenceKind.OBJECT, bShared));
        assertTrue(a.has(ReferenceKind.OBJECT, bDoc.hash()));
        assertTrue(a.checkpointFor(b).isEmpty(), "a round with rejections must not move the checkpoint");
        // the other direction was untouched
        assertEquals(ChumState.DONE, statuses.get(1).state());
        assertTrue(statuses.get(1).fullSyncAchieved());
        // the log says so
        OneObject log = a.chums.find(ofA.id()).orElseThrow().log().toCompletableFuture().join().object();
        assertEquals(3, ((List<?>) log.get("errors")).size());
        assertEquals(List.of(bDoc.hash()), log.get("BtoAObjects"));

        // an honest exporter again: the next Chum completes from the old checkpoint
        pair.network.register(b.url, new InMemoryChumPeer(b.chums.exporter()));
        Set<ClosureEntry> expected = union(a.content(), b.visibleTo(pair.alice()));
        List<ChumStatus> again = pair.chum(a, b, "honest");
        assertTrue(again.get(0).fullSyncAchieved());
        assertEquals(expected, a.content());
    }

    @Test
    void anImporterThatCrashesHalfWayResumesFromTheCheckpointAndCompletes() throws Exception {
        String bob = pair.bob();
        for (int i = 0; i < 20; i++) {
            String blob = a.blob("attachment " + i);
            a.grant(a.note("note " + i, blob, null, List.of()), List.of(bob), List.of());
        }
        Set<ClosureEntry> expected = union(b.content(), a.visibleTo(bob));
        crashAfter(a, 12);

        List<ChumStatus> crashed = pair.chum(b, a, "crash");

        assertEquals(ChumState.FAILED, crashed.get(0).state());
        assertEquals(ChumState.FAILED, crashed.get(1).state());
        long before = crashed.get(0).received().total();
        assertTrue(before > 0 && before < 40, "received " + before);
        assertTrue(b.checkpointFor(a).isEmpty());
        assertTrue(expected.containsAll(b.content()));

        // the process restarts with what is on disk; the next Chum completes what is missing
        pair.restart(b, ChumPair.SETTINGS);
        b = pair.b;
        pair.network.register(a.url, new InMemoryChumPeer(a.chums.exporter()));
        List<ChumStatus> resumed = pair.chum(b, a, "resume");

        assertEquals(ChumState.DONE, resumed.get(0).state());
        assertEquals(expected, b.content());
        assertEquals(40 - before, resumed.get(0).received().total(), "nothing stored before is fetched again");
        long checkpoint = b.checkpointFor(a).orElseThrow().remoteSeq();

        // more data, another crash: the checkpoint stays, and the Chum after it asks from there
        for (int i = 20; i < 30; i++) {
            a.grant(a.note("note " + i, a.blob("attachment " + i), null, List.of()), List.of(bob), List.of());
        }
        Set<ClosureEntry> expectedNow = union(b.content(), a.visibleTo(bob));
        crashAfter(a, 5);
        pair.chum(b, a, "crash again");
        assertEquals(checkpoint, b.checkpointFor(a).orElseThrow().remoteSeq());
        RecordingPeer toA = record(a);
        List<ChumStatus> last = pair.chum(b, a, "resume again");
        assertEquals(List.of(checkpoint), toA.afterSeqs);
        assertEquals(ChumState.DONE, last.get(0).state());
        assertEquals(expectedNow, b.content());
        assertEquals(a.content().stream().filter(a.visibleTo(bob)::contains).collect(Collectors.toSet()),
                b.content().stream().filter(a.visibleTo(bob)::contains).collect(Collectors.toSet()));
    }

    @Test
    void aProtocolVersionMismatchAbortsBothSides() throws Exception {
        pair.close();
        pair = new ChumPair(root, ChumPair.SETTINGS.withProtocolVersion(ChumSettings.PROTOCOL_VERSION + 1), ChumPair.SETTINGS);
        a = pair.a;
        b = pair.b;
        String note = a.note("never sent");
        a.grant(note, List.of(pair.bob()), List.of());

        ChumSession started = a.chums.start(a.optionsTo(b, "mismatch", false, 20));
        ChumStatus ofA = started.ended().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals(ChumState.FAILED, ofA.state());
        assertEquals("CHUM-VERSION1", ofA.errors().get(0).code());
        String expectedMessage = "CHUM-VERSION1: Chum protocol version mismatch: instance \"a\" speaks version "
                + (ChumSettings.PROTOCOL_VERSION + 1) + ", instance \"b\" speaks version " + ChumSettings.PROTOCOL_VERSION;
        assertTrue(ofA.errors().get(0).message().endsWith(expectedMessage), ofA.errors().get(0).message());
        ChumStatus ofB = b.chums.find(started.id()).orElseThrow().ended().toCompletableFuture().join();
        assertEquals(ChumState.FAILED, ofB.state());
        assertEquals(expectedMessage, ofB.errors().get(0).message());
        assertFalse(b.has(ReferenceKind.OBJECT, note));
        assertThrows(CompletionException.class, () -> started.log().toCompletableFuture().join());
    }

    @Test
    void aChumWithAnInstanceThatDoesNotTrustUsIsRefusedAndTransfersNothing() throws Exception {
        String note = b.note("for alice only if b trusts a");
        b.grant(note, List.of(pair.alice()), List.of());
        b.chums.trustedPeers().remove(pair.alice());
        Set<ClosureEntry> aBefore = a.content();

        ChumSession started = a.chums.start(a.optionsTo(b, "untrusted", false, 20));
        ChumStatus status = started.ended().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals(ChumState.FAILED, status.state());
        assertEquals("CHUM-AUTH1", status.errors().get(0).code());
        assertEquals(aBefore, a.content());
        assertTrue(b.chums.statuses().isEmpty());
    }

    @Test
    void aChumIsStartedOnlyAsThisInstanceAndItsOwner() {
        assertThrows(IllegalArgumentException.class, () -> a.chums.start(b.optionsTo(a, "as bob", false, 20)));
        assertTrue(a.chums.statuses().isEmpty());
    }

    // ---------------------------------------------------------------- helpers

    /** Makes a's view of the node's exporter record what it is asked. */
    private RecordingPeer record(ChumNode node) {
        RecordingPeer peer = new RecordingPeer(new InMemoryChumPeer(node.chums.exporter()));
        pair.network.register(node.url, peer);
        return peer;
    }

    /** Makes the node's exporter unreachable (a transport failure) after it delivered so many items. */
    private void crashAfter(ChumNode node, int items) {
        AtomicInteger delivered = new AtomicInteger();
        pair.network.register(node.url, new ForwardingPeer(new InMemoryChumPeer(node.chums.exporter())) {
            @Override
            public List<ObjectBody> fetchObjects(String token, List<ClosureEntry> entries) {
                List<ObjectBody> bodies = super.fetchObjects(token, entries);
                if (delivered.addAndGet(bodies.size()) > items) {
                    throw new IllegalStateException("connection reset");
                }
                return bodies;
            }

            @Override
            public void fetchContent(String token, ReferenceKind kind, List<String> hashes, ContentSink sink) {
                super.fetchContent(token, kind, hashes, (hash, size, content) -> {
                    if (delivered.incrementAndGet() > items) {
                        throw new IOException("connection reset");
                    }
                    sink.accept(hash, size, content);
                });
            }
        });
    }

    static final class RecordingPeer extends ForwardingPeer {

        final List<Long> afterSeqs = new CopyOnWriteArrayList<>();
        final AtomicInteger fetches = new AtomicInteger();
        final AtomicInteger listed = new AtomicInteger();

        RecordingPeer(ChumPeer target) {
            super(target);
        }

        @Override
        public ChangePage changesAfter(String token, long afterSeq, int limit) {
            afterSeqs.add(afterSeq);
            ChangePage page = super.changesAfter(token, afterSeq, limit);
            listed.addAndGet((int) page.total());
            return page;
        }

        @Override
        public List<ObjectBody> fetchObjects(String token, List<ClosureEntry> entries) {
            fetches.incrementAndGet();
            return super.fetchObjects(token, entries);
        }

        @Override
        public void fetchContent(String token, ReferenceKind kind, List<String> hashes, ContentSink sink) {
            fetches.incrementAndGet();
            super.fetchContent(token, kind, hashes, sink);
        }
    }

    private static Set<ClosureEntry> union(Set<ClosureEntry> first, Set<ClosureEntry> second) {
        Set<ClosureEntry> union = new HashSet<>(first);
        union.addAll(second);
        return union;
    }

    private static long count(Set<ClosureEntry> entries, ReferenceKind kind) {
        return entries.stream().filter(entry -> entry.kind() == kind).count();
    }

    private static List<String> sorted(String... hashes) {
        return java.util.Arrays.stream(hashes).sorted().toList();
    }
}
