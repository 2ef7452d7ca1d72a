package io.syncms.bench.fairness;

import com.hazelcast.core.HazelcastInstance;
import io.syncms.clock.control.WallClock;
import io.syncms.syncms.control.ParticipantRuntime;
import io.syncms.testing.EmbeddedHazelcast;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * What all runs share: one embedded Hazelcast member and the thread pools. Participants get a runtime like the
 * unit tests' one (plain executors stand in for the managed ones and for EJB timers), each with its own view
 * of the member through its delayed links and its own wall clock.
 */
public class BenchEnvironment implements AutoCloseable {

    /** One direction of a link: from the player to the master (uplink) or back (downlink). */
    static final int UP = 0;
    static final int DOWN = 1;

    private final HazelcastInstance hazelcast = EmbeddedHazelcast.standalone();
    private final ScheduledExecutorService links = Executors.newScheduledThreadPool(2, daemons("bench-link"));
    private final ScheduledExecutorService participants = Executors.newScheduledThreadPool(4, daemons("bench-syncms"));
    private final ScheduledExecutorService applications = Executors.newScheduledThreadPool(2, daemons("bench-player"));

    /** The master's view: the datastore is with the master, so its links have no delay. */
    public HazelcastInstance masterView(Map<String, UnaryOperator<String>> rewriters) {
        return DelayedHazelcast.view(hazelcast, null, null, rewriters);
    }

    /** Player {@code index}'s view: both directions delayed by its one-way delay plus jitter. */
    public HazelcastInstance playerView(Scenario scenario, int index) {
        long delayMicros = scenario.delayMillis()[index] * 1_000;
        long jitterMicros = scenario.jitterMillis() * 1_000;
        return DelayedHazelcast.view(hazelcast,
                new DelayedLink(links, delayMicros, jitterMicros, scenario.linkSeed(index, UP)),
                new DelayedLink(links, delayMicros, jitterMicros, scenario.linkSeed(index, DOWN)), Map.of());
    }

    public ParticipantRuntime runtime(HazelcastInstance view, WallClock clock) {
        return new ParticipantRuntime(view, participants,
                (epochMicros, task) -> participants.schedule(task, Math.max(0, epochMicros - clock.nowMicros()),
                        TimeUnit.MICROSECONDS),
                daemons("bench-delivery"), delivery -> {}, clock);
    }

    /** Where the players' applications wait out their reaction times. */
    public ScheduledExecutorService applications() {
        return applications;
    }

    @Override
    public void close() {
        applications.shutdownNow();
        participants.shutdownNow();
        links.shutdownNow();
        hazelcast.shutdown();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
