package io.syncms.syncms.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyncInGateTest {

    private final SyncInGate gate = new SyncInGate();

    @Test
    void closedUntilEnabled() {
        assertFalse(gate.isEnabled());
        assertFalse(gate.accepts(100));
    }

    @Test
    void acceptsMessagesSentWhileEnabledEvenIfTheyArriveAfterDisable() {
        gate.enable(1_000);
        gate.disable(2_000);
        assertFalse(gate.isEnabled());
        assertFalse(gate.accepts(999));
        assertTrue(gate.accepts(1_000));
        assertTrue(gate.accepts(1_999));
        assertFalse(gate.accepts(2_000));
    }

    @Test
    void remembersSeveralIntervals() {
        gate.enable(1_000);
        gate.disable(2_000);
        gate.enable(5_000);
        assertTrue(gate.accepts(1_500));
        assertFalse(gate.accepts(3_000));
        assertTrue(gate.accepts(7_000));
    }

    @Test
    void enablingTwiceKeepsTheFirstStart() {
        gate.enable(1_000);
        gate.enable(3_000);
        assertTrue(gate.accepts(2_000));
    }
}
