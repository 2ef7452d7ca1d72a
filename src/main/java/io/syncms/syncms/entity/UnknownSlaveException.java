package io.syncms.syncms.entity;

/** A slave id that is not in the group's list of slaves. */
public class UnknownSlaveException extends SyncMsException {

    public UnknownSlaveException(String message) {
        super(message);
    }

    @Override
    public String reason() {
        return "unknown-slave";
    }
}
