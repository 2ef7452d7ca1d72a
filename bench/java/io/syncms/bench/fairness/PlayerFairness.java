package io.syncms.bench.fairness;

/**
 * One player's figures in one run; fractions are of the player's processed actions, times in milliseconds.
 *
 * @param fractionBehind share of the player's actions with behind &gt; 0
 * @param fractionAhead share with ahead &gt; 0
 * @param fractionUnfair share with ahead or behind &gt; 0
 * @param clockErrorMillis error of the player's clock synchronisation, {@code NaN} in plain mode
 * @param responseMeanMillis true send → processed by the master's application
 */
public record PlayerFairness(String player, long delayMillis, long offsetMillis, double clockErrorMillis, int processed, double meanBehind,
        double fractionBehind, double meanAhead, double fractionAhead, double fractionUnfair, double responseMeanMillis,
        double responseP99Millis) {}
