package io.syncms.syncms.entity;

/** Why a SyncMS step failed. Each subclass is one reason; {@link #reason()} names it for REST clients. */
public abstract class SyncMsException extends RuntimeException {

    protected SyncMsException(String message) {
        super(message);
    }

    /** A short, stable name of the reason, e.g. {@code "timeout"}. */
    public abstract String reason();
}
