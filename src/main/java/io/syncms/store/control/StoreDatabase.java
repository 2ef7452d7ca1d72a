package io.syncms.store.control;

import io.syncms.store.entity.StoreUnavailableException;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The RocksDB database of an object store, in {@code db/} of the store directory, with three column
 * families:
 * <ul>
 *   <li>{@code content}: kind byte + SHA-256 (33 bytes) to the content (see {@link ContentValue}).
 *       Bloom filters make "is it stored?" cheap; values of 4 KiB and more go to blob files, so
 *       BLOBs are not rewritten by compaction.
 *   <li>{@code log}: the write log, sequence number (8 bytes, big-endian) to {@link LogRecords}.
 *   <li>{@code default}: the indexes ({@link IndexKeys}): version histories, ID objects by type,
 *       quarantine records and the store's metadata.
 * </ul>
 * Every write is one atomic {@link WriteBatch} through the write-ahead log; with fsync on it is
 * forced before it returns (and before anything in it is visible). Flushes are atomic over all
 * three families, so even a write-ahead log that lost its unforced tail in a machine crash leaves
 * the families at one point in time.
 */
final class StoreDatabase implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    private static final byte[] CONTENT = "content".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOG = "log".getBytes(StandardCharsets.US_ASCII);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final RocksDB db;
    private final ColumnFamilyHandle index;
    private final ColumnFamilyHandle content;
    private final ColumnFamilyHandle log;
    private final WriteOptions writeOptions;
    private final boolean fsync;

    private StoreDatabase(Path directory, boolean fsync, long cacheBytes) throws IOException {
        this.fsync = fsync;
        Files.createDirectories(directory);
        Cache cache = keep(new LRUCache(cacheBytes));
        // memtable bloom filters: most "is it stored?" questions are about new content, and a miss
        // answered by the filter skips the skiplist search that took a quarter of a batch write
        ColumnFamilyOptions indexOptions = keep(new ColumnFamilyOptions()
                .setTableFormatConfig(table(cache, true))
                .setMemtablePrefixBloomSizeRatio(0.05)
                .setMemtableWholeKeyFiltering(true)
                .setCompressionType(CompressionType.LZ4_COMPRESSION));
        ColumnFamilyOptions contentOptions = keep(new ColumnFamilyOptions()
                .setTableFormatConfig(table(cache, true))
                .setMemtablePrefixBloomSizeRatio(0.05)
                .setMemtableWholeKeyFiltering(true)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
                .setEnableBlobFiles(true)
                .setMinBlobSize(4096)
                .setBlobFileSize(256L << 20)
                .setEnableBlobGarbageCollection(true));
        ColumnFamilyOptions logOptions = keep(new ColumnFamilyOptions()
                .setTableFormatConfig(table(cache, false))
                .setCompressionType(CompressionType.LZ4_COMPRESSION));
        DBOptions dbOptions = keep(new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setAtomicFlush(true)
                .setParanoidChecks(true)
                .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
                .setMaxBackgroundJobs(2)
                .setKeepLogFileNum(3)
                .setInfoLogLevel(org.rocksdb.InfoLogLevel.WARN_LEVEL));
        List<ColumnFamilyDescriptor> families = List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, indexOptions),
                new ColumnFamilyDescriptor(CONTENT, contentOptions),
                new ColumnFamilyDescriptor(LOG, logOptions));
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            db = RocksDB.open(dbOptions, directory.toString(), families, handles);
        } catch (RocksDBException e) {
            closeResources();
            throw failure("open", e);
        }
        index = handles.get(0);
        content = handles.get(1);
        log = handles.get(2);
        writeOptions = keep(new WriteOptions().setSync(fsync));
    }

    /** Opens (creating if needed) the database in the directory. */
    static StoreDatabase open(Path directory, boolean fsync, long cacheBytes) throws IOException {
        return new StoreDatabase(directory, fsync, cacheBytes);
    }

    private BlockBasedTableConfig table(Cache cache, boolean bloom) {
        // index and filter blocks stay with the open table files, outside the block cache: in it, data
        // blocks evicted them and every read of a store of a million objects read a filter block anew
        // (four fifths of an accessible-closure computation); they take about 1.3 bytes per item
        BlockBasedTableConfig config = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setBlockSize(16 * 1024)
                .setCacheIndexAndFilterBlocks(false);
        if (bloom) {
            config.setFilterPolicy(keep(new BloomFilter(10)));
        }
        return config;
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    ColumnFamilyHandle index() {
        return index;
    }

    ColumnFamilyHandle content() {
        return content;
    }

    ColumnFamilyHandle log() {
        return log;
    }

    boolean fsync() {
        return fsync;
    }

    /** The value under the key, null if there is none. */
    byte[] get(ColumnFamilyHandle family, byte[] key) throws IOException {
        try {
            return db.get(family, key);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    /** Whether the key is present (a bloom filter answers most absent keys without a read). */
    boolean exists(ColumnFamilyHandle family, byte[] key) throws IOException {
        try {
            return db.keyExists(family, key);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof RocksDBException cause) {
                throw failure("read", cause);
            }
            throw e;
        }
    }

    /**
     * Which of the keys are present, in one call into the database (an object with a hundred thousand
     * references, such as a Chum log, is checked in one go rather than key by key).
     */
    boolean[] existAll(ColumnFamilyHandle family, List<byte[]> keys) throws IOException {
        boolean[] present = new boolean[keys.size()];
        try {
            List<byte[]> values = db.multiGetAsList(java.util.Collections.nCopies(keys.size(), family), keys);
            for (int i = 0; i < present.length; i++) {
                present[i] = values.get(i) != null;
            }
            return present;
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    /** Writes the batch atomically (forced to the device first when fsync is on). */
    void write(WriteBatch batch) throws IOException {
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    /** Writes the batch atomically and forces it, whatever the fsync setting (for rare state changes). */
    void writeDurably(WriteBatch batch) throws IOException {
        try (WriteOptions durable = new WriteOptions().setSync(true)) {
            db.write(durable, batch);
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    /** An iterator over a family, positioned by the caller; closed by the caller. */
    RocksIterator iterator(ColumnFamilyHandle family) {
        return db.newIterator(family);
    }

    /** An iterator that sees the state of now, unaffected by later writes; closed by the caller. */
    Snapshot snapshot() {
        return new Snapshot(db);
    }

    /** A consistent view for long reads (a store check). */
    static final class Snapshot implements AutoCloseable {

        private final RocksDB db;
        private final org.rocksdb.Snapshot snapshot;
        private final ReadOptions options;

        private Snapshot(RocksDB db) {
            this.db = db;
            this.snapshot = db.getSnapshot();
            this.options = new ReadOptions().setSnapshot(snapshot).setFillCache(false);
        }

        RocksIterator iterator(ColumnFamilyHandle family) {
            return db.newIterator(family, options);
        }

        @Override
        public void close() {
            options.close();
            db.releaseSnapshot(snapshot);
        }
    }

    /** Moves everything in memory to table files and forces the write-ahead log (clean close, migration). */
    void flush() throws IOException {
        try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
            db.flushWal(true);
            db.flush(options, List.of(index, content, log));
        } catch (RocksDBException e) {
            throw failure("flush", e);
        }
    }

    /** A RocksDB property of a family (sizes, counts), or null. */
    String property(ColumnFamilyHandle family, String name) {
        try {
            return db.getProperty(family, name);
        } catch (RocksDBException e) {
            return null;
        }
    }

    /** Compacts every family completely (used after a migration and by benchmarks measuring disk use). */
    void compact() throws IOException {
        try {
            for (ColumnFamilyHandle family : List.of(index, content, log)) {
                db.compactRange(family);
            }
        } catch (RocksDBException e) {
            throw failure("compact", e);
        }
    }

    static IOException failure(String action, RocksDBException e) {
        Status status = e.getStatus();
        String detail = status == null ? e.getMessage() : status.getCodeString() + ": " + status.getState();
        if (status != null && status.getCode() == Status.Code.IOError
                && String.valueOf(status.getState()).contains("lock")) {
            throw new StoreUnavailableException("OS-LOCKED1", "The object store database is open elsewhere: " + detail);
        }
        return new IOException("RocksDB " + action + " failed: " + detail, e);
    }

    /** Whether a failure is RocksDB reporting damaged data (a checksum mismatch). */
    static boolean isCorruption(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RocksDBException rocks && rocks.getStatus() != null
                    && rocks.getStatus().getCode() == Status.Code.Corruption) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        index.close();
        content.close();
        log.close();
        try {
            db.closeE();
        } catch (RocksDBException e) {
            db.close();
        }
        closeResources();
    }

    private void closeResources() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // native handles: nothing to do if closing one fails
            }
        }
        resources.clear();
    }
}
