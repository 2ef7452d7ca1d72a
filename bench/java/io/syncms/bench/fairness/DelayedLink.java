package io.syncms.bench.fairness;

import java.util.ArrayDeque;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One direction of one player's network link: runs each task after the link's one-way delay plus a random
 * jitter in [0, jitter]. The link is FIFO, like the TCP connection it stands for: a task never overtakes an
 * earlier one, so a short jitter draw after a long one waits for it.
 */
public class DelayedLink {

    private static final Logger LOG = Logger.getLogger(DelayedLink.class.getName());

    private record Pending(long releaseNanos, Runnable task) {}

    private final ScheduledExecutorService scheduler;
    private final long delayNanos;
    private final long jitterNanos;
    private final Random random;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final Object running = new Object();
    private long lastReleaseNanos = Long.MIN_VALUE;

    public DelayedLink(ScheduledExecutorService scheduler, long delayMicros, long jitterMicros, long seed) {
        this.scheduler = scheduler;
        this.delayNanos = delayMicros * 1_000;
        this.jitterNanos = jitterMicros * 1_000;
        this.random = new Random(seed);
    }

    public void send(Runnable task) {
        long release;
        synchronized (pending) {
            long jitter = jitterNanos == 0 ? 0 : (long) (random.nextDouble() * jitterNanos);
            release = Math.max(lastReleaseNanos, System.nanoTime() + delayNanos + jitter);
            lastReleaseNanos = release;
            pending.addLast(new Pending(release, task));
        }
        scheduler.schedule(this::runDue, release - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /** Runs, in order and one at a time, every task whose release instant has passed. */
    private void runDue() {
        synchronized (running) {
            while (true) {
                Pending next;
                synchronized (pending) {
                    next = pending.peekFirst();
                    if (next == null || next.releaseNanos() > System.nanoTime()) {
                        return;
                    }
                    pending.removeFirst();
                }
                try {
                    next.task().run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a task on a delayed link failed", e);
                }
            }
        }
    }
}
