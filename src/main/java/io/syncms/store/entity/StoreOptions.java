package io.syncms.store.entity;

import java.time.Clock;
import java.util.Objects;

/**
 * Settings of an object store.
 *
 * @param fsync       force the write-ahead log (and the files of large BLOBs and CLOBs) to the device
 *                    before a write is acknowledged. Without it a write survives the death of the
 *                    process ({@code kill -9}) but not necessarily a crash of the machine or a power
 *                    loss; after such a crash the store starts a new epoch, so that peers list it anew.
 * @param inlineLimit BLOBs and CLOBs up to this many bytes are kept in the database; larger ones as
 *                    files of their own (they are streamed, never held in memory)
 * @param cacheBytes  the database's block cache
 * @param clock       source of write timestamps and version node creation times
 */
public record StoreOptions(boolean fsync, int inlineLimit, long cacheBytes, Clock clock) {

    /** The largest inline limit: content up to it is held in memory while it is stored. */
    public static final int MAX_INLINE_LIMIT = 16 << 20;

    public StoreOptions {
        Objects.requireNonNull(clock, "clock");
        if (inlineLimit < 0 || inlineLimit > MAX_INLINE_LIMIT) {
            throw new IllegalArgumentException("inlineLimit must be 0.." + MAX_INLINE_LIMIT + ": " + inlineLimit);
        }
        if (cacheBytes < (1 << 20)) {
            throw new IllegalArgumentException("cacheBytes must be at least 1 MiB: " + cacheBytes);
        }
    }

    /** fsync on, BLOBs and CLOBs up to 256 KiB inline, a 64 MiB cache, the system clock. */
    public static StoreOptions defaults() {
        return new StoreOptions(Boolean.parseBoolean(StoreSetting.FSYNC.defaultValue()),
                Integer.parseInt(StoreSetting.INLINE_MAX_BYTES.defaultValue()), Long.parseLong(StoreSetting.CACHE_BYTES.defaultValue()),
                Clock.systemUTC());
    }

    public StoreOptions withFsync(boolean enabled) {
        return new StoreOptions(enabled, inlineLimit, cacheBytes, clock);
    }

    public StoreOptions withInlineLimit(int bytes) {
        return new StoreOptions(fsync, bytes, cacheBytes, clock);
    }

    public StoreOptions withCacheBytes(long bytes) {
        return new StoreOptions(fsync, inlineLimit, bytes, clock);
    }

    public StoreOptions withClock(Clock newClock) {
        return new StoreOptions(fsync, inlineLimit, cacheBytes, newClock);
    }
}
