package io.syncms.syncms.control;

import io.syncms.clock.control.SynchronizedClock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The master's side of sync-in: admits messages sent while sync-in was enabled, holds them for the
 * max_wait window W and releases them in fair order when their windows close. Wake-ups are coalesced to
 * one per millisecond.
 */
public class SyncInReceiver {

    /** Where released messages go, in fair order; {@code late} marks one that could no longer be ordered. */
    @FunctionalInterface
    public interface Release {
        void deliver(Wire.SyncIn message, long windowMicros, boolean late);
    }

    private final SynchronizedClock clock;
    private final Wakeups wakeups;
    private final LongSupplier window;
    private final Release release;
    private final FairSyncInQueue queue = new FairSyncInQueue();
    private final SyncInGate gate = new SyncInGate();
    private final Set<Long> wakeupMillis = ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param window W in microseconds, asked anew for every message since re-synchronisation may change it
     * @param release called while holding this receiver's lock, so that releases keep their order
     */
    public SyncInReceiver(SynchronizedClock clock, Wakeups wakeups, LongSupplier window, Release release) {
        this.clock = clock;
        this.wakeups = wakeups;
        this.window = window;
        this.release = release;
    }

    public void enable() {
        gate.enable(clock.masterNowMicros());
    }

    public void disable() {
        gate.disable(clock.masterNowMicros());
    }

    public boolean isEnabled() {
        return gate.isEnabled();
    }

    /** Messages dropped because they were sent while sync-in was disabled. */
    public long dropped() {
        return dropped.get();
    }

    public void receive(Wire.SyncIn message) {
        if (closed) {
            return;
        }
        if (!gate.accepts(message.sentAt())) {
            dropped.incrementAndGet();
            return;
        }
        long windowMicros = window.getAsLong();
        synchronized (this) {
            if (!queue.offer(message)) {
                release.deliver(message, windowMicros, true);
                return;
            }
        }
        wakeAt(message.sentAt() + windowMicros);
    }

    /** Releases, in fair order, every waiting message whose window has closed. */
    public void releaseDue() {
        if (closed) {
            return;
        }
        long windowMicros = window.getAsLong();
        Long next;
        synchronized (this) {
            for (Wire.SyncIn message : queue.releaseDue(clock.masterNowMicros(), windowMicros)) {
                release.deliver(message, windowMicros, false);
            }
            next = queue.earliestSentAt();
        }
        if (next != null) {
            wakeAt(next + windowMicros);
        }
    }

    public void close() {
        closed = true;
    }

    private void wakeAt(long masterMicros) {
        long millis = Math.floorDiv(clock.toLocalMicros(masterMicros) + 999, 1000);
        if (wakeupMillis.add(millis)) {
            wakeups.wakeAt(millis * 1000, () -> {
                wakeupMillis.remove(millis);
                releaseDue();
            });
        }
    }
}
