package io.syncms.syncms.entity;

/** A sent sync-in message: its id, synchronised send time (epoch microseconds) and the sender's sequence number. */
public record SyncInReceipt(String messageId, long sentAtMicros, long seq) {}
