package io.syncms.syncms.entity;

/** A slave as the participant sees it; the clock fields come from the slave's clock report (master only). */
public record SlaveStatus(String id, boolean joined, Long offsetMicros, Long errorBoundMicros, Long oneWayDelayMicros) {}
