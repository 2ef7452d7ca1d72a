package io.syncms.onechum.entity;

/** The other side broke ONE's Chum protocol: a frame it must not send, or one that cannot be read. */
public class OneProtocolException extends RuntimeException {

    public OneProtocolException(String message) {
        super(message);
    }

    public OneProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
