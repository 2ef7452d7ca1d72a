package io.syncms.players.control;

import static io.syncms.platform.control.Jsonp.JSON;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.syncms.clock.control.WallClock;
import io.syncms.platform.entity.LimitExceededException;
import io.syncms.players.entity.PlayerGrant;
import io.syncms.players.entity.PlayerLimits;
import io.syncms.syncms.control.Participant;
import io.syncms.syncms.control.RemoteApplication;
import io.syncms.syncms.entity.GroupSettings;
import io.syncms.syncms.entity.ParticipantConfig;
import io.syncms.syncms.entity.Role;
import io.syncms.syncms.entity.Setting;
import io.syncms.syncms.entity.SyncMsException;
import io.syncms.testing.EmbeddedHazelcast;
import io.syncms.testing.TestRuntime;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Player sessions on a real (embedded) Hazelcast member with real participants: pages whose clocks are
 * set far from the instance's answer the pings as a page would, so the composed offsets, deliveries,
 * fair sync-in with the pages' own stamps, the bounds on those stamps and hostile frames are all checked
 * without a socket.
 */
class PlayerSessionTest {

    static final GroupSettings FAST = GroupSettings.defaults().with(Setting.INIT_WAIT, 100).with(Setting.INIT_TIMEOUT, 5000)
            .with(Setting.CLOCK_SYNC_WAIT, 500).with(Setting.CLOCK_SYNC_TIMEOUT, 5000).with(Setting.CLOCK_SYNC_CYCLE_DELAY, 5)
            .with(Setting.CLOCK_SYNC_ITERATIONS, 10).with(Setting.MASTER_CLOCK_SYNC_FINISH, 5000)
            .with(Setting.SYNC_OUT_MARGIN, 200).with(Setting.SYNC_IN_MARGIN, 100);

    static HazelcastInstance hazelcast;
    static TestRuntime runtime;
    final WallClock wall = new WallClock();
    final String group = "g-" + UUID.randomUUID().toString().substring(0, 8);
    final List<Page> pages = new ArrayList<>();
    final AtomicInteger live = new AtomicInteger();

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
    void closePages() {
        pages.forEach(page -> page.session.onClose());
    }

    @Test
    void pagesWithSkewedClocksLearnTheirOffsetToTheMasterAndGetSyncOutWithItsInstant() {
        Page master = page(PlayerGrant.anyone("test"), 0);
        Page slow = page(PlayerGrant.anyone("test"), -5_000_000);
        Page fast = page(PlayerGrant.anyone("test"), 3_000_000);
        all(List.of(master, slow, fast), page -> page == master
                ? send(master, "initialize", "\"role\":\"master\",\"id\":\"m\",\"slaves\":[\"s1\",\"s2\"]")
                : send(page, "initialize", "\"role\":\"slave\",\"id\":\"" + (page == slow ? "s1" : "s2") + "\""));
        List<JsonObject> clocks = all(List.of(master, slow, fast), page -> send(page, "clock_sync", ""));
        for (int i = 0; i < 3; i++) {
            Page page = List.of(master, slow, fast).get(i);
            JsonObject clock = clocks.get(i);
            double expected = -page.skewMicros / 1000.0;
            double error = clock.getJsonNumber("errorBound").doubleValue();
            assertTrue(Math.abs(clock.getJsonNumber("offset").doubleValue() - expected) <= error + 0.001,
                    "offset " + clock + " of a page " + expected + " ms off");
            assertTrue(error < 50, "error bound on loopback in one JVM: " + clock);
        }
        all(List.of(master, slow, fast), page -> send(page, "listen", ""));

        JsonObject receipt = op(master, "sync_out", "\"message\":{\"round\":1}");
        double deliverAt = receipt.getJsonNumber("deliverAt").doubleValue();
        for (Page slave : List.of(slow, fast)) {
            JsonObject delivery = slave.awaitFrame("delivery").getJsonObject("delivery");
            assertEquals("SYNC_OUT", delivery.getString("kind"));
            assertEquals(receipt.getString("messageId"), delivery.getString("messageId"));
            assertEquals(deliverAt, delivery.getJsonNumber("deliverAt").doubleValue(), 0.0005);
            assertEquals(JSON.createObjectBuilder().add("round", 1).build(), delivery.get("message"));
            assertTrue(delivery.getJsonNumber("deliverAt").doubleValue() > slave.arrivals.get(slave.frames.indexOf(
                    slave.lastRead())) / 1000.0, "forwarded before its instant, which the page keeps");
        }
        JsonObject status = op(master, "status", "");
        assertEquals(2, status.getJsonArray("slaves").size());
        assertTrue(status.getJsonObject("clock").getJsonNumber("deliveryDelay").doubleValue() >= 200, status.toString());
        JsonObject s1 = status.getJsonArray("slaves").getJsonObject(0);
        assertEquals(5000, s1.getJsonNumber("offset").doubleValue(), s1.getJsonNumber("errorBound").doubleValue() + 0.001,
                "the master sees the page's composed report: " + s1);
    }

