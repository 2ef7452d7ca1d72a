package io.syncms.syncms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.clock.control.SynchronizedClock;
import io.syncms.clock.control.WallClock;
import io.syncms.clock.entity.ClockEstimate;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncInReceiverTest {

    static final long W = 30_000;

    /** A wall clock the test moves by hand. */
    static final class HandClock extends WallClock {
        long now = 1_000_000_000L;

        @Override
        public long nowMicros() {
            return now;
        }
    }

    final HandClock wall = new HandClock();
    final TreeMap<Long, List<Runnable>> wakeups = new TreeMap<>();
    final List<String> released = new ArrayList<>();
    SyncInReceiver receiver;

    @BeforeEach
    void create() {
        SynchronizedClock clock = new SynchronizedClock(wall);
        clock.adopt(new ClockEstimate(0, 0, 0, 1, 1));
        receiver = new SyncInReceiver(clock, (at, task) -> wakeups.computeIfAbsent(at, k -> new ArrayList<>()).add(task),
                () -> W, (message, window, late) -> released.add(message.id() + (late ? " late" : "") + " W=" + window));
    }

    Wire.SyncIn sent(String from, long seq, long ageMicros) {
        return new Wire.SyncIn(from + seq, from, seq, wall.now - ageMicros, JsonValue.NULL);
    }

    /** Advances the clock to {@code until}, firing due wake-ups in time order. */
    void advanceTo(long until) {
        while (!wakeups.isEmpty() && wakeups.firstKey() <= until) {
            var due = wakeups.pollFirstEntry();
            wall.now = Math.max(wall.now, due.getKey());
            due.getValue().forEach(Runnable::run);
        }
        wall.now = until;
    }

    @Test
    void dropsEverythingUntilEnabledAndCountsIt() {
        receiver.receive(sent("a", 1, 0));
        assertEquals(1, receiver.dropped());
        assertTrue(wakeups.isEmpty());
    }

    @Test
    void releasesInSendOrderWhenTheWindowCloses() {
        receiver.enable();
        wall.now += 1_000;
        receiver.receive(sent("far", 1, 0));
        wall.now += 2_000;
        receiver.receive(sent("near", 1, 0));
        receiver.receive(sent("far", 2, 1_000));   // sent 1 ms ago, i.e. before near1
        long firstSent = wall.now - 2_000;
        advanceTo(firstSent + W - 1);
        assertEquals(List.of(), released);
        advanceTo(firstSent + W + 5_000);
        assertEquals(List.of("far1 W=30000", "far2 W=30000", "near1 W=30000"), released);
    }

    @Test
    void oneWakeUpPerMillisecond() {
        receiver.enable();
        wall.now += 5_000;
        receiver.receive(sent("a", 1, 0));
        receiver.receive(sent("b", 1, 0));
        receiver.receive(sent("c", 1, 400));
        assertEquals(1, wakeups.size(), "three windows closing within the same millisecond need one wake-up");
        receiver.receive(sent("d", 1, 1_400));
        assertEquals(2, wakeups.size(), "a window closing a millisecond earlier needs its own");
        advanceTo(wall.now + W + 1_000);
        assertEquals(4, released.size());
    }

    @Test
    void aMessageBehindOneAlreadyReleasedIsDeliveredLate() {
        receiver.enable();
        wall.now += 1_000;
        receiver.receive(sent("a", 1, 0));
        advanceTo(wall.now + W + 1_000);
        receiver.receive(sent("b", 1, W + 1_500));
        assertEquals(List.of("a1 W=30000", "b1 late W=30000"), released);
    }

    @Test
    void disablingKeepsMessagesSentWhileEnabled() {
        receiver.enable();
        wall.now += 1_000;
        Wire.SyncIn inTime = sent("a", 1, 0);
        wall.now += 500;
        receiver.disable();
        wall.now += 500;
        receiver.receive(inTime);
        receiver.receive(sent("a", 2, 0));
        advanceTo(wall.now + W + 1_000);
        assertEquals(List.of("a1 W=30000"), released);
        assertEquals(1, receiver.dropped());
    }
}
