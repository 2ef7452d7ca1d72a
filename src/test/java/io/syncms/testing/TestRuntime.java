package io.syncms.testing;

import com.hazelcast.core.HazelcastInstance;
import io.syncms.clock.control.WallClock;
import io.syncms.syncms.control.ParticipantRuntime;
import io.syncms.syncms.control.ScheduledWakeups;
import io.syncms.syncms.entity.Delivery;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A participant runtime without a container: plain executors stand in for the managed ones and EJB timers. */
public final class TestRuntime implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
    private final WallClock clock = new WallClock();
    public final List<Delivery> sunk = new CopyOnWriteArrayList<>();
    public final ParticipantRuntime runtime;

    public TestRuntime(HazelcastInstance hazelcast) {
        runtime = new ParticipantRuntime(hazelcast, scheduler, new ScheduledWakeups(scheduler, clock),
                Executors.defaultThreadFactory(), sunk::add, clock);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