    @Test
    void syncInIsOrderedByThePagesOwnStampsAnOldStampIsLateAndAFutureOneIsNow() throws InterruptedException {
        Page master = page(PlayerGrant.anyone("test"), 0);
        Page first = page(PlayerGrant.anyone("test"), 1_000_000);
        Page second = page(PlayerGrant.anyone("test"), -2_000_000);
        joinAndSync(master, first, second);
        op(master, "enable_sync_in", "");

        // the second page stamps an earlier send time but sends later: the master hands it over first
        double now = masterNowMillis();
        op(second, "sync_in", "\"message\":\"b\",\"sentAt\":" + (now - 1.0));
        op(first, "sync_in", "\"message\":\"a\",\"sentAt\":" + (now - 0.5));
        JsonObject earliest = master.awaitFrame("delivery").getJsonObject("delivery");
        JsonObject latest = master.awaitFrame("delivery").getJsonObject("delivery");
        assertEquals(List.of("s2", "s1"), List.of(earliest.getString("from"), latest.getString("from")));
        assertEquals("SYNC_IN", earliest.getString("kind"));

        // a page that claims it sent long ago (more than the window W = one-way delay + error + 100 ms margin ago,
        // between the two messages above, which the master has handed over) keeps its stamp; the master gets it
        // at once, marked late: it cannot be put in fair order any more
        Thread.sleep(400);
        double claimed = now - 0.75;
        JsonObject receipt = op(first, "sync_in", "\"message\":\"cheat\",\"sentAt\":" + claimed);
        assertEquals(claimed, receipt.getJsonNumber("sentAt").doubleValue(), 0.001);
        JsonObject cheat = master.awaitFrame("delivery").getJsonObject("delivery");
        assertEquals("cheat", cheat.getString("message"));
        assertTrue(cheat.getBoolean("late"), "handed over at once, marked late: " + cheat);

        // one that claims it will send in a second is held to now + error + sync-in margin
        double before = masterNowMillis();
        long future = send(second, "sync_in", "\"message\":\"soon\",\"sentAt\":" + (before + 1_000));
        double after = masterNowMillis();
        double stamped = second.awaitResult(future).getJsonNumber("sentAt").doubleValue();
        assertTrue(stamped >= before && stamped <= after + 100 + 50, "no later than now + error + margin: " + (stamped - before));
    }

    @Test
    void aPageThatLeavesIsAnnouncedToTheOthers() {
        Page master = page(PlayerGrant.anyone("test"), 0);
        Page one = page(PlayerGrant.anyone("test"), 0);
        Page two = page(PlayerGrant.anyone("test"), 0);
        joinAndSync(master, one, two);
        two.session.onClose();
        for (Page other : List.of(master, one)) {
            JsonObject left = other.awaitFrame("event");
            assertEquals("left", left.getString("event"));
            assertEquals("s2", left.getString("id"));
            assertEquals("slave", left.getString("role"));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> live.get() == 2);
    }

    @Test
    void aPlayerTokenHoldsThePageToItsRoleAndId() {
        Page page = page(new PlayerGrant("player s1", group, Role.SLAVE, "s1", null), 0);
        assertEquals(403, problemOf(page, "initialize", "\"role\":\"slave\",\"id\":\"s2\"").getInt("status"));
        assertEquals(403, problemOf(page, "initialize", "\"role\":\"master\",\"id\":\"s1\",\"slaves\":[\"x\"]").getInt("status"));
        assertEquals(0, live.get());
    }

