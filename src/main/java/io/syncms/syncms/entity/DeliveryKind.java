package io.syncms.syncms.entity;

public enum DeliveryKind {
    /** A slave receives the master's message at its delivery time. */
    SYNC_OUT,
    /** The master receives a slave's message, in fair send-time order. */
    SYNC_IN,
    /** A slave sees another slave's sync-in message as it arrives (not synchronised). */
    CLIENT,
    /** Something on the group's message topic that SyncMS did not write. */
    UNKNOWN
}
