package io.syncms.syncms.entity;

/** The step is not allowed in the participant's current lifecycle state. */
public class WrongStateException extends SyncMsException {

    public WrongStateException(String message) {
        super(message);
    }

    @Override
    public String reason() {
        return "wrong-state";
    }
}
