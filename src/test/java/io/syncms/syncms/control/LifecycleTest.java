package io.syncms.syncms.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.syncms.entity.ParticipantState;
import io.syncms.syncms.entity.Role;
import io.syncms.syncms.entity.WrongRoleException;
import io.syncms.syncms.entity.WrongStateException;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void walksThroughInitializeClockSyncListen() {
        Lifecycle lifecycle = new Lifecycle(Role.MASTER);
        assertEquals(ParticipantState.CREATED, lifecycle.state());
        assertThrows(WrongStateException.class, lifecycle::checkClockSync);
        lifecycle.initialized();
        assertEquals(ParticipantState.INITIALIZED, lifecycle.state());
        assertThrows(WrongStateException.class, lifecycle::checkListen);
        assertThrows(WrongStateException.class, lifecycle::checkSyncOut);
        lifecycle.clockSynced();
        assertEquals(ParticipantState.CLOCK_SYNCED, lifecycle.state());
        assertDoesNotThrow(lifecycle::checkSyncOut);
        lifecycle.listening();
        assertEquals(ParticipantState.LISTENING, lifecycle.state());
        assertTrue(lifecycle.isListening());
        assertDoesNotThrow(lifecycle::checkClockSync);
    }

    @Test
    void reSynchronisingWhileListeningStaysListening() {
        Lifecycle lifecycle = new Lifecycle(Role.SLAVE);
        lifecycle.initialized();
        lifecycle.clockSynced();
        lifecycle.listening();
        lifecycle.clockSynced();
        assertEquals(ParticipantState.LISTENING, lifecycle.state());
    }

    @Test
    void rolesGuardTheirSteps() {
        Lifecycle slave = new Lifecycle(Role.SLAVE);
        slave.initialized();
        slave.clockSynced();
        WrongRoleException wrongRole = assertThrows(WrongRoleException.class, slave::checkSyncOut);
        assertEquals("wrong-role", wrongRole.reason());
        assertThrows(WrongRoleException.class, () -> slave.checkSyncInSwitch("enableSyncIn"));
        assertDoesNotThrow(slave::checkSyncIn);

        Lifecycle master = new Lifecycle(Role.MASTER);
        assertThrows(WrongRoleException.class, master::checkSyncIn);
    }

    @Test
    void roleIsCheckedBeforeState() {
        assertThrows(WrongRoleException.class, new Lifecycle(Role.SLAVE)::checkSyncOut);
    }

    @Test
    void failedIsTerminalAndSaysWhy() {
        Lifecycle lifecycle = new Lifecycle(Role.MASTER);
        assertTrue(lifecycle.fail("second master"));
        assertEquals(ParticipantState.FAILED, lifecycle.state());
        lifecycle.initialized();
        assertEquals(ParticipantState.FAILED, lifecycle.state());
        WrongStateException e = assertThrows(WrongStateException.class, lifecycle::checkInitialize);
        assertTrue(e.getMessage().contains("second master"), e.getMessage());
    }
}
