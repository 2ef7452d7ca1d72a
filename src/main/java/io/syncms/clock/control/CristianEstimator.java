package io.syncms.clock.control;

import io.syncms.clock.entity.ClockEstimate;
import io.syncms.clock.entity.ClockSample;
import java.util.Comparator;
import java.util.List;

/**
 * Cristian's algorithm: the master's timestamp in a reply was taken, at best, half a round trip before the
 * reply arrived. Samples with the lowest round trip carry the least uncertainty, so the offset is the mean
 * over the samples whose round trip is within a tolerance of the best one.
 */
public class CristianEstimator {

    /** Samples whose round trip exceeds the best one by more than this fraction are ignored. */
    static final double ROUND_TRIP_TOLERANCE = 0.25;

    /** Absolute tolerance, so that sub-microsecond best round trips do not exclude every other sample. */
    static final long MIN_TOLERANCE_MICROS = 20;

    /**
     * Turns one exchange into a sample.
     *
     * @param requestWallMicros slave wall clock when the request was sent (epoch microseconds)
     * @param requestNanos slave monotonic clock when the request was sent
     * @param masterMicros master wall clock when it answered (epoch microseconds)
     * @param replyNanos slave monotonic clock when the reply arrived
     */
    public ClockSample sample(long requestWallMicros, long requestNanos, long masterMicros, long replyNanos) {
        long roundTrip = Math.max(0, (replyNanos - requestNanos) / 1_000);
        long localAtReply = requestWallMicros + roundTrip;
        long masterAtReply = masterMicros + roundTrip / 2;
        return new ClockSample(roundTrip, masterAtReply - localAtReply);
    }

    public ClockEstimate estimate(List<ClockSample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no clock samples");
        }
        long best = samples.stream().mapToLong(ClockSample::roundTripMicros).min().getAsLong();
        long limit = best + Math.max(MIN_TOLERANCE_MICROS, (long) (best * ROUND_TRIP_TOLERANCE));
        List<ClockSample> chosen = samples.stream()
                .filter(s -> s.roundTripMicros() <= limit)
                .sorted(Comparator.comparingLong(ClockSample::roundTripMicros))
                .toList();
        long offset = Math.round(chosen.stream().mapToLong(ClockSample::offsetMicros).average().orElseThrow());
        long worstChosen = chosen.get(chosen.size() - 1).roundTripMicros();
        long spread = chosen.stream().mapToLong(s -> Math.abs(s.offsetMicros() - offset)).max().orElse(0);
        long errorBound = (worstChosen + 1) / 2 + spread;
        return new ClockEstimate(offset, errorBound, best / 2, chosen.size(), samples.size());
    }
}
