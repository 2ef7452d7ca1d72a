package io.syncms.syncms.control;

import io.syncms.clock.entity.ClockEstimate;
import io.syncms.syncms.entity.ClockStatus;
import io.syncms.syncms.entity.DeliveryKind;
import io.syncms.syncms.entity.DuplicateSlaveException;
import io.syncms.syncms.entity.GroupSettings;
import io.syncms.syncms.entity.ParticipantClosedException;
import io.syncms.syncms.entity.ParticipantConfig;
import io.syncms.syncms.entity.Setting;
import io.syncms.syncms.entity.SyncInReceipt;
import io.syncms.syncms.entity.SyncMsException;
import io.syncms.syncms.entity.SyncMsTimeoutException;
import io.syncms.syncms.entity.UnknownSlaveException;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A slave of a group: learns its offset to the master's clock with Cristian's algorithm and reports it,
 * delivers the master's sync-out messages at their deliverAt on its own clock, and sends sync-in
 * messages stamped with its synchronized send time (other slaves' sync-in reach it as CLIENT messages).
 */
public final class SlaveParticipant extends Participant {

    private final AtomicLong syncInSeq = new AtomicLong();
    private ClockSampler sampler;
    private CompletableFuture<Void> clockSync;

    SlaveParticipant(ParticipantConfig config, ParticipantRuntime runtime, RemoteApplication remote) {
        super(config, runtime, remote);
        channel.onClockReplies(config.id(), this::onClockReply);
    }

    // ---------------------------------------------------------------- joining

    @Override
    protected void checkBeforeJoining() {
        if (!config.slaves().isEmpty() && !config.slaves().contains(config.id())) {
            throw failWith(new UnknownSlaveException("slave id \"" + config.id() + "\" is not in the slave list " + config.slaves()));
        }
    }

    @Override
    protected List<String> listedSlaves() {
        return List.of();
    }

    @Override
    protected String entryKey() {
        return GroupMembership.slaveKey(config.id());
    }

    @Override
    protected SyncMsException taken(Wire.Member existing) {
        return new DuplicateSlaveException("slave id \"" + config.id() + "\" has already joined group \"" + config.group() + "\"");
    }

    @Override
    protected Optional<SyncMsException> conflictIn(GroupMembership.View view) {
        if (view.master() != null && !view.expected().contains(config.id())) {
            channel.leave(entryKey(), self);
            return Optional.of(new UnknownSlaveException("slave id \"" + config.id()
                    + "\" is not in the slave list " + view.expected() + " of master \"" + view.master().id() + "\""));
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- clock synchronisation

    /**
     * Sends {@code clock-sync-iterations} requests, learns its offset to the master's clock, an error bound
     * and its one-way delay, reports them to the master; fails after {@code clock-sync-timeout}. For a
     * remote application its clock is measured against this instance's at the same time, and the report
     * is of the composed estimate: the application's offset to the master, with both links' error and delay.
     */
    @Override
    protected synchronized CompletableFuture<Void> startClockSync() {
        if (clockSync != null && !clockSync.isDone()) {
            return clockSync;
        }
        GroupSettings settings = config.settings();
        ClockSampler newSampler = new ClockSampler(runtime.clock(), runtime.scheduler(), channel::publishClock,
                config.id(), node, (int) settings.get(Setting.CLOCK_SYNC_ITERATIONS),
                settings.get(Setting.CLOCK_SYNC_WAIT), settings.get(Setting.CLOCK_SYNC_CYCLE_DELAY));
        sampler = newSampler;
        CompletableFuture<Void> pending = new CompletableFuture<>();
        clockSync = pending;
        long timeout = settings.get(Setting.CLOCK_SYNC_TIMEOUT);
        ScheduledFuture<?> expiry = runtime.scheduler().schedule(() -> {
            newSampler.cancel();
            pending.completeExceptionally(new SyncMsTimeoutException("clockSync did not complete within " + timeout
                    + " ms (" + newSampler.samples().size() + " of " + settings.get(Setting.CLOCK_SYNC_ITERATIONS)
                    + " clock requests answered)"));
        }, timeout, TimeUnit.MILLISECONDS);
        CompletableFuture<ClockEstimate> toMaster = newSampler.start();
        CompletableFuture<ClockEstimate> application = measureApplicationClock();
        toMaster.thenCombine(application, (estimate, measured) -> new ClockEstimate[] {estimate, measured})
                .whenComplete((both, error) -> {
            expiry.cancel(false);
            if (error != null) {
                newSampler.cancel();
                pending.completeExceptionally(error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error);
                return;
            }
            try {
                ClockEstimate estimate = both[0];
                clock.adopt(estimate);
                ClockEstimate reported = both[1] == null ? estimate : ClockComposition.compose(estimate, both[1]);
                if (both[1] != null) {
                    applicationClock = reported;
                }
                channel.publishClock(new Wire.ClockReport(config.id(), reported.offsetMicros(),
                        reported.errorBoundMicros(), reported.oneWayDelayMicros(), reported.samplesUsed()));
                lifecycle.clockSynced();
                pending.complete(null);
            } catch (RuntimeException e) {
                pending.completeExceptionally(e);
            }
        });
        return pending;
    }

    private void onClockReply(Wire wire, String publisher) {
        ClockSampler current;
        synchronized (this) {
            current = sampler;
        }
        if (current != null && wire instanceof Wire.ClockReply reply
                && acceptable(inputCheck.fromMaster(reply, publisher, runtime.clock().nowMicros()), wire)) {
            current.onReply(reply);
        }
    }

    // ---------------------------------------------------------------- sync-in and sync-out

    /** Sends to the master, stamped with the synchronized send time. */
    @Override
    public CompletionStage<SyncInReceipt> syncIn(JsonValue message) {
        try {
            checkSize(message);
            lifecycle.checkSyncIn();
            return send(message, clock.masterNowMicros());
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /**
     * Sends a remote application's message to the master, stamped with the send time the application
     * claims (on the master's clock, epoch microseconds). A claim later than now (plus both clock errors
     * and {@code sync-in-margin}) is moved to that bound: a message cannot have been sent in the future. An
     * old claim is kept: its message reaches the master after its window W and is handed over at once,
     * marked late, so an application sees it. Moving it forward instead put honest messages that were slow
     * on their way into a fair order they did not belong to, unmarked; and a page that stamps early to win
     * gains no more than W either way (beyond it, its message is late).
     */
    public CompletionStage<SyncInReceipt> syncIn(JsonValue message, long claimedSentAtMicros) {
        try {
            checkSize(message);
            lifecycle.checkSyncIn();
            ClockEstimate composed = applicationClock;
            if (composed == null) {
                throw new IllegalStateException("only a remote application whose clock was measured stamps its own send time");
            }
            long latest = clock.masterNowMicros() + composed.errorBoundMicros() + config.settings().micros(Setting.SYNC_IN_MARGIN);
            return send(message, Math.min(latest, claimedSentAtMicros));
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    private CompletionStage<SyncInReceipt> send(JsonValue message, long sentAt) {
        long seq = syncInSeq.incrementAndGet();
        String id = UUID.randomUUID().toString();
        channel.publishMessage(new Wire.SyncIn(id, config.id(), seq, sentAt, message));
        return done(new SyncInReceipt(id, sentAt, seq));
    }

    @Override
    protected void receiveSyncOut(Wire.SyncOut out, String publisher, long nowMicros) {
        if (!acceptable(inputCheck.fromMaster(out, publisher, nowMicros), out)) {
            return;
        }
        if (!out.from().equals(masterId)) {
            reject();
            return;
        }
        if (!listening()) {
            return;
        }
        long target = clock.toLocalMicros(out.deliverAt());
        if (runtime.clock().nowMicros() > target) {
            deliverNow(DeliveryKind.SYNC_OUT, out.from(), out.id(), out.message(), null, out.deliverAt(), true);
        } else {
            deliverAt(target, DeliveryKind.SYNC_OUT, out.from(), out.id(), out.message(), out.deliverAt());
        }
    }

    @Override
    protected void receiveSyncIn(Wire.SyncIn in) {
        if (in.from().equals(config.id()) || !listening()) {
            return;
        }
        deliverNow(DeliveryKind.CLIENT, in.from(), in.id(), in.message(), in.sentAt(), null, false);
    }

    // ---------------------------------------------------------------- status

    @Override
    public ClockStatus clockStatus() {
        if (applicationClock != null) {
            return applicationClockStatus(applicationClock);
        }
        ClockEstimate estimate = clock.estimate();
        return estimate == null ? new ClockStatus(null, null, null, null, null, null)
                : new ClockStatus(estimate.offsetMicros(), estimate.errorBoundMicros(), estimate.oneWayDelayMicros(),
                        estimate.samplesUsed(), null, null);
    }

    @Override
    protected synchronized void closeRole(ParticipantClosedException left) {
        if (clockSync != null) {
            clockSync.completeExceptionally(left);
        }
        if (sampler != null) {
            sampler.cancel();
        }
    }
}
