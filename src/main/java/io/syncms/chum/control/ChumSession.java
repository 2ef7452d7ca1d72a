package io.syncms.chum.control;

import io.syncms.platform.entity.TraceParent;

import io.syncms.chum.control.ChumImporter.RoundResult;
import io.syncms.chum.control.ExportSession.Ending;
import io.syncms.chum.entity.ChangeNotice;
import io.syncms.chum.entity.CheckpointKey;
import io.syncms.chum.entity.ChumCheckpoint;
import io.syncms.chum.entity.ChumException;
import io.syncms.chum.entity.ChumLog;
import io.syncms.chum.entity.ChumOptions;
import io.syncms.chum.entity.ChumProtocolException;
import io.syncms.chum.entity.ChumRole;
import io.syncms.chum.entity.ChumSessionClosedException;
import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.ChumState;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.chum.entity.FinishReason;
import io.syncms.chum.entity.FullSync;
import io.syncms.chum.entity.TransferCounts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One side of one Chum, and the handle to it: the local importer pulling from the remote exporter,
 * and the local export session serving the remote importer (attached when the remote's handshake
 * arrives). {@link #run()} handshakes, imports until full synchronization (and, with keepRunning,
 * follows change notifications until stopped), tells the remote exporter it is done, waits for the
 * remote importer to be done with this side, and writes this side's Chum log.
 *
 * <h2>Checkpoints</h2>
 * After a listing round in which every entry was stored (or already there), the checkpoint of
 * (local instance, remote instance, local person, remote person) moves to the round's remote
 * sequence number, crash-safely. A round with a rejected entry, or one that was stopped or failed,
 * moves nothing, and from then on this session moves it no more, so the next Chum asks again from
 * before the gap. A crash at any point leaves the last checkpoint and whole objects only.
 *
 * <h2>End states</h2>
 * FAILED if either side's importer failed or the handshake was refused; else STOPPED if either side
 * was stopped; else DONE. The full-sync stage completes when the first round (everything accessible
 * at the start) is complete, and fails if the Chum ends without that.
 */
public final class ChumSession {

    private static final Logger LOG = Logger.getLogger(ChumSession.class.getName());
    private static final long WAIT_SLICE_MILLIS = 100;

    private final String id;
    private final ChumRole role;
    private final ChumOptions options;
    private final LocalInstance local;
    private final ChumConnector connector;
    private final TrustedPeers trustedPeers;
    private final Checkpoints checkpoints;
    private final ChumSettings settings;
    private final Executor executor;
    private final CheckpointKey checkpointKey;
    private final ChumRecord record = new ChumRecord();
    private final CompletableFuture<ExportSession> exportHalf = new CompletableFuture<>();
    private final CompletableFuture<ChumLog> log = new CompletableFuture<>();
    private final CompletableFuture<FullSync> fullSync = new CompletableFuture<>();
    private final CompletableFuture<ChumStatus> ended = new CompletableFuture<>();
    private final Instant startedAt;
    private volatile ChumState state = ChumState.RUNNING;
    private volatile Instant endedAt;
    private volatile String logHash;
    private volatile boolean stopRequested;
    private volatile String stopReason;
    private volatile String abortReason;
    private volatile RemoteExporter remote;
    private volatile long startSeq;
    private volatile long checkpointSeq;
    private long roundQuarantined;
    private volatile ImportTimings importTimings;
    private volatile String storeEpoch;
    private volatile Runnable beforeEnded = () -> { };
    private final TraceParent trace;

    ChumSession(String id, ChumRole role, ChumOptions options, TraceParent trace, LocalInstance local, ChumConnector connector,
                TrustedPeers trustedPeers, Checkpoints checkpoints, ChumSettings settings, Executor executor) {
        this.trace = trace;
        this.executor = executor;
        this.trustedPeers = trustedPeers;
        this.id = id;
        this.role = role;
        this.options = options;
        this.local = local;
        this.connector = connector;
        this.checkpoints = checkpoints;
        this.settings = settings;
        this.checkpointKey = new CheckpointKey(options.localInstanceName(), options.remoteInstanceName(),
                options.localPersonId(), options.remotePersonId());
        this.startedAt = settings.clock().instant();
    }

    public String id() {
        return id;
    }

    /** The trace this Chum belongs to on both instances. */
    public TraceParent trace() {
        return trace;
    }

    public ChumRole role() {
        return role;
    }

    public ChumOptions options() {
        return options;
    }

    /** The stored Chum log object; fails if the Chum ended before any exchange (refused handshake). */
    public CompletionStage<ChumLog> log() {
        return log;
    }

    /** Completes when full synchronization is achieved; fails if the Chum ends without it. */
    public CompletionStage<FullSync> fullSync() {
        return fullSync;
    }

