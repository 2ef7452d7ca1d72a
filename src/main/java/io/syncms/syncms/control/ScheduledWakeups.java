package io.syncms.syncms.control;

import io.syncms.clock.control.WallClock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Sync-in wake-ups on a scheduled executor (in Payara the managed scheduled executor service). */
public class ScheduledWakeups implements Wakeups {

    private final ScheduledExecutorService scheduler;
    private final WallClock clock;

    public ScheduledWakeups(ScheduledExecutorService scheduler, WallClock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void wakeAt(long epochMicros, Runnable task) {
        scheduler.schedule(task, Math.max(0, epochMicros - clock.nowMicros()), TimeUnit.MICROSECONDS);
    }
}
