package io.syncms.syncms.control;

import io.syncms.syncms.entity.ParticipantState;
import io.syncms.syncms.entity.Role;
import io.syncms.syncms.entity.WrongRoleException;
import io.syncms.syncms.entity.WrongStateException;
import java.util.EnumSet;
import java.util.Set;

/** The participant's state machine: which step is allowed for which role in which state. */
public class Lifecycle {

    private static final Set<ParticipantState> SYNCED = EnumSet.of(ParticipantState.CLOCK_SYNCED, ParticipantState.LISTENING);

    private final Role role;
    private ParticipantState state = ParticipantState.CREATED;
    private String failure;

    public Lifecycle(Role role) {
        this.role = role;
    }

    public synchronized ParticipantState state() {
        return state;
    }

    /** Why the participant failed, or {@code null}. */
    public synchronized String failure() {
        return failure;
    }

    public void checkInitialize() {
        require("initialize", EnumSet.of(ParticipantState.CREATED, ParticipantState.INITIALIZED,
                ParticipantState.CLOCK_SYNCED, ParticipantState.LISTENING));
    }

    public void checkClockSync() {
        require("clockSync", EnumSet.of(ParticipantState.INITIALIZED, ParticipantState.CLOCK_SYNCED, ParticipantState.LISTENING));
    }

    public void checkListen() {
        require("listen", SYNCED);
    }

    public void checkSyncOut() {
        requireRole("syncOut", Role.MASTER);
        require("syncOut", SYNCED);
    }

    public void checkSyncIn() {
        requireRole("syncIn", Role.SLAVE);
        require("syncIn", SYNCED);
    }

    public void checkSyncInSwitch(String step) {
        requireRole(step, Role.MASTER);
        require(step, SYNCED);
    }

    public synchronized boolean isListening() {
        return state == ParticipantState.LISTENING;
    }

    public synchronized void initialized() {
        advance(ParticipantState.CREATED, ParticipantState.INITIALIZED);
    }

    public synchronized void clockSynced() {
        advance(ParticipantState.INITIALIZED, ParticipantState.CLOCK_SYNCED);
    }

    public synchronized void listening() {
        advance(ParticipantState.CLOCK_SYNCED, ParticipantState.LISTENING);
    }

    /** Terminal. Returns false if the participant had already failed. */
    public synchronized boolean fail(String why) {
        if (state == ParticipantState.FAILED) {
            return false;
        }
        state = ParticipantState.FAILED;
        failure = why;
        return true;
    }

    private void advance(ParticipantState from, ParticipantState to) {
        if (state == from) {
            state = to;
        }
    }

    private void requireRole(String step, Role required) {
        if (role != required) {
            throw new WrongRoleException(step + " is only for the " + required.label() + ", this participant is a " + role.label());
        }
    }

    private synchronized void require(String step, Set<ParticipantState> allowed) {
        if (state == ParticipantState.FAILED) {
            throw new WrongStateException(step + " is not possible: the participant has failed (" + failure + ")");
        }
        if (!allowed.contains(state)) {
            throw new WrongStateException(step + " is not possible in state " + state + "; allowed in " + allowed);
        }
    }
}
