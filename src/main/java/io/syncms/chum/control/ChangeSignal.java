package io.syncms.chum.control;

import io.syncms.store.entity.LogEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The exporter's write listener: tells its long polls that something was written, and knows up to
 * which sequence number the store's writes have been seen by the listeners registered before it.
 *
 * <p>A write is visible in the store's log a moment before its listeners run, and the
 * {@link io.syncms.store.control.AccessService} updates its grants and closures in its listener.
 * The store calls listeners in the order they were added, and the access service is always added
 * first, so an entry this listener has seen is reflected in access decisions. The exporter plans
 * only up to {@link #processedSeq()}: a grant visible in the log but not yet indexed would
 * otherwise be judged by the old index and be skipped for good.
 *
 * <p>It also moves a generation counter on every write and whenever an export session ends; waiters
 * remember the generation they saw and wait for it to move (blocking, or with a callback), so no
 * wake-up between two looks is lost.
 */
final class ChangeSignal implements Consumer<LogEntry> {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();
    /** Entries seen ahead of a gap (concurrent writers notify out of order). */
    private final TreeSet<Long> ahead = new TreeSet<>();
    private final List<Runnable> onMove = new ArrayList<>();
    private long processedSeq;
    private long generation;

    /** Everything up to the sequence number counts as seen (call right after adding the listener). */
    void startAt(long seq) {
        lock.lock();
        try {
            processedSeq = Math.max(processedSeq, seq);
            ahead.headSet(processedSeq, true).clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void accept(LogEntry entry) {
        lock.lock();
        try {
            if (entry.seq() > processedSeq) {
                ahead.add(entry.seq());
                while (!ahead.isEmpty() && ahead.first() == processedSeq + 1) {
                    processedSeq = ahead.pollFirst();
                }
            }
            generation++;
            moved.signalAll();
        } finally {
            lock.unlock();
        }
        runMoveCallbacks();
    }

    /** The highest sequence number up to which every entry has been seen by the listeners. */
    long processedSeq() {
        lock.lock();
        try {
            return processedSeq;
        } finally {
            lock.unlock();
        }
    }

    void wakeAll() {
        lock.lock();
        try {
            generation++;
            moved.signalAll();
        } finally {
            lock.unlock();
        }
        runMoveCallbacks();
    }

    /**
     * Runs the callback once, when the generation differs from {@code seen} (at once if it already
     * does), on the thread that moved it: a callback must only hand work over. Returns what cancels it.
     */
    Runnable onMove(long seen, Runnable callback) {
        lock.lock();
        try {
            if (generation == seen) {
                onMove.add(callback);
                return () -> {
                    lock.lock();
                    try {
                        onMove.remove(callback);
                    } finally {
                        lock.unlock();
                    }
                };
            }
        } finally {
            lock.unlock();
        }
        callback.run();
        return () -> { };
    }

    private void runMoveCallbacks() {
        List<Runnable> due;
        lock.lock();
        try {
            if (onMove.isEmpty()) {
                return;
            }
            due = new ArrayList<>(onMove);
            onMove.clear();
        } finally {
            lock.unlock();
        }
        due.forEach(Runnable::run);
    }

    long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the generation differs from {@code seen} or the time is up; returns the generation. */
    long awaitPast(long seen, long nanos) throws InterruptedException {
        lock.lock();
        try {
            long remaining = nanos;
            while (generation == seen && remaining > 0) {
                remaining = moved.awaitNanos(remaining);
            }
            return generation;
        } finally {
            lock.unlock();
        }
    }
}
