package io.syncms.clock.control;

import io.syncms.clock.entity.ClockEstimate;

/**
 * The master's clock as seen from this participant: the local wall clock corrected by the offset that the
 * last clock synchronisation found. On the master the offset is zero.
 */
public class SynchronizedClock {

    private final WallClock wallClock;
    private volatile ClockEstimate estimate;

    public SynchronizedClock(WallClock wallClock) {
        this.wallClock = wallClock;
    }

    public void adopt(ClockEstimate estimate) {
        this.estimate = estimate;
    }

    public boolean isSynchronized() {
        return estimate != null;
    }

    /** The last estimate, or {@code null} before the first synchronisation. */
    public ClockEstimate estimate() {
        return estimate;
    }

    public long offsetMicros() {
        ClockEstimate current = estimate;
        return current == null ? 0 : current.offsetMicros();
    }

    /** Now, on the master's clock (epoch microseconds). */
    public long masterNowMicros() {
        return wallClock.nowMicros() + offsetMicros();
    }

    /** The local wall-clock instant at which the master's clock shows {@code masterMicros}. */
    public long toLocalMicros(long masterMicros) {
        return masterMicros - offsetMicros();
    }

    public WallClock wallClock() {
        return wallClock;
    }
}
