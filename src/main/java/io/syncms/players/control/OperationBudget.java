package io.syncms.players.control;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code perSecond} operations a second on average, bursts up to twice that. A player
 * who sends more gets 429 answers instead of the instance's time.
 */
final class OperationBudget {

    private final double perNano;
    private final double capacity;
    private final LongSupplier nanos;
    private double tokens;
    private long last;

    OperationBudget(int perSecond, LongSupplier nanos) {
        this.perNano = perSecond / 1e9;
        this.capacity = 2.0 * perSecond;
        this.nanos = nanos;
        this.tokens = capacity;
        this.last = nanos.getAsLong();
    }

    synchronized boolean take() {
        long now = nanos.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
