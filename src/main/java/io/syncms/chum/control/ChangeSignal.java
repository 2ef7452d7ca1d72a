package io.syncms.chum.control;

import io.syncms.store.entity.LogEntry;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Wakes an exporter's long polls: a generation counter that moves on every write to the store (as
 * its write listener) and whenever an export session ends. Waiters remember the generation they saw
 * and wait for it to move, so no wake-up between two looks is lost.
 */
final class ChangeSignal implements Consumer<LogEntry> {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();
    private long generation;

    @Override
    public void accept(LogEntry entry) {
        wakeAll();
    }

    void wakeAll() {
        lock.lock();
        try {
            generation++;
            moved.signalAll();
        } finally {
            lock.unlock();
        }
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
