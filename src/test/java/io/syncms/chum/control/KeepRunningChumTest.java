package io.syncms.chum.control;

import io.syncms.chum.entity.ChumState;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.chum.entity.FullSync;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreResult;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class KeepRunningChumTest {

    /** maxNotificationDelay of these Chums, in ms. */
    private static final long MAX_DELAY = 20;
    /** What the tests allow on top of maxNotificationDelay for listing, fetching and storing on a busy machine. */
    private static final long TRANSFER_ALLOWANCE = 2000;

    @TempDir
    Path root;

    private ChumPair pair;
    private ChumNode a;
    private ChumNode b;

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

    @Test
    void aNewWriteAndANewGrantReachTheOtherSideWithinTheNotificationDelayInBothDirections() throws Exception {
        StoreResult roadmap1 = a.document("roadmap", 1, null);
        a.grantId(roadmap1.idHash(), List.of(pair.bob()), List.of());
        String fromB = b.note("from b");
        b.grant(fromB, List.of(pair.alice()), List.of());
        ChumSession ofA = startKeepRunning();
        ChumSession ofB = ChumPair.sessionAt(b, ofA.id());
        awaitFullSync(ofA, ofB);
        assertTrue(b.has(ReferenceKind.OBJECT, roadmap1.hash()) && a.has(ReferenceKind.OBJECT, fromB));
        assertEquals(ChumState.RUNNING, ofA.status().state());

        StoreResult roadmap2 = a.document("roadmap", 2, a.blob("v2 attachment"));
        long newVersion = deliveryMillis(() -> b.has(ReferenceKind.OBJECT, roadmap2.hash()));

        String later = a.note("granted later");
        String laterGrant = a.grant(later, List.of(pair.bob()), List.of());
        long newGrant = deliveryMillis(() -> b.has(ReferenceKind.OBJECT, later));

        String reply = b.note("reply from b");
        b.grant(reply, List.of(pair.alice()), List.of());
        long otherWay = deliveryMillis(() -> a.has(ReferenceKind.OBJECT, reply));

        System.out.printf("keepRunning delivery (maxNotificationDelay %d ms): new version %d ms, new grant %d ms, "
                + "b to a %d ms%n", MAX_DELAY, newVersion, newGrant, otherWay);
        assertEquals(roadmap2.hash(), b.store.head(roadmap1.idHash()).orElseThrow().hash());
        assertFalse(b.has(ReferenceKind.OBJECT, laterGrant), "grants are not themselves accessible");

        // the responder stops it: both sides end STOPPED and write their log
        ChumStatus stoppedB = ofB.stop().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ChumStatus stoppedA = ofA.ended().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals(ChumState.STOPPED, stoppedA.state());
        assertEquals(ChumState.STOPPED, stoppedB.state());
        OneObject logA = ofA.log().toCompletableFuture().join().object();
        OneObject logB = ofB.log().toCompletableFuture().join().object();
        assertTrue(((List<?>) logA.get("AtoBObjects")).containsAll(List.of(roadmap1.hash(), roadmap2.hash(), later)));
        assertEquals(List.of(fromB, reply).stream().sorted().toList(), logA.get("BtoAObjects"));
        assertEquals(logA.get("AtoBObjects"), logB.get("BtoAObjects"));
        assertEquals("STOPPED", ((Map<?, ?>) logB.get("statistics")).get("state"));
        assertEquals(List.of(), stoppedA.errors());
    }

    @Test
    void aRevokedPersonGetsNothingNew() throws Exception {
        StoreResult roadmap1 = a.document("roadmap", 1, null);
        a.grantId(roadmap1.idHash(), List.of(pair.bob()), List.of());
        ChumSession ofA = startKeepRunning();
        awaitFullSync(ofA, ChumPair.sessionAt(b, ofA.id()));
        assertTrue(b.has(ReferenceKind.OBJECT, roadmap1.hash()));

        a.grantId(roadmap1.idHash(), List.of(), List.of());
        StoreResult roadmap2 = a.document("roadmap", 2, null);
        // a later grant that does arrive shows the Chum went past the revoked version
        String control = a.note("still granted");
        a.grant(control, List.of(pair.bob()), List.of());
        deliveryMillis(() -> b.has(ReferenceKind.OBJECT, control));
        assertFalse(b.has(ReferenceKind.OBJECT, roadmap2.hash()));

        ofA.stop().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        pair.chum(a, b, "after revocation");
        assertFalse(b.has(ReferenceKind.OBJECT, roadmap2.hash()));
    }

    @Test
    void groupMembershipsAreTakenAsTheyAreWhenTheChumStarts() throws Exception {
        String team = a.group("team", List.of());
        String forTeam = a.note("for the team");
        a.grant(forTeam, List.of(), List.of(team));
        ChumSession ofA = startKeepRunning();
        awaitFullSync(ofA, ChumPair.sessionAt(b, ofA.id()));
        assertFalse(b.has(ReferenceKind.OBJECT, forTeam));

        assertEquals(team, a.group("team", List.of(pair.bob())));
        String control = a.note("granted to bob directly");
        a.grant(control, List.of(pair.bob()), List.of());
        deliveryMillis(() -> b.has(ReferenceKind.OBJECT, control));
        assertFalse(b.has(ReferenceKind.OBJECT, forTeam), "joined the group after the Chum started");

        ofA.stop().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        // the checkpoint stayed before the membership change, so the next Chum brings it
        pair.chum(a, b, "next");
        assertTrue(b.has(ReferenceKind.OBJECT, forTeam));
    }

    @Test
    void leavingAGroupRevokesAtOnce() throws Exception {
        String team = a.group("team", List.of(pair.bob()));
        String first = a.note("first for the team");
        a.grant(first, List.of(), List.of(team));
        ChumSession ofA = startKeepRunning();
        awaitFullSync(ofA, ChumPair.sessionAt(b, ofA.id()));
        assertTrue(b.has(ReferenceKind.OBJECT, first));

        a.group("team", List.of());
        String second = a.note("second for the team");
        a.grant(second, List.of(), List.of(team));
        String control = a.note("granted to bob directly");
        a.grant(control, List.of(pair.bob()), List.of());
        deliveryMillis(() -> b.has(ReferenceKind.OBJECT, control));
        assertFalse(b.has(ReferenceKind.OBJECT, second));
        ofA.stop().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void stoppingRightAfterTheStartEndsItStoppedOnBothSides() throws Exception {
        a.grant(a.note("for bob"), List.of(pair.bob()), List.of());

        ChumSession ofA = startKeepRunning();
        ChumStatus stopped = ofA.stop().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals(ChumState.STOPPED, stopped.state(), stopped.toString());
        assertEquals(stopped, ofA.status());
        for (ChumStatus atB : b.chums.statuses()) {
            ChumStatus ended = ChumPair.sessionAt(b, atB.id()).ended().toCompletableFuture()
                    .get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertEquals(ChumState.STOPPED, ended.state(), ended.toString());
        }
    }

    private ChumSession startKeepRunning() {
        return a.chums.start(a.optionsTo(b, "live", true, MAX_DELAY));
    }

    private static void awaitFullSync(ChumSession... sessions) throws Exception {
        for (ChumSession session : sessions) {
            FullSync fullSync = session.fullSync().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertTrue(fullSync.remoteSeq() > 0);
            assertTrue(session.status().fullSyncAchieved());
        }
    }

    /** Waits for the condition; fails if it takes longer than maxNotificationDelay plus the transfer allowance. */
    private static long deliveryMillis(BooleanSupplier delivered) throws InterruptedException {
        long start = System.nanoTime();
        long limit = MAX_DELAY + TRANSFER_ALLOWANCE;
        while (!delivered.getAsBoolean()) {
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (elapsed > limit) {
                fail("not delivered within " + limit + " ms");
            }
            Thread.sleep(1);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
