package io.syncms.bench.fairness;

import java.util.Arrays;
import java.util.Collection;

/** Means and nearest-rank percentiles; {@code NaN} for no values. */
public final class Stats {

    private Stats() {}

    public static double mean(Collection<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).average().orElse(Double.NaN);
    }

    /** Share of {@code values} that are not zero. */
    public static double fractionNonZero(Collection<? extends Number> values) {
        return values.isEmpty() ? Double.NaN
                : values.stream().filter(v -> v.doubleValue() != 0).count() / (double) values.size();
    }

    /** The smallest value that at least {@code percent} % of the values do not exceed. */
    public static double percentile(Collection<? extends Number> values, double percent) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    public static double median(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int half = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }
}
