package io.syncms.syncms.entity;

/** This instance does not take part in the group. */
public class GroupNotFoundException extends SyncMsException {

    public GroupNotFoundException(String message) {
        super(message);
    }

    @Override
    public String reason() {
        return "group-not-found";
    }
}
