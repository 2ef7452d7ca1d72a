package io.syncms.syncms.control;

import io.syncms.clock.control.WallClock;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks at wall-clock instants with sub-millisecond precision, one at a time, on its own thread.
 * It parks until shortly before the instant and spins for the rest: parking alone overshoots by tens to
 * hundreds of microseconds, which would show directly in the sync-out delivery spread between slaves.
 */
public class DeliveryClock implements Deliveries {

    private static final Logger LOG = Logger.getLogger(DeliveryClock.class.getName());

    /** Final stretch before the instant that is spun rather than parked. */
    static final long SPIN_MICROS = 300;

    private record Task(long atMicros, long order, Runnable action) implements Comparable<Task> {
        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(atMicros, other.atMicros);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private final WallClock clock;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final AtomicLong order = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public DeliveryClock(WallClock clock, ThreadFactory threads, String name) {
        this.clock = clock;
        this.thread = threads.newThread(this::loop);
        thread.setName(name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void at(long atMicros, Runnable action) {
        synchronized (tasks) {
            tasks.add(new Task(atMicros, order.incrementAndGet(), action));
        }
        LockSupport.unpark(thread);
    }

    @Override
    public void now(Runnable action) {
        at(clock.nowMicros(), action);
    }

    private void loop() {
        while (running) {
            Task next;
            synchronized (tasks) {
                next = tasks.peek();
            }
            if (next == null) {
                LockSupport.park(this);
                continue;
            }
            long remaining = next.atMicros() - clock.nowMicros();
            if (remaining > SPIN_MICROS) {
                LockSupport.parkNanos(this, (remaining - SPIN_MICROS) * 1_000);
                continue;
            }
            if (remaining > 0) {
                Thread.onSpinWait();
                continue;
            }
            synchronized (tasks) {
                next = tasks.poll();
            }
            run(next);
        }
    }

    private static void run(Task task) {
        try {
            task.action().run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delivery task failed", e);
        }
    }

    public int pending() {
        synchronized (tasks) {
            return tasks.size();
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}
