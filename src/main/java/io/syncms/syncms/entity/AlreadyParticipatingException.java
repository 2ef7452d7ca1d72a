package io.syncms.syncms.entity;

/** This instance already takes part in the group (at most one participant per group). */
public class AlreadyParticipatingException extends SyncMsException {

    public AlreadyParticipatingException(String message) {
        super(message);
    }

    @Override
    public String reason() {
        return "already-participating";
    }
}
