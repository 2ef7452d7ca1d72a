package io.syncms.syncms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupMembershipTest {

    private final GroupMembership membership = new GroupMembership();
    private final Map<String, Wire.Member> entries = new HashMap<>();

    private void join(String key, String role, String id, List<String> slaves) {
        entries.put(key, new Wire.Member(role, id, "node-" + id, "member-1", slaves));
    }

    @Test
    void incompleteWithoutMaster() {
        join(GroupMembership.slaveKey("a"), "slave", "a", List.of());
        GroupMembership.View view = membership.view(entries);
        assertFalse(view.complete());
        assertEquals(null, view.master());
    }

    @Test
    void completeWhenEveryExpectedSlaveHasJoined() {
        join(GroupMembership.MASTER_KEY, "master", "m", List.of("a", "b"));
        join(GroupMembership.slaveKey("a"), "slave", "a", List.of());
        GroupMembership.View view = membership.view(entries);
        assertFalse(view.complete());
        assertEquals(List.of("b"), view.missing());
        join(GroupMembership.slaveKey("b"), "slave", "b", List.of());
        assertTrue(membership.view(entries).complete());
    }

    @Test
    void countsDistinctIdsNotEntries() {
        join(GroupMembership.MASTER_KEY, "master", "m", List.of("a", "b"));
        join(GroupMembership.slaveKey("a"), "slave", "a", List.of());
        // a second entry for "a" or an unexpected slave must not stand in for "b"
        join(GroupMembership.slaveKey("a"), "slave", "a", List.of());
        join(GroupMembership.slaveKey("x"), "slave", "x", List.of());
        GroupMembership.View view = membership.view(entries);
        assertFalse(view.complete());
        assertEquals(List.of("a"), view.joined());
        assertEquals(List.of("b"), view.missing());
    }
}
