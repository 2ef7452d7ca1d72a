package io.syncms.bench.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the network and the players do in one run, drawn from the seed and the number of players only, so
 * that every mode plays the same game: each player's one-way delay, its reaction time in each round, and the
 * seeds of its links' jitter.
 *
 * @param delayMillis one-way delay of each player's link, by player index
 * @param reactionMillis reaction time of each player (first index) in each round (second index)
 */
public record Scenario(long seed, List<String> players, long[] delayMillis, long[][] reactionMillis,
        long jitterMillis) {

    public static Scenario draw(FairnessOptions options, int playerCount) {
        Random random = new Random(options.seed() * 1_000_003L + playerCount);
        List<String> players = new ArrayList<>();
        long[] delays = new long[playerCount];
        long[][] reactions = new long[playerCount][options.rounds()];
        for (int p = 0; p < playerCount; p++) {
            players.add(String.format("p%02d", p));
            delays[p] = between(random, options.minDelayMillis(), options.maxDelayMillis());
        }
        for (int p = 0; p < playerCount; p++) {
            for (int round = 0; round < options.rounds(); round++) {
                reactions[p][round] = between(random, options.minReactionMillis(), options.maxReactionMillis());
            }
        }
        return new Scenario(options.seed(), List.copyOf(players), delays, reactions, options.jitterMillis());
    }

    private static long between(Random random, long min, long max) {
        return min + (long) (random.nextDouble() * (max - min + 1));
    }

    public int size() {
        return players.size();
    }

    public long delayMillis(String player) {
        return delayMillis[players.indexOf(player)];
    }

    public long reactionMillis(int player, int round) {
        return reactionMillis[player][round];
    }

    /** Seed of the jitter on one direction of one player's link (0: player to master, 1: master to player). */
    public long linkSeed(int player, int direction) {
        return seed * 7_919L + player * 2L + direction;
    }

    /**
     * Clock offset of each player for a mode with offsets of ±{@code millis}: players 0, 3, 6, … run ahead by
     * {@code millis}, players 1, 4, 7, … behind by it, the others are exact.
     */
    public long offsetMillis(int player, long millis) {
        return switch (player % 3) {
            case 0 -> millis;
            case 1 -> -millis;
            default -> 0;
        };
    }
}