    @Test
    void hostileFramesAreAnsweredWith400AndTooManyCloseTheSocket() {
        Page page = page(PlayerGrant.anyone("test"), 0);
        List<String> hostile = List.of("not json", "[1,2]", "{\"op\":\"initialize\"}", "{\"req\":0,\"op\":\"status\"}",
                "{\"req\":1e300,\"op\":\"status\"}", "{\"req\":9007199254740993,\"op\":\"status\"}", "{\"req\":1,\"op\":7}",
                "{\"pong\":1,\"t\":\"later\"}", "{\"pong\":1,\"t\":1e300}", "{\"req\":2,\"op\":\"fly\"}",
                "{\"req\":3,\"op\":\"clock_sync\"}", "{\"req\":4,\"op\":\"initialize\",\"role\":\"slave\",\"id\":\"../x\"}",
                "{\"req\":5,\"op\":\"initialize\",\"role\":\"king\",\"id\":\"a\"}",
                "{\"req\":6,\"op\":\"initialize\",\"role\":\"slave\",\"id\":\"a\",\"settings\":{\"initWaitMs\":-1}}",
                "{\"req\":7,\"op\":\"initialize\",\"role\":\"slave\",\"id\":\"a\",\"settings\":{\"nope\":1}}",
                "{\"req\":8,\"op\":\"initialize\",\"role\":\"slave\",\"id\":\"a\",\"slaves\":\"all\"}",
                "{\"req\":10,\"op\":\"initialize\",\"role\":\"slave\",\"id\":\"a\",\"settings\":{\"syncInMarginMs\":600000}}",
                "{\"req\":11,\"op\":\"initialize\",\"role\":\"master\",\"id\":\"a\",\"slaves\":[\"b\"],\"settings\":{\"deliveryHistoryBytes\":1073741824}}",
                "{\"req\":12,\"op\":\"initialize\",\"role\":\"slave\",\"id\":\"a\",\"settings\":{\"clockSyncIterations\":10000}}",
                "{\"req\":9,\"op\":\"initialize\",\"role\":\"master\",\"id\":\"a\",\"slaves\":[1]}", "\"just a string\"", "{}");
        for (String frame : hostile) {
            int before = page.frames.size();
            page.session.onText(frame);
            JsonObject answer = page.frames.get(before);
            assertEquals(400, answer.getJsonObject("error").getInt("status"), frame + " -> " + answer);
        }
        assertEquals(0, live.get(), "nothing joined");
        for (int i = 0; i < 40 && page.closedWith == null; i++) {
            page.session.onText("nonsense");
        }
        assertEquals(1008, page.closedWith);
    }

    @Test
    void aFloodOfOperationsIsAnsweredWith429() {
        Page page = page(PlayerGrant.anyone("test"), 0);
        for (int req = 1; req <= 1000; req++) {
            page.session.onText("{\"req\":" + req + ",\"op\":\"status\"}");
        }
        long refused = page.frames.stream().filter(frame -> frame.containsKey("error")
                && frame.getJsonObject("error").getInt("status") == 429).count();
        assertTrue(refused >= 1000 - 2 * 50 - 50, "burst of twice the rate, then 429: " + refused);
        assertEquals(null, page.closedWith, "a flood of well-formed requests does not close the socket");
    }

    // ---------------------------------------------------------------- helpers

    private List<JsonObject> joinAndSync(Page master, Page one, Page two) {
        all(List.of(master, one, two), page -> page == master
                ? send(master, "initialize", "\"role\":\"master\",\"id\":\"m\",\"slaves\":[\"s1\",\"s2\"]")
                : send(page, "initialize", "\"role\":\"slave\",\"id\":\"" + (page == one ? "s1" : "s2") + "\""));
        List<JsonObject> clocks = all(List.of(master, one, two), page -> send(page, "clock_sync", ""));
        all(List.of(master, one, two), page -> send(page, "listen", ""));
        return clocks;
    }

    private double masterNowMillis() {
        return wall.nowMicros() / 1000.0;
    }

