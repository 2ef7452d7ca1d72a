package io.syncms.bench.fairness;

import io.syncms.clock.control.WallClock;

/**
 * A player's wall clock that is off by a settable amount. Only the wall clock is off; the monotonic clock that
 * Cristian's algorithm times round trips with is not. An offset present during clockSync is measured and
 * compensated; one set after it is the error the synchronised clock is left with (a clock step or drift
 * between two synchronisations).
 */
public class SkewedClock extends WallClock {

    private volatile long offsetMicros;

    public void setOffsetMicros(long offsetMicros) {
        this.offsetMicros = offsetMicros;
    }

    public long offsetMicros() {
        return offsetMicros;
    }

    @Override
    public long nowMicros() {
        return super.nowMicros() + offsetMicros;
    }
}
