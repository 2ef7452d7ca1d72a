package io.syncms.syncms.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The master's max_wait queue. Messages are held until their send time plus the window W has passed on
 * the master's clock, then released in fair order: by send time, then sender id, then the sender's
 * sequence number. A message that arrives after a message sent later has already been released can no
 * longer be put in order: it is reported as late instead of being silently reordered.
 */
public class FairSyncInQueue {

    public static final Comparator<Wire.SyncIn> FAIR_ORDER = Comparator.comparingLong(Wire.SyncIn::sentAt)
            .thenComparing(Wire.SyncIn::from)
            .thenComparingLong(Wire.SyncIn::seq);

    private final PriorityQueue<Wire.SyncIn> waiting = new PriorityQueue<>(FAIR_ORDER);
    private Wire.SyncIn lastReleased;

    /**
     * Takes a message in.
     *
     * @return {@code false} if the message is too late to be ordered (the caller delivers it at once, marked
     *     late); {@code true} if it waits for {@link #releaseDue}
     */
    public synchronized boolean offer(Wire.SyncIn message) {
        if (lastReleased != null && FAIR_ORDER.compare(message, lastReleased) < 0) {
            return false;
        }
        waiting.add(message);
        return true;
    }

    /** Removes and returns, in fair order, every message whose window has closed at {@code masterNow}. */
    public synchronized List<Wire.SyncIn> releaseDue(long masterNowMicros, long windowMicros) {
        List<Wire.SyncIn> due = new ArrayList<>();
        while (!waiting.isEmpty() && waiting.peek().sentAt() + windowMicros <= masterNowMicros) {
            lastReleased = waiting.poll();
            due.add(lastReleased);
        }
        return due;
    }

    /** Send time of the earliest waiting message, or {@code null}. */
    public synchronized Long earliestSentAt() {
        Wire.SyncIn head = waiting.peek();
        return head == null ? null : head.sentAt();
    }

    public synchronized int size() {
        return waiting.size();
    }
}
