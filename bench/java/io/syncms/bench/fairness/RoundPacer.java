package io.syncms.bench.fairness;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/** Starts one round every {@code period}: the master sends the round's update. */
public final class RoundPacer {

    private RoundPacer() {}

    public static void play(int rounds, long periodMillis, IntConsumer sendUpdate) {
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            long at = start + round * periodMillis * 1_000_000;
            for (long left = at - System.nanoTime(); left > 0; left = at - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            sendUpdate.accept(round);
        }
    }
}
