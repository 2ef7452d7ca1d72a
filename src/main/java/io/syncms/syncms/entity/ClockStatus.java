package io.syncms.syncms.entity;

/**
 * What the participant knows about time; every field is {@code null} until it is known.
 *
 * @param offsetMicros master clock minus local clock (slave; 0 on the master)
 * @param errorBoundMicros bound on the error of the offset (slave)
 * @param oneWayDelayMicros estimated one-way delay to the master (slave)
 * @param samples clock samples the offset was computed from (slave)
 * @param deliveryDelayMicros D, the sync-out delivery delay (master)
 * @param maxWaitMicros W, the sync-in max_wait window (master)
 */
public record ClockStatus(
        Long offsetMicros,
        Long errorBoundMicros,
        Long oneWayDelayMicros,
        Integer samples,
        Long deliveryDelayMicros,
        Long maxWaitMicros) {}
