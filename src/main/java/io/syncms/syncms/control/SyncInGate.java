package io.syncms.syncms.control;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Whether the master accepts sync-in, judged by each message's send time: a message counts if it was sent
 * while sync-in was enabled, even if it arrives just after {@code disable}. So disabling with messages in
 * flight or waiting loses none that were sent in time, and accepts none sent after.
 */
public class SyncInGate {

    private record Interval(long from, long until) {}

    private static final int KEPT_INTERVALS = 64;

    private final Deque<Interval> closed = new ArrayDeque<>();
    private Long openSince;

    public synchronized void enable(long masterNowMicros) {
        if (openSince == null) {
            openSince = masterNowMicros;
        }
    }

    public synchronized void disable(long masterNowMicros) {
        if (openSince != null) {
            closed.addLast(new Interval(openSince, masterNowMicros));
            if (closed.size() > KEPT_INTERVALS) {
                closed.removeFirst();
            }
            openSince = null;
        }
    }

    public synchronized boolean isEnabled() {
        return openSince != null;
    }

    public synchronized boolean accepts(long sentAtMicros) {
        if (openSince != null && sentAtMicros >= openSince) {
            return true;
        }
        for (Interval interval : closed) {
            if (sentAtMicros >= interval.from() && sentAtMicros < interval.until()) {
                return true;
            }
        }
        return false;
    }
}
