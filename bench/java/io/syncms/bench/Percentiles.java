package io.syncms.bench;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a sample. */
final class Percentiles {

    private final double[] sorted;

    Percentiles(Collection<? extends Number> values) {
        sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    }

    int count() {
        return sorted.length;
    }

    double p(double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    double mean() {
        return Arrays.stream(sorted).average().orElse(Double.NaN);
    }
}
