package io.syncms.clock.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.syncms.clock.entity.ClockEstimate;
import io.syncms.clock.entity.ClockSample;
import java.util.List;
import org.junit.jupiter.api.Test;

class CristianEstimatorTest {

    private final CristianEstimator estimator = new CristianEstimator();

    @Test
    void sampleAssumesTheMasterAnsweredHalfWayThroughTheRoundTrip() {
        // slave sends at wall 1_000_000 µs; the reply comes 800 µs later; the master stamped 1_250_400 µs
        ClockSample sample = estimator.sample(1_000_000, 5_000_000_000L, 1_250_400, 5_000_800_000L);
        assertEquals(800, sample.roundTripMicros());
        // master at reply = 1_250_400 + 400; local at reply = 1_000_800
        assertEquals(250_000, sample.offsetMicros());
    }

    @Test
    void sampleOfASlaveBehindTheMasterIsPositiveAndAheadIsNegative() {
        assertEquals(-5_000, estimator.sample(2_000_000, 0, 1_995_100, 200_000).offsetMicros());
    }

    @Test
    void estimateUsesTheLowestRoundTripSamples() {
        List<ClockSample> samples = List.of(
                new ClockSample(5_000, 9_000),   // slow sample, offset far off
                new ClockSample(400, 1_000),
                new ClockSample(440, 1_100),     // within 25 % of the best
                new ClockSample(900, -3_000));   // outside the tolerance
        ClockEstimate estimate = estimator.estimate(samples);
        assertEquals(1_050, estimate.offsetMicros());
        assertEquals(200, estimate.oneWayDelayMicros());
        assertEquals(2, estimate.samplesUsed());
        assertEquals(4, estimate.samplesTaken());
        // half the worst chosen round trip plus the spread of the chosen offsets around their mean
        assertEquals(220 + 50, estimate.errorBoundMicros());
    }

    @Test
    void singleSampleGivesItsOwnOffsetAndHalfItsRoundTripAsBound() {
        ClockEstimate estimate = estimator.estimate(List.of(new ClockSample(1_001, -42)));
        assertEquals(-42, estimate.offsetMicros());
        assertEquals(501, estimate.errorBoundMicros());
        assertEquals(500, estimate.oneWayDelayMicros());
    }

    @Test
    void subMicrosecondRoundTripsStillAverageNearbySamples() {
        ClockEstimate estimate = estimator.estimate(List.of(new ClockSample(0, 10), new ClockSample(15, 20)));
        assertEquals(15, estimate.offsetMicros());
        assertEquals(2, estimate.samplesUsed());
    }

    @Test
    void noSamplesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> estimator.estimate(List.of()));
    }
}