    /** Completes with the final status once both sides are done and this side's log is stored. */
    public CompletionStage<ChumStatus> ended() {
        return ended;
    }

    /**
     * Runs {@code hook} when this Chum has ended, before {@link #ended()} completes: whoever waits
     * for the end then sees what the hook did (the service forgets old Chums in it).
     */
    void beforeEnded(Runnable hook) {
        beforeEnded = hook;
    }

    /**
     * How far the other side's importer is behind this store's write log, in write-log positions
     * (every write counts, also those it may not see); -1 before it first asked and once the Chum ended.
     */
    public long peerLag() {
        ExportSession half = exportHalf.getNow(null);
        if (half == null || half.peerSeq() < 0 || state.ended()) {
            return -1;
        }
        return Math.max(0, local.store().lastSeq() - half.peerSeq());
    }

    /** Stops the Chum on both sides; the stage completes with the final status. */
    public CompletionStage<ChumStatus> stop() {
        requestStop("stopped at instance " + local.name());
        return ended;
    }

    /**
     * Ends the Chum as FAILED with the reason (recorded as an error with the code), e.g. because the
     * remote person was unpaired; the remote side is told, and this side stops serving it.
     */
    CompletionStage<ChumStatus> abort(String code, String reason) {
        if (!state.ended() && abortReason == null) {
            abortReason = reason;
            record.error(code, code + ": " + reason);
            requestStop(reason);
        }
        return ended;
    }

    public ChumStatus status() {
        ExportSession half = exportHalf.getNow(null);
        TransferCounts sent = half == null ? TransferCounts.NONE : half.sent().counts();
        return new ChumStatus(id, role, options, state, fullSync.isDone() && !fullSync.isCompletedExceptionally()
                ? fullSync.join() : null, sent, record.received().counts(), record.exists(), record.progress(),
                record.errors(), logHash, startedAt, endedAt, trace.traceId());
    }

    // ---------------------------------------------------------------- wiring

    /** Connects the export session that serves the remote importer of this Chum. */
    void attach(ExportSession session) {
        if (state.ended() || !exportHalf.complete(session)) {
            throw new ChumProtocolException("Chum " + id + " is not waiting for a remote importer");
        }
        session.ended().thenAccept(this::remoteImporterEnded);
    }

    /** The Chum never started: this side refused the remote's handshake (or could not run it). */
    void refuse(ChumException failure) {
        record.error(failure.code(), failure.getMessage());
        ExportSession half = exportHalf.getNow(null);
        if (half != null) {
            half.end(FinishReason.FAILED, failure.getMessage());
        }
        state = ChumState.FAILED;
        endedAt = settings.clock().instant();
        log.completeExceptionally(failure);
        fullSync.completeExceptionally(failure);
        completeEnded();
    }

    private void remoteImporterEnded(Ending ending) {
        if (ending.reason() != FinishReason.COMPLETE) {
            requestStop("the remote side ended: " + ending.message());
        }
    }

    private void requestStop(String reason) {
        if (state.ended() || stopRequested) {
            return;
        }
        stopReason = reason;
        stopRequested = true;
        ExportSession half = exportHalf.getNow(null);
        if (half != null) {
            half.end(FinishReason.STOPPED, reason);
        }
        // ends the remote session this side pulls from, which also wakes a long poll waiting there
        tellRemote(FinishReason.STOPPED, reason);
    }

    // ---------------------------------------------------------------- the run

    /** Runs this side of the Chum to its end (on an executor thread). */
    void run() {
        FinishReason outcome;
        String message;
        boolean endedByRemote = false;
        long started = System.nanoTime();
        long handshaken = started;
        LOG.info(() -> String.format("Chum %s (trace %s) started at instance %s (%s) with %s (%s)", id, trace.traceId(), local.name(), role,
                options.remoteInstanceName(), options.chumName()));
        try {
            handshake();
            handshaken = System.nanoTime();
            importAll();
            outcome = stopRequested ? FinishReason.STOPPED : FinishReason.COMPLETE;
            message = stopRequested ? stopReason : "import complete at instance " + local.name();
        } catch (ChumSessionClosedException e) {
            // the remote ended the session this side pulls from: it stopped or failed
            outcome = FinishReason.STOPPED;
            message = stopRequested ? stopReason : e.getMessage();
            endedByRemote = !stopRequested;
        } catch (RuntimeException e) {
            if (stopRequested) {
                // a consequence of the stop, e.g. the remote refused a reverse handshake that came too late
                LOG.log(Level.FINE, "Chum " + id + " was stopping at instance " + local.name(), e);
                outcome = FinishReason.STOPPED;
                message = stopReason;
            } else {
                LOG.log(Level.WARNING, "Chum " + id + " failed at instance " + local.name(), e);
                outcome = FinishReason.FAILED;
                message = "instance " + local.name() + " failed: " + e.getMessage();
                record.error(e instanceof ChumException chum ? chum.code() : "CHUM-FAILED1", message);
            }
        }
        if (abortReason != null) {
            outcome = FinishReason.FAILED;
            message = abortReason;
        }
        long imported = System.nanoTime();
        tellRemote(outcome, message);
        Ending remote = awaitRemoteImporter(outcome, message);
        long awaited = System.nanoTime();
        end(finalState(outcome, remote, endedByRemote));
        long ended = System.nanoTime();
        long handshakeEnd = handshaken;
        LOG.info(() -> String.format("Chum %s (trace %s) ended %s at instance %s (%s) after %d ms: handshake %d ms, import %d ms, "
                + "waiting for the other side %d ms, log %d ms; received %s; import phases: %s", id, trace.traceId(), state, local.name(), role,
                millis(started, ended), millis(started, handshakeEnd), millis(handshakeEnd, imported),
                millis(imported, awaited), millis(awaited, ended), record.received().counts(), importTimings));
    }

