package io.syncms.syncms.entity;

/** The step is not allowed for this participant's role (e.g. sync-out on a slave). */
public class WrongRoleException extends SyncMsException {

    public WrongRoleException(String message) {
        super(message);
    }

    @Override
    public String reason() {
        return "wrong-role";
    }
}
