package io.syncms.onechum.entity;

/** The counts ONE's Chum log keeps in {@code statistics}. */
public record OneStatistics(long requestsSentTotal, long requestsReceivedTotal, long requestsReceivedInvalid) {
}
