package io.syncms.bench.fairness;

import io.syncms.syncms.control.Wire;
import io.syncms.syncms.control.WireCodec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Makes the master's sync-in window W a given fraction of what Sync-MS would compute, without touching
 * production code. The master computes W = max over slaves of (one-way delay + error bound) + sync-in margin
 * from the clock reports the slaves publish. This rewriter sits on the master's incoming clock topic (bench
 * side only) and replaces each report's error bound so that one-way delay + error bound is scaled by
 * {@code factor}; the one-way delay is kept, so the sync-out delay D is unchanged. With the margin scaled by the
 * same factor (see {@link #margin}), W becomes {@code factor} times the production W, to within a millisecond.
 * The error bound may become negative; the master only adds it.
 */
public class WindowShortener implements UnaryOperator<String> {

    private final double factor;
    private final WireCodec codec = new WireCodec();
    private final Map<String, Wire.ClockReport> originals = new ConcurrentHashMap<>();

    public WindowShortener(double factor) {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("factor must be in (0, 1], not " + factor);
        }
        this.factor = factor;
    }

    /** The sync-in margin in milliseconds that goes with the shortened window. */
    public long margin(long productionMarginMillis) {
        return Math.round(productionMarginMillis * factor);
    }

    @Override
    public String apply(String text) {
        if (!(codec.decode(text) instanceof Wire.ClockReport report)) {
            return text;
        }
        originals.put(report.from(), report);
        long scaled = Math.round((report.oneWayDelay() + report.errorBound()) * factor);
        return codec.encode(new Wire.ClockReport(report.from(), report.offset(), scaled - report.oneWayDelay(),
                report.oneWayDelay(), report.samples()));
    }

    /** W as production Sync-MS computes it from the reports as the slaves sent them. */
    public long productionWindowMicros(long productionMarginMillis) {
        long largest = 0;
        for (Wire.ClockReport report : originals.values()) {
            largest = Math.max(largest, report.oneWayDelay() + report.errorBound());
        }
        return largest + productionMarginMillis * 1_000;
    }
}