    private static long millis(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(Math.max(0, toNanos - fromNanos));
    }

    private void handshake() {
        ChumPeer peer = connector.connect(options.remoteUrl(), trace);
        RemoteExporter opened = RemoteExporter.open(peer, new HandshakeClient(peer, local, trustedPeers, options, id,
                role == ChumRole.INITIATOR, settings));
        remote = opened;
        String epoch = opened.grant().storeEpoch();
        long quarantined = local.store().quarantinedCount();
        // an item quarantined here since the checkpoint is missing again: list everything so it arrives anew
        startSeq = checkpoints.read(checkpointKey)
                .filter(checkpoint -> checkpoint.remoteStoreEpoch().equals(epoch))
                .filter(checkpoint -> checkpoint.localQuarantined() >= quarantined)
                .map(ChumCheckpoint::remoteSeq).orElse(0L);
        checkpointSeq = startSeq;
        storeEpoch = epoch;
        if (stopRequested) {
            // stop() came while the handshake ran and could not reach the remote yet
            tellRemote(FinishReason.STOPPED, stopReason);
        }
    }

    private void importAll() {
        ChumImporter importer = new ChumImporter(local.store(), remote, settings, record, () -> stopRequested, executor);
        importTimings = importer.timings();
        if (stopRequested) {
            return;
        }
        roundQuarantined = local.store().quarantinedCount();
        RoundResult first = importer.importChanges(startSeq);
        boolean movable = afterRound(first, true);
        if (first.complete()) {
            fullSync.complete(new FullSync(first.upToSeq(), settings.clock().instant()));
        }
        long seq = first.upToSeq();
        while (options.keepRunning() && !stopRequested) {
            ChangeNotice notice = remote.waitForChanges(seq, settings.pollTimeout().toMillis());
            if (notice.closed()) {
                throw new ChumSessionClosedException(notice.closeReason());
            }
            roundQuarantined = local.store().quarantinedCount();
            RoundResult result = notice.changed() ? importer.importChanges(seq)
                    : new RoundResult(notice.upToSeq(), notice.checkpointSeq(), true);
            movable = afterRound(result, movable);
            seq = result.upToSeq();
        }
    }

    /**
     * Moves the checkpoint after a complete round while the session may still move it; returns
     * whether it still may (not after an incomplete round or a capped checkpoint).
     */
    private boolean afterRound(RoundResult round, boolean movable) {
        if (!round.complete()) {
            return false;
        }
        record.reachedRemoteSeq(round.upToSeq());
        if (!movable) {
            return false;
        }
        if (round.checkpointSeq() > checkpointSeq) {
            checkpoints.save(checkpointKey, new ChumCheckpoint(round.checkpointSeq(), storeEpoch, settings.clock().instant(),
                    roundQuarantined));
            checkpointSeq = round.checkpointSeq();
        }
        return round.checkpointSeq() == round.upToSeq();
    }

    /** Tells the remote exporter this side's importer is done; never throws. */
    private void tellRemote(FinishReason reason, String message) {
        RemoteExporter exporter = remote;
        if (exporter == null) {
            return;
        }
        try {
            exporter.finish(reason, message);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not tell the remote exporter that Chum " + id + " is done here", e);
        }
    }

