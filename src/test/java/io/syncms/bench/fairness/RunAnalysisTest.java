package io.syncms.bench.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures of a hand-made two-round game of four players whose values can be worked out by hand. */
class RunAnalysisTest {

    // a and b are near (10, 20 ms; the median is 60 ms), c and d far (100, 150 ms)
    final Scenario scenario = new Scenario(1, List.of("a", "b", "c", "d"), new long[] {10, 20, 100, 150},
            new long[4][2], 0);
    final GameLog log = new GameLog();

    RunSummary summary() {
        return RunAnalysis.summarize(new RunResult(Mode.plain(), scenario, 2, log, 0, 0, null, null, null,
                new long[4], null));
    }

    @Test
    void figuresOfAHandMadeGame() {
        // round 0: sent a, b, c, d one millisecond apart; processed b, a, d, c
        log.actionSent("a", 0, 1_000);
        log.actionSent("b", 0, 2_000);
        log.actionSent("c", 0, 3_000);
        log.actionSent("d", 0, 4_000);
        log.actionProcessed("b", 0, 22_000, null, false);
        log.actionProcessed("a", 0, 31_000, null, false);
        log.actionProcessed("d", 0, 154_000, null, false);
        log.actionProcessed("c", 0, 163_000, null, false);
        log.updateReceived("a", 0, 10_000);
        log.updateReceived("b", 0, 20_500);
        log.updateReceived("c", 0, 100_000);
        log.updateReceived("d", 0, 151_000);
        // round 1: the update never reached d
        log.updateReceived("a", 1, 500_000);

        RunSummary summary = summary();

        assertEquals(4, summary.sent());
        assertEquals(4, summary.processed());
        assertEquals(0.5, summary.meanAhead());
        assertEquals(0.5, summary.meanBehind());
        assertEquals(1.0, summary.fractionUnfair());
        assertEquals(2, summary.invertedPairs());
        assertEquals(1.0, summary.inversionGapMaxMillis());
        assertEquals(null, summary.invertedByStamp(), "plain mode stamps nothing");
        assertEquals(new RunSummary.Response(25, 30), summary.near());
        assertEquals(new RunSummary.Response(155, 160), summary.far());
        assertEquals(141.0, summary.spreadP50Millis());
        assertEquals(1, summary.incompleteUpdates());

        PlayerFairness a = summary.players().get(0);
        assertEquals(new PlayerFairness("a", 10, 0, Double.NaN, 1, 1, 1, 0, 0, 1, 30, 30), a);
        PlayerFairness d = summary.players().get(3);
        assertEquals(new PlayerFairness("d", 150, 0, Double.NaN, 1, 0, 0, 1, 1, 1, 150, 150), d);
    }

    @Test
    void anActionThatWasNeverProcessedCountsAsLost() {
        log.actionSent("a", 0, 1_000);
        log.actionSent("b", 0, 2_000);
        log.actionProcessed("b", 0, 30_000, null, false);

        RunSummary summary = summary();

        assertEquals(1, summary.unprocessed());
        assertEquals(0.0, summary.meanBehind());
        assertEquals(0, summary.players().get(0).processed());
    }

    @Test
    void countsThePairsTheMasterProcessedOutOfStampOrder() {
        // stamps from clocks that are off: a's action was sent first but stamped later than b's
        log.actionSent("a", 0, 1_000);
        log.actionSent("b", 0, 2_000);
        log.actionProcessed("b", 0, 400_000, 1_800L, false);
        log.actionProcessed("a", 0, 400_100, 2_500L, false);

        RunSummary summary = summary();

        assertEquals(0L, summary.invertedByStamp(), "in stamp order");
        assertEquals(1, summary.invertedPairs(), "but not in true send order");
        assertEquals(1.0, summary.players().get(0).fractionBehind(), "a was overtaken by b");
    }
}
