package io.syncms.clock.entity;

/**
 * What a slave learns from a clock synchronisation with its master.
 *
 * @param offsetMicros master clock minus local wall clock
 * @param errorBoundMicros the true offset lies within {@code offsetMicros ± errorBoundMicros}
 * @param oneWayDelayMicros estimated one-way delay between slave and master (half the best round trip)
 * @param samplesUsed how many samples the offset was computed from
 * @param samplesTaken how many samples were answered in total
 */
public record ClockEstimate(
        long offsetMicros, long errorBoundMicros, long oneWayDelayMicros, int samplesUsed, int samplesTaken) {}
