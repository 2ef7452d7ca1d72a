package io.syncms.store.control;

import io.syncms.store.entity.LogEntry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Condition;

/**
 * The writes of one store call, committed atomically with those of the calls queued beside it
 * ({@link GroupCommitter}). After the commit, {@link #created(int)} tells for each operation the
 * log entry it created, or null when what it asked for was already stored.
 */
final class CommitRequest {

    private final List<WriteOp> ops;
    private final long bytes;
    private final LogEntry[] created;
    private final List<LogEntry> entries = new ArrayList<>();
    // guarded by the committer's lock
    Condition turn;
    boolean done;
    Throwable failure;

    CommitRequest(List<WriteOp> ops) {
        this.ops = List.copyOf(ops);
        this.created = new LogEntry[ops.size()];
        long total = 0;
        for (WriteOp op : ops) {
            total += op instanceof WriteOp.PutContent put ? put.bytes() : 256;
        }
        this.bytes = total;
    }

    List<WriteOp> ops() {
        return ops;
    }

    long bytes() {
        return bytes;
    }

    /** The entry the operation created: the content's, or for a version, the version node's. */
    LogEntry created(int op) {
        return created[op];
    }

    /** Every entry this request created, in sequence order (including version nodes). */
    List<LogEntry> entries() {
        return entries;
    }

    void record(int op, LogEntry entry) {
        created[op] = entry;
        entries.add(entry);
    }

    /** Forgets what a group write recorded before it failed. */
    void clear() {
        Arrays.fill(created, null);
        entries.clear();
    }
}