    /** Sends the same kind of request from each page at once and waits for every answer. */
    private List<JsonObject> all(List<Page> from, java.util.function.Function<Page, Long> send) {
        List<Long> requests = new ArrayList<>();
        for (Page page : from) {
            requests.add(send.apply(page));
        }
        List<JsonObject> results = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            results.add(from.get(i).awaitResult(requests.get(i)));
        }
        return results;
    }

    private final AtomicInteger requestNumbers = new AtomicInteger();

    /** Sends a request and returns its number. */
    private long send(Page page, String op, String members) {
        long req = requestNumbers.incrementAndGet();
        page.session.onText("{\"req\":" + req + ",\"op\":\"" + op + "\"" + (members.isEmpty() ? "" : "," + members) + "}");
        return req;
    }

    /** Sends a request and waits for its result. */
    private JsonObject op(Page page, String op, String members) {
        return page.awaitResult(send(page, op, members));
    }

    private JsonObject problemOf(Page page, String op, String members) {
        long req = send(page, op, members);
        return page.awaitAnswer(req).getJsonObject("error");
    }

    private Page page(PlayerGrant grant, long skewMicros) {
        Page page = new Page(skewMicros);
        page.session = new PlayerSession(group, grant, page, new PlayerParticipants() {
            @Override
            public Participant create(ParticipantConfig config, RemoteApplication application) {
                live.incrementAndGet();
                return Participant.of(config, runtime.runtime, application);
            }

            @Override
            public void closed(Participant participant) {
                live.decrementAndGet();
            }

            @Override
            public GroupSettings settingsFor(String name) {
                return FAST;
            }
        }, runtimeScheduler(), wall, new PlayerLimits(1 << 20, 64, 50, 1024, 32), PlayerSessionTest::problem);
        pages.add(page);
        return page;
    }

    private static java.util.concurrent.ScheduledExecutorService runtimeScheduler() {
        return runtime.runtime.scheduler();
    }

    static JsonObject problem(Throwable failure) {
        int status = failure instanceof PlayerForbiddenException ? 403
                : failure instanceof LimitExceededException limit ? limit.status()
                : failure instanceof SyncMsException ? 409
                : failure instanceof IllegalArgumentException ? 400 : 500;
        return JSON.createObjectBuilder().add("status", status).add("detail", String.valueOf(failure.getMessage())).build();
    }

    /** A page: its clock is the wall clock plus a skew; it answers pings at once, as syncms.js does. */
    final class Page implements PlayerSocket {
        final long skewMicros;
        final List<JsonObject> frames = new CopyOnWriteArrayList<>();
        /** When each frame arrived, wall clock, epoch microseconds. */
        final List<Long> arrivals = new CopyOnWriteArrayList<>();
        volatile Integer closedWith;
        PlayerSession session;
        private int read;

        Page(long skewMicros) {
            this.skewMicros = skewMicros;
        }

        @Override
        public void send(String text) {
            JsonObject frame = JSON.createReader(new StringReader(text)).readObject();
            if (frame.containsKey("ping")) {
                double t = (wall.nowMicros() + skewMicros) / 1000.0;
                session.onText("{\"pong\":" + frame.getJsonNumber("ping") + ",\"t\":" + t + "}");
                return;
            }
            synchronized (this) {
                arrivals.add(wall.nowMicros());
                frames.add(frame);
            }
        }

        synchronized JsonObject lastRead() {
            return frames.get(read - 1);
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
            session.onClose();
        }

        JsonObject awaitAnswer(long req) {
            await().atMost(Duration.ofSeconds(15)).until(() -> find(req).isPresent());
            return find(req).orElseThrow();
        }

        JsonObject awaitResult(long req) {
            JsonObject answer = awaitAnswer(req);
            assertTrue(answer.containsKey("result"), "answered " + answer);
            JsonValue result = answer.get("result");
            return result instanceof JsonObject object ? object : JSON.createObjectBuilder().add("value", result).build();
        }

        private Optional<JsonObject> find(long req) {
            return frames.stream().filter(frame -> frame.containsKey("re") && !frame.isNull("re")
                    && frame.getJsonNumber("re").longValue() == req).findFirst();
        }

        /** The next frame (in order, from the last one read) that has {@code member}. */
        JsonObject awaitFrame(String member) {
            await().atMost(Duration.ofSeconds(15)).until(() -> next(member, false).isPresent());
            return next(member, true).orElseThrow();
        }

        private synchronized Optional<JsonObject> next(String member, boolean consume) {
            for (int i = read; i < frames.size(); i++) {
                if (frames.get(i).containsKey(member)) {
                    if (consume) {
                        read = i + 1;
                    }
                    return Optional.of(frames.get(i));
                }
            }
            return Optional.empty();
        }
    }
}
