package io.syncms.bench.fairness;

import java.util.List;
import java.util.Locale;

/** The summary table (Markdown, also printed) and the per-player figures (CSV). */
public final class ResultTable {

    private ResultTable() {}

    /** @param machine what the numbers were measured on (JDK, cores, load), printed under the table */
    public static String markdown(FairnessOptions options, List<RunSummary> runs, String machine) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Seed %d, %d rounds, one round every %d ms; one-way delays uniform in "
                        + "[%d, %d] ms per player, + jitter uniform in [0, %d] ms per message on FIFO links; reaction "
                        + "times uniform in [%d, %d] ms; clock offsets applied %s clock synchronisation.%n%n",
                options.seed(), options.rounds(), options.periodMillis(), options.minDelayMillis(),
                options.maxDelayMillis(), options.jitterMillis(), options.minReactionMillis(),
                options.maxReactionMillis(), options.offsetFromStart() ? "before" : "after"));
        md.append("| N | mode | W (production W) ms | D ms | clock sync error max ms | mean ahead | mean behind | unfair | inverted pairs: send gap p99 / max ms | pairs out of stamp order | "
                + "response near: mean / p99 ms | response far: mean / p99 ms | update spread p50 / p99 ms | "
                + "late sync-in / sync-out | lost |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunSummary run : runs) {
            RunResult raw = run.run();
            md.append(String.format(Locale.ROOT,
                    "| %d | %s | %s | %s | %s | %.2f | %.2f | %.1f %% | %s | %s | %.0f / %.0f | %.0f / %.0f | %.1f / %.1f | %d / %d | %d |%n",
                    run.playerCount(), run.mode().label(), window(raw), millis(raw.deliveryDelayMicros()),
                    millisTenths(raw.largestClockErrorMicros()),
                    run.meanAhead(), run.meanBehind(), 100 * run.fractionUnfair(), gaps(run),
                    run.invertedByStamp() == null ? "–" : run.invertedByStamp().toString(),
                    run.near().meanMillis(), run.near().p99Millis(), run.far().meanMillis(), run.far().p99Millis(),
                    run.spreadP50Millis(), run.spreadP99Millis(), raw.syncInLate(), raw.syncOutLate(),
                    run.unprocessed()));
        }
        md.append('\n').append(machine).append('\n');
        return md.toString();
    }

    public static String playersCsv(List<RunSummary> runs) {
        StringBuilder csv = new StringBuilder("n,mode,player,delay_ms,clock_offset_ms,clock_sync_error_ms,processed,mean_behind,"
                + "fraction_behind,mean_ahead,fraction_ahead,fraction_unfair,response_mean_ms,response_p99_ms\n");
        for (RunSummary run : runs) {
            for (PlayerFairness p : run.players()) {
                csv.append(String.format(Locale.ROOT, "%d,%s,%s,%d,%d,%.2f,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.2f,%.2f%n",
                        run.playerCount(), run.mode().name(), p.player(), p.delayMillis(), p.offsetMillis(),
                        p.clockErrorMillis(), p.processed(), p.meanBehind(), p.fractionBehind(), p.meanAhead(), p.fractionAhead(),
                        p.fractionUnfair(), p.responseMeanMillis(), p.responseP99Millis()));
            }
        }
        return csv.toString();
    }

    private static String gaps(RunSummary run) {
        return run.invertedPairs() == 0 ? "none"
                : String.format(Locale.ROOT, "%.1f / %.1f", run.inversionGapP99Millis(), run.inversionGapMaxMillis());
    }

    private static String window(RunResult run) {
        if (run.windowMicros() == null) {
            return "–";
        }
        String effective = millis(run.windowMicros());
        return run.windowMicros().equals(run.productionWindowMicros()) ? effective
                : effective + " (" + millis(run.productionWindowMicros()) + ")";
    }

    private static String millisTenths(Long micros) {
        return micros == null ? "–" : String.format(Locale.ROOT, "%.1f", micros / 1_000.0);
    }

    private static String millis(Long micros) {
        return micros == null ? "–" : String.format(Locale.ROOT, "%.0f", micros / 1_000.0);
    }
}
