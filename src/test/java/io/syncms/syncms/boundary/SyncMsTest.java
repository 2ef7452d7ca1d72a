package io.syncms.syncms.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.syncms.syncms.control.GroupChannel;
import io.syncms.syncms.control.Wire;
import io.syncms.syncms.control.WireCodec;
import io.syncms.syncms.entity.Delivery;
import io.syncms.syncms.entity.DeliveryKind;
import io.syncms.syncms.entity.DuplicateSlaveException;
import io.syncms.syncms.entity.GroupSettings;
import io.syncms.syncms.entity.MessageTooLargeException;
import io.syncms.syncms.entity.ParticipantClosedException;
import io.syncms.syncms.entity.ParticipantConfig;
import io.syncms.syncms.entity.ParticipantState;
import io.syncms.syncms.entity.Role;
import io.syncms.syncms.entity.SecondMasterException;
import io.syncms.syncms.entity.Setting;
import io.syncms.syncms.entity.SyncInReceipt;
import io.syncms.syncms.entity.SyncMsTimeoutException;
import io.syncms.syncms.entity.SyncOutReceipt;
import io.syncms.syncms.entity.UnknownSlaveException;
import io.syncms.syncms.entity.WrongRoleException;
import io.syncms.syncms.entity.WrongStateException;
import io.syncms.testing.EmbeddedHazelcast;
import io.syncms.testing.TestRuntime;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole participant on a real (embedded) Hazelcast member, several participants of a group in one JVM. */
class SyncMsTest {

    static final GroupSettings FAST = GroupSettings.defaults()
            .with(Setting.INIT_WAIT, 100)
            .with(Setting.INIT_TIMEOUT, 3000)
            .with(Setting.CLOCK_SYNC_WAIT, 500)
            .with(Setting.CLOCK_SYNC_TIMEOUT, 3000)
            .with(Setting.CLOCK_SYNC_CYCLE_DELAY, 10)
            .with(Setting.CLOCK_SYNC_ITERATIONS, 5)
            .with(Setting.MASTER_CLOCK_SYNC_FINISH, 3000)
            // generous margins: a loaded test machine must not make a message late
            .with(Setting.SYNC_OUT_MARGIN, 200)
            .with(Setting.SYNC_IN_MARGIN, 200);

