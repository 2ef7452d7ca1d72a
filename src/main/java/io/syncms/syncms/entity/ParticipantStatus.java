package io.syncms.syncms.entity;

import java.util.List;

/** A participant's state, clock knowledge, view of the slaves and counters. */
public record ParticipantStatus(
        String group,
        Role role,
        String id,
        ParticipantState state,
        String failure,
        boolean syncInEnabled,
        ClockStatus clock,
        List<SlaveStatus> slaves,
        DeliveryCounters counters,
        GroupSettings settings) {}
