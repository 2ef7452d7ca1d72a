package io.syncms.chum.control;

import io.syncms.platform.entity.TraceParent;

import io.syncms.chum.entity.ChumJobStatus;
import io.syncms.chum.entity.ChumOptions;
import io.syncms.chum.entity.ChumRun;
import io.syncms.chum.entity.ChumStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * keepRunning Chums, and one-shot Chums repeated at an interval, as replication jobs, as CouchDB users know them: a job is kept in the store
 * directory ({@code chum/jobs.json}) until it is stopped here, so it starts again after a restart of this
 * instance; a run that ends (the other instance restarted, the network broke, the peer failed) is
 * followed by another after an exponential backoff, which falls back to its initial delay after a run
 * that achieved full synchronization. Every run has the job's id, and resumes from the checkpoints.
 *
 * <p>One-shot Chums without an interval are not jobs: {@link #start} hands them to the {@link ChumService} as they are.
 */
public final class ChumJobs implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChumJobs.class.getName());

    /**
     * The wait before a job's next run: {@code initial × 2^failures}, at most {@code max}, less up to
     * a fifth at random so that jobs that failed together do not retry together.
     */
    public record Backoff(Duration initial, Duration max) {

        public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

        public Backoff {
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("A backoff needs 0 < initial <= max, not " + initial + " and " + max);
            }
        }

        Duration after(int failures) {
            long millis = initial.toMillis();
            for (int i = 0; i < failures && millis < max.toMillis(); i++) {
                millis *= 2;
            }
            millis = Math.min(millis, max.toMillis());
            return Duration.ofMillis(millis - ThreadLocalRandom.current().nextLong(millis / 5 + 1));
        }
    }

    /** The shortest and longest interval of a repeated one-shot Chum. */
    public static final Duration MIN_EVERY = Duration.ofSeconds(1);
    public static final Duration MAX_EVERY = Duration.ofDays(7);

    private final ChumService service;
    private final ChumJobFile file;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Backoff backoff;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ChumJobs(ChumService service, java.nio.file.Path storeDirectory, ScheduledExecutorService scheduler, Clock clock,
                    Backoff backoff) {
        this.service = service;
        this.file = ChumJobFile.inStoreDirectory(storeDirectory);
        this.scheduler = scheduler;
        this.clock = clock;
        this.backoff = backoff;
        for (ChumJobFile.Entry entry : file.load()) {
            jobs.put(entry.id(), new Job(entry.id(), entry.options(), entry.createdAt(), entry.every(), entry.history()));
        }
    }

    /** Starts every kept job (once, when the instance starts). */
    public void resume() {
        jobs.values().forEach(job -> {
            LOG.info(() -> "Chum job " + job.id + " with " + job.options.remoteInstanceName() + " resumes");
            run(job);
        });
    }

    /**
     * Starts a Chum: a keepRunning one becomes a job, kept before its first run starts; a one-shot
     * one runs once. Returns the first run.
     *
     * @throws IllegalArgumentException as {@link ChumService#start} (then no job is kept)
     */
    public ChumSession start(ChumOptions options) {
        return start(options, TraceParent.newTrace());
    }

    /** As {@link #start(ChumOptions)}; the first run belongs to {@code trace} (a job's later runs start traces of their own). */
    public ChumSession start(ChumOptions options, TraceParent trace) {
        return start(options, trace, null);
    }

    /**
     * As {@link #start(ChumOptions, TraceParent)}; with {@code every}, a one-shot Chum becomes a job too: it
     * runs again {@code every} after each run that achieved full synchronization (after a failed one, with
     * the backoff, at most {@code every}), until it is stopped.
     *
     * @throws IllegalArgumentException for a keepRunning Chum with an interval, or an interval out of
     *         {@link #MIN_EVERY} to {@link #MAX_EVERY}
     */
    public ChumSession start(ChumOptions options, TraceParent trace, Duration every) {
        if (every != null && (options.keepRunning() || every.compareTo(MIN_EVERY) < 0 || every.compareTo(MAX_EVERY) > 0)) {
            throw new IllegalArgumentException(options.keepRunning() ? "a keepRunning Chum runs all the time: it takes no repeat interval"
                    : "a Chum repeats every " + MIN_EVERY.toSeconds() + " s to " + MAX_EVERY.toDays() + " days, not " + every);
        }
        if (!options.keepRunning() && every == null) {
            return service.start(options, UUID.randomUUID().toString(), trace);
        }
        // a job dials the URL of the pairing at each run, so that a pairing replaced later is followed
        Job job = new Job(UUID.randomUUID().toString(), options.withRemoteUrl(null), clock.instant(), every, List.of());
        jobs.put(job.id, job);
        try {
            save();
        } catch (RuntimeException e) {
            jobs.remove(job.id);
            throw e;
        }
        ChumSession first;
        try {
            first = service.start(options, job.id, trace);
        } catch (RuntimeException e) {
            jobs.remove(job.id);
            save();
            throw e;
        }
        boolean stoppedMeanwhile;
        synchronized (job) {
            stoppedMeanwhile = job.stopped;
            job.started(first);
        }
        if (stoppedMeanwhile) {
            first.stop();
        }
        first.ended().thenAccept(status -> ended(job, status));
        return first;
    }

    public Optional<ChumJobStatus> find(String id) {
        return Optional.ofNullable(jobs.get(id)).map(Job::status);
    }

    /** Every job, oldest first. */
    public List<ChumJobStatus> list() {
        return jobs.values().stream().map(Job::status)
                .sorted(Comparator.comparing(ChumJobStatus::createdAt).thenComparing(ChumJobStatus::id)).toList();
    }

    /**
     * Ends a job: it is no longer kept, a waiting run never starts, a running one stops on both sides.
     * Completes with the last run's final status (null if none ran).
     */
    public Optional<CompletionStage<ChumStatus>> stop(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            return Optional.empty();
        }
        ChumSession current;
        synchronized (job) {
            // first, so that nothing runs again whatever happens to the file
            job.stopped = true;
            if (job.pending != null) {
                job.pending.cancel(false);
            }
            current = job.current;
        }
        jobs.remove(id, job);
        try {
            save();
        } finally {
            // outside the job's monitor: telling the other side may wait for the network
            if (current != null) {
                current.stop();
            }
        }
        return Optional.of(current == null ? CompletableFuture.completedFuture(null) : current.ended());
    }

    /** Cancels waiting runs; running ones end with the {@link ChumService} (close this first). Jobs stay kept. */
    @Override
    public void close() {
        closed = true;
        jobs.values().forEach(job -> {
            synchronized (job) {
                if (job.pending != null) {
                    job.pending.cancel(false);
                }
            }
        });
    }

    private void run(Job job) {
        ChumSession session;
        synchronized (job) {
            if (closed || job.stopped) {
                return;
            }
            job.pending = null;
            job.nextRunAt = null;
            try {
                session = service.start(job.options, job.id);
            } catch (RuntimeException e) {
                // not paired (any more), at capacity, the previous run not ended yet: try again later
                job.lastError = e.getMessage();
                job.failures++;
                scheduleNext(job);
                return;
            }
            job.started(session);
        }
        // outside the job's monitor: a run that has ended already calls ended() (and save()) right here
        session.ended().thenAccept(status -> ended(job, status));
    }

    private void ended(Job job, ChumStatus status) {
        synchronized (job) {
            String error = status.errors().isEmpty() ? null : status.errors().get(0).message();
            job.record(new ChumRun(status.state(), status.fullSyncAchieved(), error, status.startedAt(),
                    status.endedAt() == null ? clock.instant() : status.endedAt()));
            job.current = null;
            if (error != null) {
                job.lastError = error;
            }
            job.failures = status.fullSyncAchieved() ? 0 : job.failures + 1;
            if (!closed && !job.stopped) {
                scheduleNext(job);
            }
        }
        if (!job.stopped) {
            // the run's end is kept even when the instance stops: it is the job's history
            save();
        }
    }

    private void scheduleNext(Job job) {
        Duration delay = backoff.after(job.failures);
        if (job.every != null) {
            // a repeated Chum: its interval after a full synchronization; a failed run is retried sooner, never later
            delay = job.failures == 0 ? job.every : (delay.compareTo(job.every) < 0 ? delay : job.every);
        }
        job.nextRunAt = clock.instant().plus(delay);
        try {
            job.pending = scheduler.schedule(() -> run(job), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "Chum job " + job.id + " cannot be scheduled again; it runs when the instance starts", e);
        }
    }

    private synchronized void save() {
        List<ChumJobFile.Entry> entries = new ArrayList<>();
        for (Job job : jobs.values()) {
            synchronized (job) {
                entries.add(new ChumJobFile.Entry(job.id, job.createdAt, job.options, job.every, List.copyOf(job.history)));
            }
        }
        entries.sort(Comparator.comparing(ChumJobFile.Entry::createdAt).thenComparing(ChumJobFile.Entry::id));
        file.save(entries);
    }

    /** A job's state; guarded by its own monitor. */
    private static final class Job {
        final String id;
        final ChumOptions options;
        final Instant createdAt;
        final Duration every;
        final Deque<ChumRun> history;
        ChumSession current;
        ScheduledFuture<?> pending;
        Instant nextRunAt;
        String lastError;
        long runs;
        int failures;
        boolean stopped;

        Job(String id, ChumOptions options, Instant createdAt, Duration every, List<ChumRun> history) {
            this.id = id;
            this.options = options;
            this.createdAt = createdAt;
            this.every = every;
            this.history = new ArrayDeque<>(history);
        }

        void started(ChumSession session) {
            current = session;
            runs++;
        }

        void record(ChumRun run) {
            history.addLast(run);
            while (history.size() > ChumJobStatus.HISTORY) {
                history.removeFirst();
            }
        }

        synchronized ChumJobStatus status() {
            return new ChumJobStatus(id, options, createdAt, current != null, runs, failures, nextRunAt,
                    current == null ? -1 : current.peerLag(), lastError, List.copyOf(history), every);
        }
    }
}
