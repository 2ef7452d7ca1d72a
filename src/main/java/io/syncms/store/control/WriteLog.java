package io.syncms.store.control;

import io.syncms.store.control.JournalRecord.Batch;
import io.syncms.store.control.JournalRecord.FileEntry;
import io.syncms.store.entity.LogEntry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * The write log: sequence numbers for created files, backed by the {@link Journal}. In memory it
 * keeps only the journal offset of each batch record (16 bytes a batch) to find the records after a
 * sequence number; the entries themselves are read back from the journal.
 *
 * <p>An entry becomes visible (to {@link #writtenAfter} and {@link #lastSeq}) once its files are in
 * place, and only after every entry with a smaller sequence number is visible, so a reader that
 * remembers the last sequence number it saw never misses an entry that completes late.
 */
final class WriteLog {

    private final Journal journal;
    private final Object appendLock = new Object();
    private final Set<Long> voided = ConcurrentHashMap.newKeySet();
    /** Appended entries that are not visible yet, and whether each is complete. */
    private final TreeMap<Long, LogEntry> waiting = new TreeMap<>();
    private final Set<Long> completed = new HashSet<>();
    private long[] firstSeqs = new long[1024];
    private long[] offsets = new long[1024];
    private int records;
    private long nextSeq = 1;
    private long visibleSeq;

    WriteLog(Journal journal) {
        this.journal = journal;
    }

    /** Indexes a batch found by replay (before the log is in use). */
    synchronized void replayed(Batch batch, long offset) {
        index(batch.firstSeq(), offset);
        nextSeq = Math.max(nextSeq, batch.lastSeq() + 1);
    }

    /** Ends replay: everything replayed is complete and visible. */
    synchronized void replayDone() {
        visibleSeq = nextSeq - 1;
    }

    void markVoided(Batch batch) {
        batch.files().forEach(file -> voided.add(file.seq()));
    }

    boolean isVoided(long seq) {
        return voided.contains(seq);
    }

    /**
     * Appends a batch whose sequence numbers start at the number given to {@code batchAt}; entries
     * wait for {@link #complete} to become visible.
     *
     * @return the batch and the journal offset after it (for {@link #sync})
     */
    Appended append(LongFunction<Batch> batchAt) throws IOException {
        synchronized (appendLock) {
            long first;
            synchronized (this) {
                first = nextSeq;
            }
            Batch batch = batchAt.apply(first);
            if (batch.firstSeq() != first || batch.lastSeq() != first + batch.files().size() - 1) {
                throw new IllegalArgumentException("Batch sequence numbers must run from " + first);
            }
            long[] span = journal.append(batch);
            synchronized (this) {
                nextSeq = batch.lastSeq() + 1;
                index(first, span[0]);
                batch.files().forEach(file -> waiting.put(file.seq(), file.toLogEntry(batch.timestamp())));
            }
            return new Appended(batch, span[1]);
        }
    }

    /** A batch in the journal, and the journal offset after it. */
    record Appended(Batch batch, long end) {
    }

    void sync(Appended appended) throws IOException {
        journal.sync(appended.end());
    }

    /** Marks a batch complete; returns the entries that became visible through it, in order. */
    synchronized List<LogEntry> complete(Batch batch) {
        batch.files().forEach(file -> completed.add(file.seq()));
        List<LogEntry> visible = new ArrayList<>();
        while (!waiting.isEmpty() && completed.remove(waiting.firstKey())) {
            LogEntry entry = waiting.pollFirstEntry().getValue();
            visibleSeq = entry.seq();
            visible.add(entry);
        }
        return visible;
    }

    /** The sequence number of the newest visible entry, 0 if there is none. */
    synchronized long lastSeq() {
        return visibleSeq;
    }

    /** Visible entries with a sequence number above {@code seq}, oldest first, at most {@code limit}. */
    List<LogEntry> writtenAfter(long seq, int limit) throws IOException {
        if (limit <= 0) {
            return List.of();
        }
        long visible;
        long offset;
        synchronized (this) {
            visible = visibleSeq;
            if (seq >= visible || records == 0) {
                return List.of();
            }
            offset = offsets[recordWith(seq + 1)];
        }
        List<LogEntry> entries = new ArrayList<>(Math.min(limit, 1024));
        Journal.Positioned next;
        while (entries.size() < limit && (next = journal.read(offset)) != null) {
            offset = next.next();
            if (next.record() instanceof Batch batch) {
                if (batch.firstSeq() > visible) {
                    break;
                }
                for (FileEntry file : batch.files()) {
                    if (file.seq() > seq && file.seq() <= visible && !voided.contains(file.seq()) && entries.size() < limit) {
                        entries.add(file.toLogEntry(batch.timestamp()));
                    }
                }
            }
        }
        return entries;
    }

    /** Index of the last batch record whose first sequence number is at most {@code seq} (0 if none). */
    private int recordWith(long seq) {
        int found = Arrays.binarySearch(firstSeqs, 0, records, seq);
        return found >= 0 ? found : Math.max(0, -found - 2);
    }

    private void index(long firstSeq, long offset) {
        if (records == firstSeqs.length) {
            firstSeqs = Arrays.copyOf(firstSeqs, records * 2);
            offsets = Arrays.copyOf(offsets, records * 2);
        }
        firstSeqs[records] = firstSeq;
        offsets[records] = offset;
        records++;
    }
}
