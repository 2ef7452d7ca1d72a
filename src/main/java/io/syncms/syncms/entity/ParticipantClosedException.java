package io.syncms.syncms.entity;

/** The participant left its group before the step completed. */
public class ParticipantClosedException extends SyncMsException {

    public ParticipantClosedException(String message) {
        super(message);
    }

    @Override
    public String reason() {
        return "closed";
    }
}