    /**
     * Waits until the remote importer is done with this side: it finished, went silent past the token
     * idle timeout, or never connected within the finish timeout. When this side did not complete,
     * its export session is ended right away (after a moment for the remote to say why it ended).
     */
    private Ending awaitRemoteImporter(FinishReason outcome, String message) {
        if (outcome != FinishReason.COMPLETE) {
            ExportSession half = exportHalf.getNow(null);
            if (half == null) {
                return null;
            }
            Ending ending = awaitEnding(half, outcome == FinishReason.FAILED ? 0 : WAIT_SLICE_MILLIS * 10);
            if (ending != null) {
                return ending;
            }
            half.end(outcome, message);
            return half.ended().toCompletableFuture().join();
        }
        ExportSession half = awaitAttached();
        if (half == null) {
            record.error("CHUM-NOPEER1", "CHUM-NOPEER1: the remote importer never connected to instance " + local.name());
            return null;
        }
        while (true) {
            Ending ending = awaitEnding(half, WAIT_SLICE_MILLIS * 10);
            if (ending != null) {
                return ending;
            }
            if (half.isIdle()) {
                half.end(FinishReason.FAILED, "the remote importer went silent");
                record.error("CHUM-SILENT1", "CHUM-SILENT1: the remote importer went silent");
            }
        }
    }

    private ExportSession awaitAttached() {
        long deadline = System.nanoTime() + settings.finishTimeout().toNanos();
        while (!stopRequested && !peerRefusedToConnect() && System.nanoTime() < deadline) {
            try {
                return exportHalf.get(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // look again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException e) {
                return null;
            }
        }
        return exportHalf.getNow(null);
    }

    /** A handshake that did not succeed leaves no remote importer to wait for. */
    private boolean peerRefusedToConnect() {
        return remote == null;
    }

    private static Ending awaitEnding(ExportSession half, long millis) {
        try {
            return half.ended().toCompletableFuture().get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return half.ended().toCompletableFuture().getNow(null);
        } catch (ExecutionException e) {
            throw new IllegalStateException("An export session's ending does not fail", e);
        }
    }

    private void end(ChumState finalState) {
        ExportSession half = exportHalf.getNow(null);
        if (remote != null || half != null) {
            try {
                ChumLog written = ChumLogWriter.write(local.store(), options,
                        half == null ? new TransferTally() : half.sent(), record, statistics(finalState));
                logHash = written.hash();
                log.complete(written);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Chum " + id + ": the log could not be stored", e);
                record.error("CHUM-LOG1", "CHUM-LOG1: the Chum log could not be stored: " + e.getMessage());
                log.completeExceptionally(e);
            }
        } else {
            log.completeExceptionally(new IllegalStateException("Chum " + id + " ended before any exchange: "
                    + record.errors()));
        }
        endedAt = settings.clock().instant();
        state = finalState;
        fullSync.completeExceptionally(new IllegalStateException("Chum " + id + " ended (" + finalState
                + ") without full synchronization"));
        completeEnded();
    }

    private void completeEnded() {
        try {
            beforeEnded.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Chum " + id + ": an end hook failed", e);
        }
        ended.complete(status());
    }

    /**
     * FAILED if either importer failed, or the other direction never ran (this side completed, or the
     * remote ended it, without a remote importer); else STOPPED if either side stopped; else DONE.
     */
    private static ChumState finalState(FinishReason outcome, Ending remote, boolean endedByRemote) {
        if (outcome == FinishReason.FAILED || remote != null && remote.reason() == FinishReason.FAILED) {
            return ChumState.FAILED;
        }
        if (remote == null && (outcome == FinishReason.COMPLETE || endedByRemote)) {
            return ChumState.FAILED;
        }
        if (outcome == FinishReason.STOPPED || remote.reason() == FinishReason.STOPPED) {
            return ChumState.STOPPED;
        }
        return ChumState.DONE;
    }

    private Map<String, Object> statistics(ChumState finalState) {
        ExportSession half = exportHalf.getNow(null);
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("chumId", id);
        statistics.put("protocolVersion", settings.protocolVersion());
        statistics.put("role", role.name().toLowerCase());
        statistics.put("state", finalState.name());
        statistics.put("keepRunning", options.keepRunning());
        statistics.put("startedAt", startedAt.toEpochMilli());
        statistics.put("endedAt", settings.clock().instant().toEpochMilli());
        statistics.put("startSeq", startSeq);
        statistics.put("checkpointSeq", checkpointSeq);
        boolean achieved = fullSync.isDone() && !fullSync.isCompletedExceptionally();
        statistics.put("fullSyncAchieved", achieved);
        if (achieved) {
            statistics.put("fullSyncSeq", fullSync.join().remoteSeq());
        }
        statistics.put("rounds", record.rounds());
        statistics.put("listed", record.progress().total());
        statistics.put("exists", record.exists());
        statistics.put("sent", ChumLogWriter.counts(half == null ? TransferCounts.NONE : half.sent().counts()));
        statistics.put("received", ChumLogWriter.counts(record.received().counts()));
        statistics.put("errors", record.errors().size() + record.errorsOmitted());
        return statistics;
    }
}
