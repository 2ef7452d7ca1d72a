package io.syncms.bench.fairness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Judges a processing order against the fair order, the order of the true send times. For the action m at
 * position i of the processing order:
 * <ul>
 *   <li>behind(m): actions sent after m but processed before it (m was overtaken);
 *   <li>ahead(m): actions sent before m but processed after it (m overtook them).
 * </ul>
 * Actions sent at the same instant are in order either way. Summed over all actions, behind and ahead both
 * equal the number of inverted pairs. Quadratic, which is fine for the few thousand actions of a run.
 */
public final class FairOrder {

    /** How one action fared. */
    public record Judgement(int behind, int ahead) {

        public boolean unfair() {
            return behind > 0 || ahead > 0;
        }
    }

    private FairOrder() {}

    /** @param sentInProcessingOrder true send time of each action, listed in the order they were processed */
    public static List<Judgement> judge(long[] sentInProcessingOrder) {
        int n = sentInProcessingOrder.length;
        List<Judgement> judgements = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long sent = sentInProcessingOrder[i];
            int behind = 0;
            for (int before = 0; before < i; before++) {
                if (sentInProcessingOrder[before] > sent) {
                    behind++;
                }
            }
            int ahead = 0;
            for (int after = i + 1; after < n; after++) {
                if (sentInProcessingOrder[after] < sent) {
                    ahead++;
                }
            }
            judgements.add(new Judgement(behind, ahead));
        }
        return judgements;
    }

    /**
     * For every inverted pair (one action processed before another that was sent before it), how far apart
     * their true send times are. Small gaps mean the order is fair up to that precision.
     */
    public static long[] invertedPairGaps(long[] sentInProcessingOrder) {
        long[] gaps = new long[16];
        int count = 0;
        for (int i = 0; i < sentInProcessingOrder.length; i++) {
            for (int after = i + 1; after < sentInProcessingOrder.length; after++) {
                long gap = sentInProcessingOrder[i] - sentInProcessingOrder[after];
                if (gap > 0) {
                    if (count == gaps.length) {
                        gaps = Arrays.copyOf(gaps, count * 2);
                    }
                    gaps[count++] = gap;
                }
            }
        }
        return Arrays.copyOf(gaps, count);
    }
}
