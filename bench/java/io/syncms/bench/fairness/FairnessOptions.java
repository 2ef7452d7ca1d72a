package io.syncms.bench.fairness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's knobs; every one has a default, so {@code bench/run FairnessBench} alone runs the full
 * comparison. Times are milliseconds.
 *
 * @param offsetFromStart apply the clock offsets before clock synchronisation instead of after it
 */
public record FairnessOptions(
        long seed,
        int rounds,
        List<Integer> playerCounts,
        List<Mode> modes,
        long periodMillis,
        long minDelayMillis,
        long maxDelayMillis,
        long jitterMillis,
        long minReactionMillis,
        long maxReactionMillis,
        boolean offsetFromStart,
        Path resultsDir) {

    public static final String USAGE = """
            usage: bench/run FairnessBench [--seed 42] [--rounds 200] [--n 6,15,30]
                   [--modes plain,syncms,w0.5,w0.25,offset5,offset20] [--period 60]
                   [--delay 10-150] [--jitter 10] [--reaction 50-300] [--offset-from-start]
                   [--out bench/results]""";

    public static FairnessOptions defaults() {
        return new FairnessOptions(42, 200, List.of(6, 15, 30),
                modes("plain,syncms,w0.5,w0.25,offset5,offset20"), 60, 10, 150, 10, 50, 300, false,
                Path.of("bench", "results"));
    }

    public static FairnessOptions parse(String... args) {
        FairnessOptions d = defaults();
        long seed = d.seed;
        int rounds = d.rounds;
        List<Integer> playerCounts = d.playerCounts;
        List<Mode> modes = d.modes;
        long period = d.periodMillis;
        long[] delay = {d.minDelayMillis, d.maxDelayMillis};
        long jitter = d.jitterMillis;
        long[] reaction = {d.minReactionMillis, d.maxReactionMillis};
        boolean offsetFromStart = d.offsetFromStart;
        Path out = d.resultsDir;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--offset-from-start")) {
                offsetFromStart = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (flag) {
                case "--seed" -> seed = Long.parseLong(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--n" -> playerCounts = integers(value);
                case "--modes" -> modes = modes(value);
                case "--period" -> period = Long.parseLong(value);
                case "--delay" -> delay = range(value);
                case "--jitter" -> jitter = Long.parseLong(value);
                case "--reaction" -> reaction = range(value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            }
        }
        FairnessOptions options = new FairnessOptions(seed, rounds, playerCounts, modes, period, delay[0], delay[1],
                jitter, reaction[0], reaction[1], offsetFromStart, out);
        options.check();
        return options;
    }

    /** The same options with another number of rounds. */
    public FairnessOptions withRounds(int otherRounds) {
        return new FairnessOptions(seed, otherRounds, playerCounts, modes, periodMillis, minDelayMillis, maxDelayMillis,
                jitterMillis, minReactionMillis, maxReactionMillis, offsetFromStart, resultsDir);
    }

    private void check() {
        if (rounds < 1 || periodMillis < 1 || playerCounts.stream().anyMatch(n -> n < 2 || n > 99)
                || minDelayMillis < 0 || maxDelayMillis < minDelayMillis || jitterMillis < 0
                || minReactionMillis < 0 || maxReactionMillis < minReactionMillis || modes.isEmpty()) {
            throw new IllegalArgumentException("options out of range: " + this + "\n" + USAGE);
        }
    }

    static List<Mode> modes(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Mode::parse).toList();
    }

    private static List<Integer> integers(String csv) {
        List<Integer> values = new ArrayList<>();
        for (String part : csv.split(",")) {
            values.add(Integer.parseInt(part.trim()));
        }
        return values;
    }

    private static long[] range(String value) {
        String[] bounds = value.split("-");
        if (bounds.length != 2) {
            throw new IllegalArgumentException("a range is MIN-MAX, not " + value);
        }
        return new long[] {Long.parseLong(bounds[0]), Long.parseLong(bounds[1])};
    }
}
