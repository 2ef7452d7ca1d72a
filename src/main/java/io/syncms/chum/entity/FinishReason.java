package io.syncms.chum.entity;

/** Why an importer tells the remote exporter that it is done. */
public enum FinishReason {
    /** A one-shot import is complete; the other direction may still be running. */
    COMPLETE,
    /** The Chum was stopped; the other direction stops too. */
    STOPPED,
    /** The importer failed; the other direction stops too. */
    FAILED
}
