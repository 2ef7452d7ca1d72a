package io.syncms.bench.fairness;

/**
 * The one true clock of the benchmark: every participant runs in this JVM, so instants read here compare
 * across players, whatever offset a player's own {@link SkewedClock} shows.
 */
public final class TrueClock {

    private TrueClock() {}

    public static long nowMicros() {
        return System.nanoTime() / 1_000;
    }
}
