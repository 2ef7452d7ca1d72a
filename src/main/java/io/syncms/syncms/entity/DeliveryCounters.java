package io.syncms.syncms.entity;

/**
 * @param delivered messages handed to the application
 * @param late of those, the ones marked late
 * @param syncInDropped sync-in messages the master dropped because they were sent while sync-in was disabled
 * @param ignoredBeforeListen messages that arrived before the participant was listening
 * @param rejected messages from a sender that is not part of the group
 */
public record DeliveryCounters(long delivered, long late, long syncInDropped, long ignoredBeforeListen, long rejected) {}
