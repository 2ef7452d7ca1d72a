package io.syncms.syncms.entity;

/** The group already has a master. */
public class SecondMasterException extends SyncMsException {

    public SecondMasterException(String message) {
        super(message);
    }

    @Override
    public String reason() {
        return "second-master";
    }
}
