package io.syncms.syncms.control;

import io.syncms.clock.entity.ClockEstimate;
import io.syncms.syncms.entity.ClockStatus;
import io.syncms.syncms.entity.DeliveryKind;
import io.syncms.syncms.entity.ParticipantClosedException;
import io.syncms.syncms.entity.ParticipantConfig;
import io.syncms.syncms.entity.SecondMasterException;
import io.syncms.syncms.entity.Setting;
import io.syncms.syncms.entity.SlaveStatus;
import io.syncms.syncms.entity.SyncMsException;
import io.syncms.syncms.entity.SyncMsTimeoutException;
import io.syncms.syncms.entity.SyncOutReceipt;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The master of a group: answers the slaves' clock requests and collects their reports (its clock
 * sync completes when every slave reported), stamps sync-out messages with deliverAt = now + D, and
 * while sync-in is enabled delivers the slaves' messages in fair send-time order after the window W.
 */
public final class MasterParticipant extends Participant {

    private final SlaveDelays delays = new SlaveDelays();
    private final SyncInReceiver syncInReceiver;
    private CompletableFuture<Void> clockSync;
    private CompletableFuture<ClockEstimate> applicationMeasured;

    MasterParticipant(ParticipantConfig config, ParticipantRuntime runtime, RemoteApplication remote) {
        super(config, runtime, remote);
        this.masterId = config.id();
        this.syncInReceiver = new SyncInReceiver(clock, runtime.wakeups(), this::maxWaitMicros, this::deliverSyncIn);
        channel.onClock(this::onClockTraffic);
    }

    // ---------------------------------------------------------------- joining

    @Override
    protected void checkBeforeJoining() {
        // a master may list any slaves
    }

    @Override
    protected List<String> listedSlaves() {
        return config.slaves();
    }

    @Override
    protected String entryKey() {
        return GroupMembership.MASTER_KEY;
    }

    @Override
    protected SyncMsException taken(Wire.Member existing) {
        return new SecondMasterException("group \"" + config.group() + "\" already has the master \"" + existing.id() + "\"");
    }

