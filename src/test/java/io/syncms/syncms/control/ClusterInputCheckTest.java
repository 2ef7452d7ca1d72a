package io.syncms.syncms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClusterInputCheckTest {

    static final long NOW = 1_800_000_000_000_000L;
    final Map<String, Wire.Member> members = new HashMap<>(Map.of(
            GroupMembership.MASTER_KEY, new Wire.Member("master", "m", "node-m", "member-1", List.of("a", "b")),
            GroupMembership.slaveKey("a"), new Wire.Member("slave", "a", "node-a", "member-2", List.of())));
    final AtomicInteger freshReads = new AtomicInteger();
    final ClusterInputCheck check = new ClusterInputCheck(() -> members, () -> {
        freshReads.incrementAndGet();
        return members;
    });

    @Test
    void messagesFromTheMemberHoldingTheEntryWithSaneTimesPass() {
        assertEquals(Optional.empty(), check.fromMaster(new Wire.SyncOut("1", "m", NOW + 50_000, JsonValue.TRUE), "member-1", NOW));
        assertEquals(Optional.empty(), check.fromMaster(new Wire.ClockReply("a", "node-a", 7, NOW - 2_000_000), "member-1", NOW));
        assertEquals(Optional.empty(), check.fromSlave("a", new Wire.SyncIn("2", "a", 0, NOW - 10_000, JsonValue.TRUE), "member-2", NOW));
        assertEquals(Optional.empty(), check.fromSlave("a", new Wire.ClockReport("a", -3_000, 800, 400, 20), "member-2", NOW));
        assertEquals(0, freshReads.get(), "the cached membership answered");
    }

    @Test
    void aMessageFromAnotherMemberThanTheEntrysIsRefusedAfterALookAtTheCluster() {
        Optional<String> forged = check.fromMaster(new Wire.SyncOut("1", "m", NOW, JsonValue.TRUE), "member-2", NOW);
        assertEquals(Optional.of("published by member member-2, which does not hold the entry master"), forged);
        assertEquals(1, freshReads.get());
        assertTrue(check.fromSlave("b", new Wire.SyncIn("2", "b", 0, NOW, JsonValue.TRUE), "member-2", NOW).isPresent(),
                "b has not joined");
        assertTrue(check.fromSlave("a", new Wire.SyncIn("2", "a", 0, NOW, JsonValue.TRUE), null, NOW).isPresent(),
                "published by no member (a client)");

        members.put(GroupMembership.slaveKey("b"), new Wire.Member("slave", "b", "node-b", "member-3", List.of()));
        assertEquals(Optional.empty(), check.fromSlave("b", new Wire.SyncIn("3", "b", 0, NOW, JsonValue.TRUE), "member-3", NOW),
                "a slave that joined a moment ago is found in the cluster");
    }

    @Test
    void absurdTimesAndClockFiguresAreRefused() {
        long hour = 3_600_000_000L;
        assertTrue(check.fromMaster(new Wire.SyncOut("1", "m", NOW + 2 * hour, JsonValue.TRUE), "member-1", NOW).isPresent(),
                "a delivery two hours away would wait in the delivery queue");
        assertTrue(check.fromMaster(new Wire.SyncOut("1", "m", Long.MIN_VALUE, JsonValue.TRUE), "member-1", NOW).isPresent());
        assertTrue(check.fromSlave("a", new Wire.SyncIn("2", "a", -1, NOW, JsonValue.TRUE), "member-2", NOW).isPresent());
        assertTrue(check.fromSlave("a", new Wire.SyncIn("2", "a", 0, Long.MAX_VALUE, JsonValue.TRUE), "member-2", NOW).isPresent());
        assertTrue(check.fromSlave("a", new Wire.ClockReport("a", 0, -1, 0, 1), "member-2", NOW).isPresent());
        assertTrue(check.fromSlave("a", new Wire.ClockReport("a", 0, 0, 61_000_000, 1), "member-2", NOW).isPresent());
        assertTrue(check.fromSlave("a", new Wire.ClockReport("a", Long.MIN_VALUE, 0, 0, 1), "member-2", NOW).isPresent());
        assertTrue(check.fromSlave("a", new Wire.ClockReport("a", 0, 0, 0, 0), "member-2", NOW).isPresent());
        assertTrue(check.fromMaster(new Wire.ClockReply("a", "n", 1, NOW + 25 * 24 * hour), "member-1", NOW).isPresent());
        assertTrue(check.fromMaster(new Wire.ClockRequest("a", "n", 1), "member-1", NOW).isPresent(), "not the master's kind");
    }
}
