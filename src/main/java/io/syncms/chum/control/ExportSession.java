package io.syncms.chum.control;

import io.syncms.platform.entity.TraceParent;

import io.syncms.chum.control.ChangePlanner.ChangeSet;
import io.syncms.chum.entity.ChangeNotice;
import io.syncms.chum.entity.ChangePage;
import io.syncms.chum.entity.ChumAccessDeniedException;
import io.syncms.chum.entity.ChumProtocolException;
import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.FinishReason;
import io.syncms.chum.entity.HandshakeRequest;
import io.syncms.chum.entity.ObjectBody;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.CorruptObjectException;
import io.syncms.store.entity.ObjectNotFoundException;
import io.syncms.store.entity.ReferenceKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The exporter's side of one Chum: serves one remote importer, authenticated as one person, from the
 * local store. Everything it lists or sends is checked against the person's access at the moment it
 * is sent ({@link SessionAccess}); it counts what it sent for the Chum log.
 */
public final class ExportSession {

    /** How an export session ended. */
    public record Ending(FinishReason reason, String message) {
    }

    private record Round(long number, ChangeSet changes) {
    }

    static final int MAX_PAGE = 10_000;
    static final int MAX_BATCH = 10_000;
    private static final Logger LOG = Logger.getLogger(ExportSession.class.getName());

    private final HandshakeRequest request;
    private final ObjectStore store;
    private final SessionAccess access;
    private final ChangePlanner planner;
    private final ChangeSignal signal;
    private final ChumSettings settings;
    private final Clock clock;
    private final TransferTally sent = new TransferTally();
    private final CompletableFuture<Ending> ended = new CompletableFuture<>();
    private volatile Instant lastUsed;
    private volatile long peerSeq = -1;
    private volatile String token;
    private volatile Instant tokenExpiresAt;
    private Round round;
    private final TraceParent trace;
    private long rounds;

    ExportSession(String token, Instant tokenExpiresAt, HandshakeRequest request, TraceParent trace, LocalInstance local,
                  ChangeSignal signal, ChumSettings settings) {
        this.trace = trace;
        this.token = token;
        this.tokenExpiresAt = tokenExpiresAt;
        this.request = request;
        this.store = local.store();
        this.access = new SessionAccess(local.access(), request.importerPerson(), signal::processedSeq);
        this.planner = new ChangePlanner(local.store(), local.access(), access);
        this.signal = signal;
        this.settings = settings;
        this.clock = settings.clock();
        this.lastUsed = clock.instant();
    }

    /** The handshake that opened the session: who is served, and the Chum's id, name and settings. */
    public HandshakeRequest request() {
        return request;
    }

    /** The trace the importer's handshake belongs to, if it said so ({@code traceparent}); null if not. */
    public TraceParent trace() {
        return trace;
    }

    public String chumId() {
        return request.chumId();
    }

    /** Completes when the remote importer finished, or the session was ended here or expired. */
    public CompletionStage<Ending> ended() {
        return ended;
    }

    public boolean isEnded() {
        return ended.isDone();
    }

    /** Ends the session (idempotent: the first ending counts) and wakes its long poll. */
    public void end(FinishReason reason, String message) {
        if (ended.complete(new Ending(reason, message))) {
            signal.wakeAll();
        }
    }

    /** Whether no request used the session for longer than the token idle timeout. */
    public boolean isIdle() {
        return Duration.between(lastUsed, clock.instant()).compareTo(settings.tokenIdleTimeout()) > 0;
    }

    TransferTally sent() {
        return sent;
    }

    /** The session's current token; a renewal replaces it. */
    String token() {
        return token;
    }

    /** Whether the current token has outlived its absolute lifetime (then only a renewal helps). */
    boolean tokenExpired() {
        return !clock.instant().isBefore(tokenExpiresAt);
    }

    /** Replaces the token after a renewal handshake; the session and its state go on. */
    synchronized void renew(String newToken, Instant expiresAt) {
        this.token = newToken;
        this.tokenExpiresAt = expiresAt;
        touch();
    }

    void touch() {
        lastUsed = clock.instant();
    }

    /**
     * The newest position in this store's write log that the remote importer said it has dealt with
     * (the {@code afterSeq} of its listings and long polls); -1 before it asked.
     */
    long peerSeq() {
        return peerSeq;
    }

    // ---------------------------------------------------------------- listing

    synchronized ChangePage changesAfter(long afterSeq, int limit) {
        if (afterSeq < 0) {
            throw new ChumProtocolException("afterSeq must not be negative: " + afterSeq);
        }
        peerSeq = Math.max(peerSeq, afterSeq);
        round = new Round(++rounds, planner.plan(afterSeq, signal.processedSeq()));
        return page(0, limit);
    }