    @Override
    protected Optional<SyncMsException> conflictIn(GroupMembership.View view) {
        if (view.master() != null && !view.master().node().equals(node)) {
            return Optional.of(new SecondMasterException(
                    "group \"" + config.group() + "\" has another master \"" + view.master().id() + "\""));
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- clock synchronisation

    /**
     * Completes once every slave reported its clock (and a remote application's clock was measured against
     * this instance's, whose wall clock is the master's clock); fails after {@code master-clock-sync-finish}.
     */
    @Override
    protected synchronized CompletableFuture<Void> startClockSync() {
        if (clockSync != null && !clockSync.isDone()) {
            return clockSync;
        }
        CompletableFuture<Void> pending = new CompletableFuture<>();
        clockSync = pending;
        long finish = config.settings().get(Setting.MASTER_CLOCK_SYNC_FINISH);
        ScheduledFuture<?> expiry = runtime.scheduler().schedule(() -> pending.completeExceptionally(
                new SyncMsTimeoutException("clockSync: no clock report within " + finish + " ms from slaves "
                        + delays.missing(slaves))), finish, TimeUnit.MILLISECONDS);
        pending.whenComplete((ok, error) -> expiry.cancel(false));
        CompletableFuture<ClockEstimate> measured = measureApplicationClock();
        applicationMeasured = measured;
        measured.whenComplete((estimate, error) -> {
            if (error != null) {
                pending.completeExceptionally(error);
            } else {
                checkClockSync();
            }
        });
        return pending;
    }

    private void checkClockSync() {
        CompletableFuture<Void> pending;
        CompletableFuture<ClockEstimate> measured;
        synchronized (this) {
            pending = clockSync;
            measured = applicationMeasured;
        }
        if (pending != null && !pending.isDone() && delays.missing(slaves).isEmpty()
                && measured != null && measured.isDone() && !measured.isCompletedExceptionally()) {
            ClockEstimate master = new ClockEstimate(0, 0, 0, 0, 0);
            clock.adopt(master);
            ClockEstimate application = measured.join();
            if (application != null) {
                applicationClock = ClockComposition.compose(master, application);
            }
            lifecycle.clockSynced();
            pending.complete(null);
        }
    }

    private void onClockTraffic(Wire wire, String publisher) {
        if (closed || self == null) {
            return;
        }
        if (wire instanceof Wire.ClockRequest request && slaves.contains(request.from())
                && acceptable(inputCheck.fromSlave(request.from(), request, publisher, runtime.clock().nowMicros()), wire)) {
            long masterTime = runtime.clock().nowMicros();
            channel.publishClockReply(request.from(),
                    new Wire.ClockReply(request.from(), request.node(), request.request(), masterTime));
        } else if (wire instanceof Wire.ClockReport report && slaves.contains(report.from())
                && acceptable(inputCheck.fromSlave(report.from(), report, publisher, runtime.clock().nowMicros()), wire)) {
            delays.record(report);
            checkClockSync();
        }
    }

    // ---------------------------------------------------------------- sync-out and sync-in

    /** Sends to every slave, stamped deliverAt = now + D on the master's clock; completes after D, or at once. */
    @Override
    public CompletionStage<SyncOutReceipt> syncOut(JsonValue message, boolean resolveImmediately) {
        try {
            checkSize(message);
            lifecycle.checkSyncOut();
            long deliverAt = clock.masterNowMicros() + deliveryDelayMicros();
            String id = UUID.randomUUID().toString();
            channel.publishMessage(new Wire.SyncOut(id, config.id(), deliverAt, message));
            SyncOutReceipt receipt = new SyncOutReceipt(id, deliverAt);
            if (resolveImmediately) {
                return done(receipt);
            }
            CompletableFuture<SyncOutReceipt> afterDelay = new CompletableFuture<>();
            long wait = Math.max(0, clock.toLocalMicros(deliverAt) - runtime.clock().nowMicros());
            runtime.scheduler().schedule(() -> afterDelay.complete(receipt), wait, TimeUnit.MICROSECONDS);
            return afterDelay;
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    @Override
    public CompletionStage<Void> enableSyncIn() {
        try {
            lifecycle.checkSyncInSwitch("enableSyncIn");
            syncInReceiver.enable();
            return done(null);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /** Drops sync-in sent from now on; messages sent before still arrive within W, in fair order. */
    @Override
    public CompletionStage<Void> disableSyncIn() {
        try {
            lifecycle.checkSyncInSwitch("disableSyncIn");
            syncInReceiver.disable();
            return done(null);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    @Override
    public boolean isSyncInEnabled() {
        return syncInReceiver.isEnabled();
    }

    @Override
    protected void receiveSyncOut(Wire.SyncOut out, String publisher, long nowMicros) {
        // its own: the master does not deliver what it sends
    }

    @Override
    protected void receiveSyncIn(Wire.SyncIn in) {
        if (!slaves.contains(in.from())) {
            reject();
            return;
        }
        if (listening()) {
            syncInReceiver.receive(in);
        }
    }

    private void deliverSyncIn(Wire.SyncIn in, long window, boolean isLate) {
        deliverNow(DeliveryKind.SYNC_IN, in.from(), in.id(), in.message(), in.sentAt(), in.sentAt() + window, isLate);
    }

    // ---------------------------------------------------------------- status

    @Override
    public ClockStatus clockStatus() {
        ClockEstimate application = applicationClock;
        if (application != null) {
            ClockStatus of = applicationClockStatus(application);
            return new ClockStatus(of.offsetMicros(), of.errorBoundMicros(), of.oneWayDelayMicros(), of.samples(),
                    deliveryDelayMicros(), maxWaitMicros());
        }
        boolean known = clock.isSynchronized();
        return new ClockStatus(known ? 0L : null, known ? 0L : null, null, null,
                known ? deliveryDelayMicros() : null, known ? maxWaitMicros() : null);
    }

    @Override
    protected SlaveStatus slaveStatus(String slave, boolean joined) {
        Wire.ClockReport report = delays.report(slave);
        return report == null ? new SlaveStatus(slave, joined, null, null, null)
                : new SlaveStatus(slave, joined, report.offset(), report.errorBound(), report.oneWayDelay());
    }

    @Override
    protected long droppedSyncIn() {
        return syncInReceiver.dropped();
    }

    private long deliveryDelayMicros() {
        return delays.deliveryDelayMicros(slaves, config.settings().micros(Setting.SYNC_OUT_MARGIN));
    }

    private long maxWaitMicros() {
        return delays.maxWaitMicros(slaves, config.settings().micros(Setting.SYNC_IN_MARGIN));
    }

    @Override
    protected synchronized void closeRole(ParticipantClosedException left) {
        syncInReceiver.close();
        if (clockSync != null) {
            clockSync.completeExceptionally(left);
        }
    }
}