    static HazelcastInstance hazelcast;
    static TestRuntime runtime;
    final List<SyncMs> participants = new ArrayList<>();
    final String group = "g-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startHazelcast() {
        hazelcast = EmbeddedHazelcast.standalone();
        runtime = new TestRuntime(hazelcast);
    }

    @AfterAll
    static void stopHazelcast() {
        runtime.close();
        hazelcast.shutdown();
    }

    @AfterEach
    void leave() {
        participants.forEach(SyncMs::close);
    }

    SyncMs participant(Role role, String id, List<String> slaves, GroupSettings settings) {
        SyncMs participant = new SyncMs(new ParticipantConfig(group, role, id, slaves, settings), runtime.runtime);
        participants.add(participant);
        return participant;
    }

    SyncMs master(String... slaves) {
        return participant(Role.MASTER, "m", List.of(slaves), FAST);
    }

    SyncMs slave(String id) {
        return participant(Role.SLAVE, id, List.of(), FAST);
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    static Throwable failureOf(CompletionStage<?> stage) throws InterruptedException {
        try {
            stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the stage neither completed nor failed", e);
        }
        throw new AssertionError("the stage completed, a failure was expected");
    }

    static void eventually(Supplier<Boolean> condition, String what) throws InterruptedException {
        eventually(condition, () -> what);
    }

    static void eventually(Supplier<Boolean> condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what.get());
            }
            Thread.sleep(5);
        }
    }

    /** Brings master and slaves to LISTENING; returns each participant's received deliveries. */
    List<List<Delivery>> listening(SyncMs... all) throws Exception {
        List<CompletionStage<SyncMs>> steps = new ArrayList<>();
        for (SyncMs p : all) {
            steps.add(p.initialize());
        }
        for (CompletionStage<SyncMs> step : steps) {
            await(step);
        }
        steps.clear();
        for (SyncMs p : all) {
            steps.add(p.clockSync());
        }
        for (CompletionStage<SyncMs> step : steps) {
            await(step);
        }
        List<List<Delivery>> received = new ArrayList<>();
        for (SyncMs p : all) {
            List<Delivery> inbox = new CopyOnWriteArrayList<>();
            received.add(inbox);
            await(p.listen(inbox::add));
            assertEquals(ParticipantState.LISTENING, p.state());
        }
        return received;
    }

    @Test
    void syncOutReachesEverySlaveAtItsDeliveryTimeNeverBefore() throws Exception {
        SyncMs master = master("a", "b");
        List<List<Delivery>> inboxes = listening(master, slave("a"), slave("b"));
        List<SyncOutReceipt> receipts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long before = master.masterNowMicros();
            SyncOutReceipt receipt = await(master.syncOut(Json.createObjectBuilder().add("round", i).build(), false));
            assertTrue(master.masterNowMicros() >= receipt.deliverAtMicros(), "syncOut completes after D");
            assertTrue(receipt.deliverAtMicros() - before >= 200_000, "D includes the 200 ms margin");
            receipts.add(receipt);
        }
        eventually(() -> inboxes.get(1).size() == 5 && inboxes.get(2).size() == 5, "both slaves got 5 messages");
        for (int i = 0; i < 5; i++) {
            Delivery a = inboxes.get(1).get(i);
            Delivery b = inboxes.get(2).get(i);
            for (Delivery d : List.of(a, b)) {
                assertEquals(DeliveryKind.SYNC_OUT, d.kind());
                assertEquals(receipts.get(i).messageId(), d.messageId());
                assertEquals(i, d.message().asJsonObject().getInt("round"));
                assertEquals(receipts.get(i).deliverAtMicros(), d.deliverAtMicros());
                assertFalse(d.late());
                // on one host the slaves' offsets are close to 0: never noticeably before the instant
                assertTrue(d.deliveredAtMicros() >= d.deliverAtMicros() - 2_000, "delivered before deliverAt: " + d);
            }
            assertTrue(Math.abs(a.deliveredAtMicros() - b.deliveredAtMicros()) < 20_000,
                    "spread between slaves " + (a.deliveredAtMicros() - b.deliveredAtMicros()) + " µs");
        }
        assertEquals(0, inboxes.get(0).size(), "the master does not deliver its own sync-out");
        assertEquals(0, master.status().counters().delivered());
    }

    @Test
    void resolveImmediatelyCompletesBeforeTheDeliveryTime() throws Exception {
        SyncMs master = master("a");
        listening(master, slave("a"));
        SyncOutReceipt receipt = await(master.syncOut(JsonValue.TRUE, true));
        assertTrue(master.masterNowMicros() < receipt.deliverAtMicros());
    }

    @Test
    void syncInIsDeliveredToTheMasterInSendOrderAndToOtherSlavesAsClient() throws Exception {
        SyncMs master = master("a", "b");
        SyncMs a = slave("a");
        SyncMs b = slave("b");
        List<List<Delivery>> inboxes = listening(master, a, b);
        await(master.enableSyncIn());
        SyncInReceipt first = await(a.syncIn(Json.createValue("a1")));
        SyncInReceipt second = await(b.syncIn(Json.createValue("b1")));
        SyncInReceipt third = await(a.syncIn(Json.createValue("a2")));
        // a message from b that was sent before all three (but after sync-in was enabled) arrives last
        long slowSentAt = first.sentAtMicros() - 1;
        hazelcast.<String>getTopic(GroupChannel.messagesTopic(group)).publish(new WireCodec().encode(
                new Wire.SyncIn("slow", "b", 99, slowSentAt, Json.createValue("b-slow"))));

        eventually(() -> inboxes.get(0).size() == 4, () -> "master got 4 sync-in messages: " + inboxes.get(0) + master.status());
        List<Delivery> atMaster = inboxes.get(0);
        assertEquals(List.of("slow", first.messageId(), second.messageId(), third.messageId()),
                atMaster.stream().map(Delivery::messageId).toList());
        for (int i = 0; i < atMaster.size(); i++) {
            Delivery d = atMaster.get(i);
            assertEquals(DeliveryKind.SYNC_IN, d.kind());
            assertEquals(i + 1, d.seq());
            assertFalse(d.late());
            assertTrue(d.deliveredAtMicros() >= d.deliverAtMicros(), "released before its window closed: " + d);
            if (i > 0) {
                assertTrue(atMaster.get(i - 1).sentAtMicros() <= d.sentAtMicros());
            }
        }
        assertEquals(1, first.seq());
        assertEquals(2, third.seq());

        eventually(() -> inboxes.get(1).size() == 2 && inboxes.get(2).size() == 2, "slaves see each other's messages");
        assertEquals(List.of("b1", "b-slow"), inboxes.get(1).stream().map(d -> ((jakarta.json.JsonString) d.message()).getString()).toList());
        inboxes.get(1).forEach(d -> assertEquals(DeliveryKind.CLIENT, d.kind()));
        assertEquals(List.of("a1", "a2"), inboxes.get(2).stream().map(d -> ((jakarta.json.JsonString) d.message()).getString()).toList());
    }

    @Test
    void aSyncInThatCanNoLongerBeOrderedIsDeliveredAtOnceMarkedLate() throws Exception {
        SyncMs master = master("a");
        SyncMs a = slave("a");
        List<List<Delivery>> inboxes = listening(master, a);
        await(master.enableSyncIn());
        SyncInReceipt sent = await(a.syncIn(Json.createValue("on time")));
        eventually(() -> inboxes.get(0).size() == 1, "the first message was delivered");
        hazelcast.<String>getTopic(GroupChannel.messagesTopic(group)).publish(new WireCodec().encode(
                new Wire.SyncIn("very-late", "a", 100, sent.sentAtMicros() - 1, Json.createValue("late"))));
        eventually(() -> inboxes.get(0).size() == 2, "the late message was delivered");
        Delivery late = inboxes.get(0).get(1);
        assertEquals("very-late", late.messageId());
        assertTrue(late.late());
        assertEquals(1, master.status().counters().late());
    }

    @Test
    void whileSyncInIsDisabledTheMasterDropsAndCounts() throws Exception {
        SyncMs master = master("a");
        SyncMs a = slave("a");
        List<List<Delivery>> inboxes = listening(master, a);
        await(a.syncIn(Json.createValue("before enable")));
        await(master.enableSyncIn());
        await(a.syncIn(Json.createValue("while enabled")));
        // disabled while that message is still waiting for its window: it is still delivered
        await(master.disableSyncIn());
        await(a.syncIn(Json.createValue("after disable")));
        eventually(() -> master.status().counters().syncInDropped() == 2, "two messages dropped");
        eventually(() -> !inboxes.get(0).isEmpty(), "the message sent while enabled was delivered");
        Thread.sleep(300);
        assertEquals(List.of("while enabled"),
                inboxes.get(0).stream().map(d -> ((jakarta.json.JsonString) d.message()).getString()).toList());
        assertFalse(master.isSyncInEnabled());
    }

    @Test
    void aSyncOutArrivingAfterItsDeliveryTimeIsDeliveredAtOnceMarkedLate() throws Exception {
        SyncMs master = master("a");
        SyncMs a = slave("a");
        List<List<Delivery>> inboxes = listening(master, a);
        long past = master.masterNowMicros() - 50_000;
        hazelcast.<String>getTopic(GroupChannel.messagesTopic(group)).publish(new WireCodec().encode(
                new Wire.SyncOut("old", "m", past, Json.createValue("stale"))));
        eventually(() -> inboxes.get(1).size() == 1, "late message delivered");
        Delivery d = inboxes.get(1).get(0);
        assertTrue(d.late());
        assertEquals(DeliveryKind.SYNC_OUT, d.kind());
        assertEquals(1, a.status().counters().late());
    }

    @Test
    void foreignDataOnTheGroupTopicIsDeliveredAsUnknownToEveryone() throws Exception {
        SyncMs master = master("a");
        List<List<Delivery>> inboxes = listening(master, slave("a"));
        hazelcast.<String>getTopic(GroupChannel.messagesTopic(group)).publish("{\"score\":42}");
        eventually(() -> inboxes.get(0).size() == 1 && inboxes.get(1).size() == 1, "both got the unknown message");
        for (List<Delivery> inbox : inboxes) {
            assertEquals(DeliveryKind.UNKNOWN, inbox.get(0).kind());
            assertEquals(42, inbox.get(0).message().asJsonObject().getInt("score"));
            assertNull(inbox.get(0).from());
        }
    }

    @Test
    void deliveriesAlsoReachTheSinkAndTheHistory() throws Exception {
        SyncMs master = master("a");
        SyncMs a = slave("a");
        listening(master, a);
        await(master.syncOut(Json.createValue(7), false));
        eventually(() -> a.deliveriesAfter(0, 10).size() == 1, "history holds the delivery");
        Delivery d = a.deliveriesAfter(0, 10).get(0);
        eventually(() -> runtime.sunk.contains(d), "sink got the delivery");
        assertEquals(List.of(), a.deliveriesAfter(1, 10));
    }

    @Test
    void initializeCountsDistinctSlaveIdsAndTimesOutClearly() throws Exception {
        SyncMs master = participant(Role.MASTER, "m", List.of("a", "b"), FAST.with(Setting.INIT_TIMEOUT, 600));
        CompletionStage<SyncMs> masterInit = master.initialize();
        await(slave("a").initialize().exceptionally(e -> null));
        Throwable duplicate = failureOf(slave("a").initialize());
        assertInstanceOf(DuplicateSlaveException.class, duplicate);
        Throwable timeout = failureOf(masterInit);
        assertInstanceOf(SyncMsTimeoutException.class, timeout);
        assertTrue(timeout.getMessage().contains("[b]"), timeout.getMessage());
        assertEquals(ParticipantState.CREATED, master.state(), "a timeout leaves the participant able to retry");

        SyncMs b = slave("b");
        CompletionStage<SyncMs> retry = master.initialize();
        await(b.initialize());
        await(retry);
        assertEquals(ParticipantState.INITIALIZED, master.state());
    }

    @Test
    void aSecondMasterFailsOnTheNewcomer() throws Exception {
        SyncMs first = master("a");
        CompletionStage<SyncMs> firstInit = first.initialize();
        SyncMs second = participant(Role.MASTER, "m2", List.of("a"), FAST);
        Throwable failure = failureOf(second.initialize());
        assertInstanceOf(SecondMasterException.class, failure);
        assertEquals(ParticipantState.FAILED, second.state());
        await(slave("a").initialize());
        await(firstInit);
    }

    @Test
    void aSlaveNotInTheMastersListIsRefused() throws Exception {
        master("a").initialize();
        Throwable failure = failureOf(slave("x").initialize());
        assertInstanceOf(UnknownSlaveException.class, failure);
        Throwable ownList = failureOf(participant(Role.SLAVE, "y", List.of("a"), FAST).initialize());
        assertInstanceOf(UnknownSlaveException.class, ownList);
    }

    @Test
    void aSlaveWithoutMasterTimesOut() throws Exception {
        SyncMs lonely = participant(Role.SLAVE, "a", List.of(), FAST.with(Setting.INIT_TIMEOUT, 300));
        long start = System.nanoTime();
        Throwable failure = failureOf(lonely.initialize());
        assertInstanceOf(SyncMsTimeoutException.class, failure);
        assertTrue(failure.getMessage().contains("no master"), failure.getMessage());
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300));
    }

    @Test
    void clockSyncTimesOutOnBothSidesWhenTheOtherIsMissing() throws Exception {
        SyncMs master = participant(Role.MASTER, "m", List.of("a"), FAST.with(Setting.MASTER_CLOCK_SYNC_FINISH, 300));
        SyncMs a = participant(Role.SLAVE, "a", List.of(), FAST.with(Setting.CLOCK_SYNC_TIMEOUT, 400).with(Setting.CLOCK_SYNC_WAIT, 100));
        CompletionStage<SyncMs> masterInit = master.initialize();
        await(a.initialize());
        await(masterInit);
        Throwable masterFailure = failureOf(master.clockSync());
        assertInstanceOf(SyncMsTimeoutException.class, masterFailure);
        assertTrue(masterFailure.getMessage().contains("[a]"), masterFailure.getMessage());
        assertEquals(ParticipantState.INITIALIZED, master.state());

        master.close();
        Throwable slaveFailure = failureOf(a.clockSync());
        assertInstanceOf(SyncMsTimeoutException.class, slaveFailure);
        assertEquals(ParticipantState.INITIALIZED, a.state());
    }

    @Test
    void clockSyncOnOneHostFindsAnOffsetNearZero() throws Exception {
        SyncMs master = master("a");
        SyncMs a = slave("a");
        listening(master, a);
        var clock = a.status().clock();
        assertTrue(clock.samples() >= 1 && clock.samples() <= 5, "samples used: " + clock.samples());
        assertNotNull(clock.offsetMicros());
        assertTrue(Math.abs(clock.offsetMicros()) <= clock.errorBoundMicros() + 1_000,
                "offset " + clock.offsetMicros() + " µs, bound " + clock.errorBoundMicros() + " µs");
        var slaveSeenByMaster = master.status().slaves().get(0);
        assertEquals(clock.oneWayDelayMicros(), slaveSeenByMaster.oneWayDelayMicros());
        assertEquals(master.status().clock().deliveryDelayMicros(), clock.oneWayDelayMicros() + 200_000);
    }

    @Test
    void stepsOutOfRoleOrOrderFailWithTheirReason() throws Exception {
        SyncMs master = master("a");
        SyncMs a = slave("a");
        assertInstanceOf(WrongStateException.class, failureOf(master.syncOut(JsonValue.TRUE, false)));
        assertInstanceOf(WrongStateException.class, failureOf(a.clockSync()));
        assertInstanceOf(WrongStateException.class, failureOf(a.listen(null)));
        listening(master, a);
        assertInstanceOf(WrongRoleException.class, failureOf(a.syncOut(JsonValue.TRUE, false)));
        assertInstanceOf(WrongRoleException.class, failureOf(master.syncIn(JsonValue.TRUE)));
        assertInstanceOf(WrongRoleException.class, failureOf(a.enableSyncIn()));
        String big = "x".repeat((int) FAST.get(Setting.MAX_MESSAGE_BYTES));
        assertInstanceOf(MessageTooLargeException.class, failureOf(master.syncOut(Json.createValue(big), true)));
    }

    @Test
    void leavingFailsPendingStepsAndFreesTheId() throws Exception {
        SyncMs master = master("a", "b");
        CompletionStage<SyncMs> pending = master.initialize();
        master.close();
        assertInstanceOf(ParticipantClosedException.class, failureOf(pending));
        SyncMs again = master("a");
        CompletionStage<SyncMs> init = again.initialize();
        await(slave("a").initialize());
        await(init);
    }
}