    synchronized ChangePage nextChanges(String cursor, int limit) {
        int offset = offsetOf(cursor);
        return page(offset, limit);
    }

    private ChangePage page(int offset, int limit) {
        List<ClosureEntry> all = round.changes().entries();
        int end = (int) Math.min(all.size(), (long) offset + Math.max(1, Math.min(limit, MAX_PAGE)));
        List<ClosureEntry> entries = new ArrayList<>(end - offset);
        for (ClosureEntry entry : all.subList(offset, end)) {
            // the listing itself reveals hashes: only what is accessible now
            if (access.mayAccess(entry.kind(), entry.hash())) {
                entries.add(entry);
            }
        }
        String next = end < all.size() ? "r" + round.number() + ":" + end : null;
        return new ChangePage(round.changes().upToSeq(), round.changes().checkpointSeq(), all.size(), entries, next);
    }

    private int offsetOf(String cursor) {
        if (round != null && cursor != null && cursor.startsWith("r" + round.number() + ":")) {
            try {
                int offset = Integer.parseInt(cursor.substring(cursor.indexOf(':') + 1));
                if (offset >= 0 && offset < round.changes().entries().size()) {
                    return offset;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new ChumProtocolException("The cursor \"" + cursor + "\" is not one of the current listing round");
    }

    // ---------------------------------------------------------------- content

    List<ObjectBody> fetchObjects(List<ClosureEntry> entries) {
        requireBatch(entries.size());
        for (ClosureEntry entry : entries) {
            if (entry.kind() != ReferenceKind.OBJECT && entry.kind() != ReferenceKind.ID) {
                throw new ChumProtocolException("fetchObjects serves objects and ID objects, not " + entry.kind());
            }
            requireAccess(entry.kind(), entry.hash());
        }
        List<ObjectBody> bodies = new ArrayList<>(entries.size());
        for (ClosureEntry entry : entries) {
            try {
                String microdata = entry.kind() == ReferenceKind.OBJECT
                        ? store.readMicrodata(entry.hash()) : store.readIdMicrodata(entry.hash());
                bodies.add(new ObjectBody(entry.kind(), entry.hash(), microdata));
                sent.add(entry.kind(), entry.hash(), microdata.getBytes(StandardCharsets.UTF_8).length);
            } catch (ObjectNotFoundException | CorruptObjectException e) {
                LOG.log(Level.WARNING, "Not sending " + entry, e);
            }
        }
        return bodies;
    }

    /** Refuses a content request as {@link #fetchContent} would, before anything is sent. */
    void checkContent(ReferenceKind kind, List<String> hashes) {
        if (kind != ReferenceKind.BLOB && kind != ReferenceKind.CLOB) {
            throw new ChumProtocolException("fetchContent streams BLOBs and CLOBs, not " + kind);
        }
        requireBatch(hashes.size());
        hashes.forEach(hash -> requireAccess(kind, hash));
    }

    void fetchContent(ReferenceKind kind, List<String> hashes, ContentSink sink) {
        checkContent(kind, hashes);
        for (String hash : hashes) {
            // checked again right before sending: a grant may have been revoked meanwhile
            if (!access.mayAccess(kind, hash)) {
                continue;
            }
            long size;
            InputStream content;
            try {
                ObjectStore.StoredContent stored = store.openContent(kind, hash);
                size = stored.size();
                content = stored.stream();
            } catch (ObjectNotFoundException | CorruptObjectException e) {
                LOG.log(Level.WARNING, "Not sending " + kind + " " + hash, e);
                continue;
            }
            try (InputStream in = content) {
                sink.accept(hash, size, in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sent.add(kind, hash, size);
            touch();
        }
    }

    private void requireAccess(ReferenceKind kind, String hash) {
        if (hash == null || !access.mayAccess(kind, hash)) {
            throw new ChumAccessDeniedException(kind + " " + hash + " is not accessible to person " + access.person());
        }
    }

    private static void requireBatch(int size) {
        if (size > MAX_BATCH) {
            throw new ChumProtocolException("At most " + MAX_BATCH + " entries per request, not " + size);
        }
    }

    // ---------------------------------------------------------------- notifications

    /**
     * Waits until something accessible was written after {@code afterSeq}, the time is up, or the
     * session ends. After a write it waits half the session's maxNotificationDelay for more writes
     * before it looks, so a burst of writes costs one look and the delay still holds.
     */
    ChangeNotice awaitChanges(long afterSeq, long timeoutMillis) {
        Poll poll = new Poll(afterSeq, timeoutMillis);
        long generation = signal.generation();
        try {
            while (true) {
                ChangeNotice answer = poll.look();
                if (answer != null) {
                    return answer;
                }
                long seen = generation;
                generation = signal.awaitPast(seen, poll.remainingNanos());
                if (generation != seen && poll.coalesceNanos > 0) {
                    generation = pause(generation, Math.min(poll.coalesceNanos, poll.remainingNanos()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ChangeNotice.closed(poll.checked, "interrupted");
        }
    }

    /**
     * {@link #awaitChanges} without a waiting thread: each look runs as a task on the scheduler,
     * after a write (plus the coalescing pause), at the deadline, or when the session ends.
     */
    CompletableFuture<ChangeNotice> awaitChangesAsync(long afterSeq, long timeoutMillis, ScheduledExecutorService scheduler) {
        AsyncPoll poll = new AsyncPoll(new Poll(afterSeq, timeoutMillis), scheduler);
        poll.step();
        return poll.answer;
    }

    /** One long poll: what it has looked at so far, and until when it may wait. */
    private final class Poll {

        final long deadline;
        final long coalesceNanos;
        long checked;
        long checkpointSeq = Long.MAX_VALUE;

        Poll(long afterSeq, long timeoutMillis) {
            peerSeq = Math.max(peerSeq, afterSeq);
            long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, Math.min(timeoutMillis, settings.pollTimeout().toMillis())));
            this.deadline = System.nanoTime() + timeoutNanos;
            this.coalesceNanos = TimeUnit.MILLISECONDS.toNanos(request.maxNotificationDelay() / 2);
            this.checked = afterSeq;
        }

        /** The answer if there is one now, else null (then wait for the signal's next move or the deadline). */
        synchronized ChangeNotice look() {
            touch();
            if (isEnded()) {
                return ChangeNotice.closed(checked, ended.join().message());
            }
            long last = signal.processedSeq();
            if (last != checked) {
                ChangeSet changes = planner.plan(checked, last);
                if (!changes.entries().isEmpty()) {
                    return ChangeNotice.changed(last);
                }
                checkpointSeq = Math.min(checkpointSeq, changes.checkpointSeq());
                checked = last;
            }
            return remainingNanos() <= 0 ? ChangeNotice.unchanged(checked, checkpointSeq) : null;
        }

        long remainingNanos() {
            return deadline - System.nanoTime();
        }
    }

    /** Drives a {@link Poll} with scheduled tasks: a look now, and again when the signal moves or the time is up. */
    private final class AsyncPoll {

        final CompletableFuture<ChangeNotice> answer = new CompletableFuture<>();
        private final Poll poll;
        private final ScheduledExecutorService scheduler;
        private Runnable cancelWakeUp = () -> { };
        private ScheduledFuture<?> timeout;

        AsyncPoll(Poll poll, ScheduledExecutorService scheduler) {
            this.poll = poll;
            this.scheduler = scheduler;
        }

        synchronized void step() {
            if (answer.isDone()) {
                return;
            }
            // read before looking, so a write during the look moves it and wakes this poll
            long seen = signal.generation();
            ChangeNotice notice;
            try {
                notice = poll.look();
            } catch (RuntimeException e) {
                finish(null, e);
                return;
            }
            if (notice != null) {
                finish(notice, null);
                return;
            }
            cancelWakeUp.run();
            // the store's listener thread only schedules; the look runs on the scheduler
            cancelWakeUp = signal.onMove(seen, () -> later(Math.min(poll.coalesceNanos, Math.max(0, poll.remainingNanos()))));
            if (timeout == null || timeout.isDone()) {
                try {
                    timeout = scheduler.schedule(this::step, Math.max(0, poll.remainingNanos()), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    finish(ChangeNotice.closed(poll.checked, "the exporter is shutting down"), null);
                }
            }
        }

        private void later(long nanos) {
            try {
                scheduler.schedule(this::step, nanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                finish(ChangeNotice.closed(poll.checked, "the exporter is shutting down"), null);
            }
        }

        private synchronized void finish(ChangeNotice notice, RuntimeException failure) {
            cancelWakeUp.run();
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(notice);
            }
        }
    }

    /** Lets more writes arrive for a while; returns early only when the session ends. */
    private long pause(long generation, long nanos) throws InterruptedException {
        long until = System.nanoTime() + nanos;
        long current = generation;
        long remaining;
        while (!isEnded() && (remaining = until - System.nanoTime()) > 0) {
            current = signal.awaitPast(current, remaining);
        }
        return current;
    }
}
