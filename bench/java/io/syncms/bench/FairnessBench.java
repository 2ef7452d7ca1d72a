package io.syncms.bench;

import io.syncms.bench.fairness.BenchEnvironment;
import io.syncms.bench.fairness.FairnessChart;
import io.syncms.bench.fairness.FairnessOptions;
import io.syncms.bench.fairness.Mode;
import io.syncms.bench.fairness.PlainGame;
import io.syncms.bench.fairness.ResultTable;
import io.syncms.bench.fairness.RunAnalysis;
import io.syncms.bench.fairness.RunResult;
import io.syncms.bench.fairness.RunSummary;
import io.syncms.bench.fairness.Scenario;
import io.syncms.bench.fairness.SyncMsGame;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fairness of Sync-MS against plain delivery on arrival, with the paper's metrics (ahead, behind, response
 * time, update spread), on the real SyncMs participants over embedded Hazelcast with per-player link delays.
 * Every mode plays the same seeded game. Writes fairness.md, fairness-players.csv and fairness.png.
 *
 * <pre>bench/run FairnessBench [--seed 42] [--rounds 200] [--n 6,15,30] [--modes ...]</pre>
 */
public final class FairnessBench {

    private static final int WARM_UP_ROUNDS = 20;

    private FairnessBench() {}

    /** A short game of each kind, not measured, so that the first measured run does not pay for the JIT. */
    private static void warmUp(BenchEnvironment env, FairnessOptions options) throws Exception {
        FairnessOptions shortGame = options.withRounds(WARM_UP_ROUNDS);
        Scenario scenario = Scenario.draw(shortGame, options.playerCounts().get(0));
        new PlainGame(env, shortGame, scenario).play();
        new SyncMsGame(env, shortGame, scenario, Mode.syncMsMode()).play();
        System.out.printf(Locale.ROOT, "warmed up with %d rounds of each kind%n", WARM_UP_ROUNDS);
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Logger.getLogger("").setLevel(Level.WARNING);
        Logger.getLogger("com.hazelcast").setLevel(Level.SEVERE);
        FairnessOptions options = FairnessOptions.parse(args);
        long started = System.nanoTime();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<RunSummary> summaries = new ArrayList<>();
        try (BenchEnvironment env = new BenchEnvironment()) {
            warmUp(env, options);
            for (int n : options.playerCounts()) {
                Scenario scenario = Scenario.draw(options, n);
                for (Mode mode : options.modes()) {
                    long runStarted = System.nanoTime();
                    RunResult result = mode.syncMs() ? new SyncMsGame(env, options, scenario, mode).play()
                            : new PlainGame(env, options, scenario).play();
                    RunSummary summary = RunAnalysis.summarize(result);
                    summaries.add(summary);
                    System.out.printf(Locale.ROOT, "N=%d %-28s %5.1f s: ahead %.2f behind %.2f unfair %.1f %%%n",
                            n, mode.label(), (System.nanoTime() - runStarted) / 1e9, summary.meanAhead(),
                            summary.meanBehind(), 100 * summary.fractionUnfair());
                }
            }
        }
        String machine = String.format(Locale.ROOT,
                "Measured with Java %s on %d cores; system load average %.1f before and %.1f after; %.0f s in all.",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), loadBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), (System.nanoTime() - started) / 1e9);
        String table = ResultTable.markdown(options, summaries, machine);
        System.out.println();
        System.out.println(table);
        Files.createDirectories(options.resultsDir());
        Files.writeString(options.resultsDir().resolve("fairness.md"), table);
        Files.writeString(options.resultsDir().resolve("fairness-players.csv"), ResultTable.playersCsv(summaries));
        int chartN = options.playerCounts().stream().max(Integer::compare).orElseThrow();
        FairnessChart.write(summaries.stream().filter(s -> s.playerCount() == chartN).toList(),
                options.resultsDir().resolve("fairness.png"));
        System.out.printf(Locale.ROOT, "wrote %s/fairness.md, fairness-players.csv, fairness.png in %.0f s%n",
                options.resultsDir(), (System.nanoTime() - started) / 1e9);
    }
}
