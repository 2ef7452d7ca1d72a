package io.syncms.clock.control;

import java.time.Instant;

/** The host's clocks: the wall clock in epoch microseconds and the monotonic clock in nanoseconds. */
public class WallClock {

    public long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    public long monotonicNanos() {
        return System.nanoTime();
    }
}
