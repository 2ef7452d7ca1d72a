package io.syncms.syncms.entity;

/** The lifecycle of a participant: initialize, clock synchronisation, listening. */
public enum ParticipantState {
    CREATED,
    INITIALIZED,
    CLOCK_SYNCED,
    LISTENING,
    /** Terminal: a second master, an unknown or duplicate slave id, or the participant left the group. */
    FAILED
}
