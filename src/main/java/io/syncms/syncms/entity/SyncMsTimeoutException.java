package io.syncms.syncms.entity;

/** A step did not complete within its configured time. */
public class SyncMsTimeoutException extends SyncMsException {

    public SyncMsTimeoutException(String message) {
        super(message);
    }

    @Override
    public String reason() {
        return "timeout";
    }
}
