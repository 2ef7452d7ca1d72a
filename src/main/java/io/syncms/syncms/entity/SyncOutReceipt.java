package io.syncms.syncms.entity;

/** A sent sync-out message: its id and the delivery time on the master's clock (epoch microseconds). */
public record SyncOutReceipt(String messageId, long deliverAtMicros) {}
