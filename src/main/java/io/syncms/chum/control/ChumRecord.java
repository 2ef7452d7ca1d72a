package io.syncms.chum.control;

import io.syncms.chum.entity.ChumError;
import io.syncms.chum.entity.ChumProgress;
import io.syncms.store.entity.ReferenceKind;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * What one side's importer did in a Chum: what it received and stored, what it already had, its
 * progress, the errors, how far into the remote write log it got. Thread-safe (the status is read
 * while the importer writes).
 */
final class ChumRecord {

    /** More errors than this are counted, not kept: a hostile peer must not fill the memory or the log object. */
    static final int MAX_ERRORS = 1000;
    private static final Logger LOG = Logger.getLogger(ChumRecord.class.getName());

    private final TransferTally received = new TransferTally();
    private final AtomicLong exists = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong rounds = new AtomicLong();
    private final List<ChumError> errors = new ArrayList<>();
    private long errorsOmitted;
    private volatile long highestRemoteSeq;

    TransferTally received() {
        return received;
    }

    void received(ReferenceKind kind, String hash, long size) {
        received.add(kind, hash, size);
        done.incrementAndGet();
    }

    void existed() {
        exists.incrementAndGet();
        done.incrementAndGet();
    }

    void rejected(ReferenceKind kind, String hash, String code, String message) {
        add(new ChumError(code, message, kind, hash));
        done.incrementAndGet();
    }

    void error(String code, String message) {
        add(ChumError.ofSession(code, message));
    }

    /** A listing round announced this many entries. */
    void listed(long entries) {
        rounds.incrementAndGet();
        total.addAndGet(entries);
    }

    /** Entries of a round the exporter left out (no longer accessible) count as done. */
    void skipped(long entries) {
        done.addAndGet(entries);
    }

    void reachedRemoteSeq(long seq) {
        highestRemoteSeq = Math.max(highestRemoteSeq, seq);
    }

    long exists() {
        return exists.get();
    }

    long rounds() {
        return rounds.get();
    }

    long highestRemoteSeq() {
        return highestRemoteSeq;
    }

    ChumProgress progress() {
        return new ChumProgress(done.get(), total.get());
    }

    synchronized List<ChumError> errors() {
        return List.copyOf(errors);
    }

    synchronized long errorsOmitted() {
        return errorsOmitted;
    }

    private synchronized void add(ChumError error) {
        LOG.warning(() -> "Chum: " + error.message() + (error.hash() == null ? "" : " (" + error.kind() + " " + error.hash() + ")"));
        if (errors.size() < MAX_ERRORS) {
            errors.add(error);
        } else {
            errorsOmitted++;
        }
    }
}
