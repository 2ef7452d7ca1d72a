package io.syncms.store.entity;

import java.time.Clock;
import java.util.Objects;

/**
 * Settings of an object store.
 *
 * @param fsync              force file contents, directory entries and the journal to the device before
 *                           a write is acknowledged. Without it a write survives the death of the process
 *                           ({@code kill -9}) but not necessarily a crash of the machine or a power loss.
 * @param checkpointInterval after how many write log entries the recovery checkpoint is moved on (it
 *                           bounds the work of {@code open()} after a crash)
 * @param clock              source of write timestamps and version node creation times
 */
public record StoreOptions(boolean fsync, int checkpointInterval, Clock clock) {

    public StoreOptions {
        Objects.requireNonNull(clock, "clock");
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("checkpointInterval must be positive: " + checkpointInterval);
        }
    }

    /** fsync on, a checkpoint every 10,000 entries, the system clock. */
    public static StoreOptions defaults() {
        return new StoreOptions(true, 10_000, Clock.systemUTC());
    }

    public StoreOptions withFsync(boolean enabled) {
        return new StoreOptions(enabled, checkpointInterval, clock);
    }

    public StoreOptions withCheckpointInterval(int entries) {
        return new StoreOptions(fsync, entries, clock);
    }

    public StoreOptions withClock(Clock newClock) {
        return new StoreOptions(fsync, checkpointInterval, newClock);
    }
}
