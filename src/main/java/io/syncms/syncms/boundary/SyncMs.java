package io.syncms.syncms.boundary;

import io.syncms.syncms.control.Participant;
import io.syncms.syncms.control.ParticipantRuntime;
import io.syncms.syncms.entity.ClockStatus;
import io.syncms.syncms.entity.Delivery;
import io.syncms.syncms.entity.DeliveryCounters;
import io.syncms.syncms.entity.DeliveryListener;
import io.syncms.syncms.entity.DuplicateSlaveException;
import io.syncms.syncms.entity.ParticipantConfig;
import io.syncms.syncms.entity.ParticipantState;
import io.syncms.syncms.entity.ParticipantStatus;
import io.syncms.syncms.entity.Role;
import io.syncms.syncms.entity.SecondMasterException;
import io.syncms.syncms.entity.SyncInReceipt;
import io.syncms.syncms.entity.SyncMsException;
import io.syncms.syncms.entity.SyncMsTimeoutException;
import io.syncms.syncms.entity.SyncOutReceipt;
import io.syncms.syncms.entity.UnknownSlaveException;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One participant (master or slave) of one SyncMS message group. The lifecycle is
 * {@link #initialize()} → {@link #clockSync()} → {@link #listen}; then the master sends with
 * {@link #syncOut} and receives sync-in in fair order while {@link #enableSyncIn() enabled}, and slaves
 * send with {@link #syncIn}. Every step returns a stage that completes when it succeeded, or exceptionally
 * with a {@link SyncMsException} that names the reason; stages complete on the runtime's scheduler, never
 * on a Hazelcast thread.
 *
 * <p>A thin facade over the part of its role, {@link io.syncms.syncms.control.MasterParticipant} or
 * {@link io.syncms.syncms.control.SlaveParticipant}, which share {@link Participant}.
 *
 * <p>Obtain participants from {@link SyncMsRegistry} (or {@code @Inject SyncMs} for the one configured by
 * MicroProfile Config).
 */
public class SyncMs implements AutoCloseable {

    private final Participant part;

    public SyncMs(ParticipantConfig config, ParticipantRuntime runtime) {
        this.part = Participant.of(config, runtime);
    }

    /**
     * Joins the group and completes once the master and every slave it expects have joined. Fails with
     * {@link SecondMasterException} if the group has another master, {@link UnknownSlaveException} if this
     * slave's id is not in the master's list, {@link DuplicateSlaveException} if another participant holds
     * this slave id, and {@link SyncMsTimeoutException} after {@code init-timeout} (the participant stays
     * joined, so initialize may be called again).
     */
    public CompletionStage<SyncMs> initialize() {
        return part.initialize().thenApply(done -> this);
    }

    /**
     * Cristian's algorithm over the datastore. A slave sends {@code clock-sync-iterations} requests and
     * learns its offset to the master's clock, an error bound and its one-way delay, then reports them to
     * the master; it fails after {@code clock-sync-timeout}. The master completes once every slave has
     * reported, and fails after {@code master-clock-sync-finish}. May be repeated to re-synchronise.
     */
    public CompletionStage<SyncMs> clockSync() {
        return part.clockSync().thenApply(done -> this);
    }

    /**
     * Starts handing messages to the application: to {@code listener} (may be {@code null} when only CDI
     * events, the REST history or SSE are used) and to every listener added before. Messages that arrive
     * before the first listen are counted, not delivered.
     */
    public CompletionStage<SyncMs> listen(DeliveryListener listener) {
        return part.listen(listener).thenApply(done -> this);
    }

    /**
     * Master only: sends {@code message} to every slave, stamped with deliverAt = now + D on the master's
     * clock. Completes after D, or at once with {@code resolveImmediately}.
     */
    public CompletionStage<SyncOutReceipt> syncOut(JsonValue message, boolean resolveImmediately) {
        return part.syncOut(message, resolveImmediately);
    }

    /** Slave only: sends {@code message} to the master, stamped with the synchronised send time. */
    public CompletionStage<SyncInReceipt> syncIn(JsonValue message) {
        return part.syncIn(message);
    }

    /** Master only: accepts sync-in messages sent from now on. */
    public CompletionStage<SyncMs> enableSyncIn() {
        return part.enableSyncIn().thenApply(done -> this);
    }

    /**
     * Master only: drops sync-in messages sent from now on. Messages sent before still arrive within W and
     * are delivered in fair order.
     */
    public CompletionStage<SyncMs> disableSyncIn() {
        return part.disableSyncIn().thenApply(done -> this);
    }

    public ParticipantConfig config() {
        return part.config();
    }

    public String group() {
        return part.config().group();
    }

    public String id() {
        return part.config().id();
    }

    public Role role() {
        return part.config().role();
    }

    public ParticipantState state() {
        return part.state();
    }

    public boolean isSyncInEnabled() {
        return part.isSyncInEnabled();
    }

    /** The master's clock as this participant sees it (epoch microseconds). */
    public long masterNowMicros() {
        return part.masterNowMicros();
    }

    /** Deliveries with {@code seq > after}, oldest first, from the bounded history. */
    public List<Delivery> deliveriesAfter(long after, int limit) {
        return part.deliveriesAfter(after, limit);
    }

    public ParticipantStatus status() {
        return part.status();
    }

    /** The delivery counters alone (cheaper than {@link #status()}, which reads the cluster's membership). */
    public DeliveryCounters counters() {
        return part.counters();
    }

    /** What this participant knows about time now. */
    public ClockStatus clockStatus() {
        return part.clockStatus();
    }

    /** Leaves the group: removes this participant's entry and listeners; pending steps fail. */
    @Override
    public void close() {
        part.close();
    }
}
