package io.syncms.bench.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void nearestRankPercentiles() {
        List<Integer> oneToHundred = IntStream.rangeClosed(1, 100).boxed().toList();
        assertEquals(99, Stats.percentile(oneToHundred, 99));
        assertEquals(50, Stats.percentile(oneToHundred, 50));
        assertEquals(100, Stats.percentile(oneToHundred, 100));
        assertEquals(7, Stats.percentile(List.of(7), 99));
        assertEquals(3, Stats.percentile(List.of(3, 1, 2), 99), "p99 of three values is the largest");
        assertTrue(Double.isNaN(Stats.percentile(List.<Integer>of(), 50)));
    }

    @Test
    void meansFractionsAndMedians() {
        assertEquals(2.5, Stats.mean(List.of(1, 2, 3, 4)));
        assertEquals(0.5, Stats.fractionNonZero(List.of(0, 3, 0, 1)));
        assertEquals(20, Stats.median(30, 10, 20));
        assertEquals(25, Stats.median(40, 10, 20, 30));
        assertTrue(Double.isNaN(Stats.mean(List.<Integer>of())));
    }
}
