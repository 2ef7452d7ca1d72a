package io.syncms.syncms.entity;

/** Another participant has already joined the group with this slave id. */
public class DuplicateSlaveException extends SyncMsException {

    public DuplicateSlaveException(String message) {
        super(message);
    }

    @Override
    public String reason() {
        return "duplicate-slave";
    }
}
