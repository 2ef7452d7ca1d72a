package io.syncms.bench.fairness;

/**
 * The raw outcome of one run: what happened ({@link GameLog}) and what Sync-MS itself counted.
 *
 * @param syncInLate sync-in actions the master delivered marked late (they could no longer be put in order)
 * @param syncOutLate sync-out deliveries, summed over the players, that arrived after their delivery time
 * @param windowMicros W the master used, {@code null} in plain mode
 * @param productionWindowMicros W as unmodified Sync-MS computes it, {@code null} in plain mode
 * @param deliveryDelayMicros D, {@code null} in plain mode
 * @param offsetMillis each player's clock offset (after clock synchronisation unless said otherwise)
 * @param clockErrorMicros by player: the offset Cristian's algorithm estimated minus the true one at the time,
 *     {@code null} in plain mode
 */
public record RunResult(Mode mode, Scenario scenario, int rounds, GameLog log, long syncInLate, long syncOutLate,
        Long windowMicros, Long productionWindowMicros, Long deliveryDelayMicros, long[] offsetMillis,
        long[] clockErrorMicros) {

    /** Largest clock synchronisation error over the players, {@code null} in plain mode. */
    public Long largestClockErrorMicros() {
        if (clockErrorMicros == null) {
            return null;
        }
        long largest = 0;
        for (long error : clockErrorMicros) {
            largest = Math.max(largest, Math.abs(error));
        }
        return largest;
    }
}
