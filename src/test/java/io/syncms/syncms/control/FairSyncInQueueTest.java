package io.syncms.syncms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairSyncInQueueTest {

    private static final long W = 50_000;
    private final FairSyncInQueue queue = new FairSyncInQueue();

    private static Wire.SyncIn msg(String from, long seq, long sentAt) {
        return new Wire.SyncIn(from + "-" + seq, from, seq, sentAt, JsonValue.NULL);
    }

    private static List<String> ids(List<Wire.SyncIn> messages) {
        return messages.stream().map(Wire.SyncIn::id).toList();
    }

    @Test
    void releasesInSendOrderNotArrivalOrder() {
        queue.offer(msg("far", 1, 1_000));
        queue.offer(msg("near", 1, 1_030));
        queue.offer(msg("far", 2, 1_010));   // arrives last, was sent second
        assertEquals(List.of("far-1", "far-2", "near-1"), ids(queue.releaseDue(1_030 + W, W)));
    }

    @Test
    void holdsMessagesUntilTheirWindowHasClosed() {
        queue.offer(msg("a", 1, 1_000));
        queue.offer(msg("b", 1, 2_000));
        assertEquals(List.of(), ids(queue.releaseDue(1_000 + W - 1, W)));
        assertEquals(List.of("a-1"), ids(queue.releaseDue(1_000 + W, W)));
        assertEquals(1, queue.size());
        assertEquals(2_000L, queue.earliestSentAt());
        assertEquals(List.of("b-1"), ids(queue.releaseDue(2_000 + W, W)));
        assertNull(queue.earliestSentAt());
    }

    @Test
    void tiesAreBrokenBySenderThenSequence() {
        queue.offer(msg("b", 1, 500));
        queue.offer(msg("a", 2, 500));
        queue.offer(msg("a", 1, 500));
        assertEquals(List.of("a-1", "a-2", "b-1"), ids(queue.releaseDue(500 + W, W)));
    }

    @Test
    void aMessageSentBeforeOneAlreadyReleasedIsRefusedAsLate() {
        queue.offer(msg("a", 1, 1_000));
        queue.releaseDue(1_000 + W, W);
        assertFalse(queue.offer(msg("b", 1, 999)));
        assertTrue(queue.offer(msg("b", 2, 1_001)));
        assertEquals(1, queue.size());
    }
}
