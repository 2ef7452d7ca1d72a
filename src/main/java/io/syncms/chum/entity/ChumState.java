package io.syncms.chum.entity;

/** Where a Chum is. */
public enum ChumState {
    /** Handshaking, transferring, or (keepRunning) waiting for changes. */
    RUNNING,
    /** Ended after a one-shot transfer in both directions. */
    DONE,
    /** Ended by {@code stop()} on either side. */
    STOPPED,
    /** Ended by an error (handshake refused, transport failure, the other side failed). */
    FAILED;

    public boolean ended() {
        return this != RUNNING;
    }
}
