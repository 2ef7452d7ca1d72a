package io.syncms.bench.fairness;

import java.util.List;

/**
 * The figures of one run (one mode, one number of players). Times in milliseconds.
 *
 * @param fractionUnfair share of processed actions with ahead or behind &gt; 0
 * @param invertedPairs pairs of actions processed in the opposite order of their true send times
 * @param invertedByStamp pairs processed in the opposite order of the send times Sync-MS stamped on them;
 *     {@code null} in plain mode. Zero unless some action was late: the master's own order is exact.
 * @param inversionGapP99Millis 99th percentile, over the inverted pairs, of the gap between their send times
 * @param near response times of the players whose one-way delay is below the median
 * @param far response times of the players whose one-way delay is above the median
 * @param spreadP50Millis median over the updates of (last − first true instant a player's application got it)
 * @param incompleteUpdates updates that did not reach every player
 */
public record RunSummary(RunResult run, int sent, int processed, double meanAhead, double meanBehind,
        double fractionUnfair, long invertedPairs, Long invertedByStamp, double inversionGapP99Millis, double inversionGapMaxMillis, Response near, Response far, double spreadP50Millis, double spreadP99Millis,
        int incompleteUpdates, List<PlayerFairness> players) {

    /** Mean and 99th percentile of the response times of a group of players. */
    public record Response(double meanMillis, double p99Millis) {}

    public Mode mode() {
        return run.mode();
    }

    public int playerCount() {
        return run.scenario().size();
    }

    /** Sent actions that the master's application never got. */
    public int unprocessed() {
        return sent - processed;
    }
}
