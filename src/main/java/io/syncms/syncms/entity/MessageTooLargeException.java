package io.syncms.syncms.entity;

/** A message is larger than the group's max-message-bytes. */
public class MessageTooLargeException extends SyncMsException {

    public MessageTooLargeException(String message) {
        super(message);
    }

    @Override
    public String reason() {
        return "message-too-large";
    }
}
