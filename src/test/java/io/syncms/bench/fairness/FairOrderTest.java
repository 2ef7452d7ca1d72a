package io.syncms.bench.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Ahead and behind on hand-made processing orders whose values can be counted by hand. */
class FairOrderTest {

    static int[] behind(List<FairOrder.Judgement> judgements) {
        return judgements.stream().mapToInt(FairOrder.Judgement::behind).toArray();
    }

    static int[] ahead(List<FairOrder.Judgement> judgements) {
        return judgements.stream().mapToInt(FairOrder.Judgement::ahead).toArray();
    }

    @Test
    void processingInSendOrderIsFair() {
        List<FairOrder.Judgement> judged = FairOrder.judge(new long[] {1, 2, 3, 4});
        assertArrayEquals(new int[] {0, 0, 0, 0}, behind(judged));
        assertArrayEquals(new int[] {0, 0, 0, 0}, ahead(judged));
        assertEquals(0, FairOrder.invertedPairGaps(new long[] {1, 2, 3, 4}).length);
    }

    @Test
    void oneLateActionIsBehindEveryActionThatOvertookIt() {
        // sent at 1 but processed last: the three actions sent after it each jumped ahead of it once
        List<FairOrder.Judgement> judged = FairOrder.judge(new long[] {2, 3, 4, 1});
        assertArrayEquals(new int[] {0, 0, 0, 3}, behind(judged));
        assertArrayEquals(new int[] {1, 1, 1, 0}, ahead(judged));
    }

    @Test
    void oneEarlyActionIsAheadOfEveryActionItOvertook() {
        // sent at 3, processed first: ahead of the two sent before it, which are each behind by one
        List<FairOrder.Judgement> judged = FairOrder.judge(new long[] {3, 1, 2});
        assertArrayEquals(new int[] {0, 1, 1}, behind(judged));
        assertArrayEquals(new int[] {2, 0, 0}, ahead(judged));
    }

    @Test
    void reverseOrderInvertsEveryPair() {
        List<FairOrder.Judgement> judged = FairOrder.judge(new long[] {40, 30, 20, 10});
        assertArrayEquals(new int[] {0, 1, 2, 3}, behind(judged));
        assertArrayEquals(new int[] {3, 2, 1, 0}, ahead(judged));
        long[] gaps = FairOrder.invertedPairGaps(new long[] {40, 30, 20, 10});
        Arrays.sort(gaps);
        assertArrayEquals(new long[] {10, 10, 10, 20, 20, 30}, gaps);
    }

    @Test
    void twoSwappedNeighboursAmongFairOnes() {
        // like a far player's action overtaken by a near player's one sent 5 later, the rest in order
        List<FairOrder.Judgement> judged = FairOrder.judge(new long[] {10, 25, 20, 30});
        assertArrayEquals(new int[] {0, 0, 1, 0}, behind(judged));
        assertArrayEquals(new int[] {0, 1, 0, 0}, ahead(judged));
        assertArrayEquals(new long[] {5}, FairOrder.invertedPairGaps(new long[] {10, 25, 20, 30}));
        assertEquals(List.of(false, true, true, false), judged.stream().map(FairOrder.Judgement::unfair).toList());
    }

    @Test
    void actionsSentAtTheSameInstantAreInOrderEitherWay() {
        List<FairOrder.Judgement> judged = FairOrder.judge(new long[] {5, 5, 5});
        assertArrayEquals(new int[] {0, 0, 0}, behind(judged));
        assertArrayEquals(new int[] {0, 0, 0}, ahead(judged));
    }

    @Test
    void behindAndAheadBothSumToTheInvertedPairs() {
        Random random = new Random(7);
        long[] sent = random.longs(200, 0, 1_000_000).toArray();
        List<FairOrder.Judgement> judged = FairOrder.judge(sent);
        int inversions = FairOrder.invertedPairGaps(sent).length;
        assertEquals(inversions, judged.stream().mapToInt(FairOrder.Judgement::behind).sum());
        assertEquals(inversions, judged.stream().mapToInt(FairOrder.Judgement::ahead).sum());
    }

    @Test
    void noActionsNoJudgements() {
        assertEquals(List.of(), FairOrder.judge(new long[0]));
    }
}
