package io.syncms.clock.entity;

/**
 * One request/reply exchange of Cristian's algorithm, seen from the slave.
 *
 * @param roundTripMicros time between sending the request and receiving the reply, measured on the
 *     slave's monotonic clock
 * @param offsetMicros estimate of (master clock - slave wall clock) from this exchange alone
 */
public record ClockSample(long roundTripMicros, long offsetMicros) {

    public ClockSample {
        if (roundTripMicros < 0) {
            throw new IllegalArgumentException("round trip must not be negative: " + roundTripMicros);
        }
    }
}
