package io.syncms.syncms.control;

/**
 * Wakes the master up when a sync-in max_wait window closes. In Payara this is the EJB timer service
 * (non-persistent single-action timers); in unit tests a scheduled executor.
 */
@FunctionalInterface
public interface Wakeups {

    /** Runs {@code task} once, no earlier than the local wall-clock instant {@code epochMicros}. */
    void wakeAt(long epochMicros, Runnable task);
}
