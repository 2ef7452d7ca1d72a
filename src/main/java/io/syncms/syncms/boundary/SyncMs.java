package io.syncms.syncms.boundary;

import io.syncms.clock.control.SynchronizedClock;
import io.syncms.clock.entity.ClockEstimate;
import io.syncms.syncms.control.ClockSampler;
import io.syncms.syncms.control.DeliveryClock;
import io.syncms.syncms.control.ClusterInputCheck;
import io.syncms.syncms.control.DeliveryHistory;
import io.syncms.syncms.control.GroupChannel;
import io.syncms.syncms.control.GroupMembership;
import io.syncms.syncms.control.Lifecycle;
import io.syncms.syncms.control.ParticipantRuntime;
import io.syncms.syncms.control.SlaveDelays;
import io.syncms.syncms.control.SyncInReceiver;
import io.syncms.syncms.control.Wire;
import io.syncms.syncms.control.WireCodec;
import io.syncms.syncms.entity.ClockStatus;
import io.syncms.syncms.entity.Delivery;
import io.syncms.syncms.entity.DeliveryCounters;
import io.syncms.syncms.entity.DeliveryKind;
import io.syncms.syncms.entity.DeliveryListener;
import io.syncms.syncms.entity.DuplicateSlaveException;
import io.syncms.syncms.entity.GroupSettings;
import io.syncms.syncms.entity.MessageTooLargeException;
import io.syncms.syncms.entity.ParticipantClosedException;
import io.syncms.syncms.entity.ParticipantConfig;
import io.syncms.syncms.entity.ParticipantState;
import io.syncms.syncms.entity.ParticipantStatus;
import io.syncms.syncms.entity.Role;
import io.syncms.syncms.entity.SecondMasterException;
import io.syncms.syncms.entity.Setting;
import io.syncms.syncms.entity.SlaveStatus;
import io.syncms.syncms.entity.SyncInReceipt;
import io.syncms.syncms.entity.SyncMsException;
import io.syncms.syncms.entity.SyncMsTimeoutException;
import io.syncms.syncms.entity.SyncOutReceipt;
import io.syncms.syncms.entity.UnknownSlaveException;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One participant (master or slave) of one SyncMS message group. The lifecycle is
 * {@link #initialize()} → {@link #clockSync()} → {@link #listen}; then the master sends with
 * {@link #syncOut} and receives sync-in in fair order while {@link #enableSyncIn() enabled}, and slaves
 * send with {@link #syncIn}. Every step returns a stage that completes when it succeeded, or exceptionally
 * with a {@link SyncMsException} that names the reason; stages complete on the runtime's scheduler, never
 * on a Hazelcast thread.
 *
 * <p>Obtain participants from {@link SyncMsRegistry} (or {@code @Inject SyncMs} for the one configured by
 * MicroProfile Config).
 */
public class SyncMs implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SyncMs.class.getName());

    private final ParticipantConfig config;
    private final ParticipantRuntime runtime;
    private final String node = UUID.randomUUID().toString();
    private final GroupChannel channel;
    private final Lifecycle lifecycle;
    private final SynchronizedClock clock;
    private final GroupMembership membership = new GroupMembership();
    private final SlaveDelays delays = new SlaveDelays();
    private final SyncInReceiver syncInReceiver;
    private final DeliveryClock deliveryClock;
    private final DeliveryHistory history;
    private final List<DeliveryListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong deliverySeq = new AtomicLong();
    private final AtomicLong syncInSeq = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong ignoredBeforeListen = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    private volatile Map<String, Wire.Member> knownMembers = Map.of();
    private final ClusterInputCheck inputCheck = new ClusterInputCheck(() -> knownMembers, this::readMembers);
    private volatile Wire.Member self;
    private volatile List<String> slaves;
    private volatile String masterId;
    private volatile boolean closed;
    private CompletableFuture<SyncMs> initializing;
    private CompletableFuture<SyncMs> masterClockSync;
    private ClockSampler sampler;
    private CompletableFuture<SyncMs> slaveClockSync;

    public SyncMs(ParticipantConfig config, ParticipantRuntime runtime) {
        this.config = config;
        this.runtime = runtime;
        this.lifecycle = new Lifecycle(config.role());
        this.clock = new SynchronizedClock(runtime.clock());
        this.history = new DeliveryHistory((int) config.settings().get(Setting.DELIVERY_HISTORY),
                config.settings().get(Setting.DELIVERY_HISTORY_BYTES));
        this.slaves = config.slaves();
        this.masterId = config.isMaster() ? config.id() : null;
        this.syncInReceiver = new SyncInReceiver(clock, runtime.wakeups(), this::maxWaitMicros, this::deliverSyncIn);
        this.channel = new GroupChannel(runtime.hazelcast(), config.group(), new WireCodec());
        this.deliveryClock = new DeliveryClock(runtime.clock(), runtime.threads(),
                "syncms-delivery-" + config.group() + "-" + config.id());
        channel.onMembershipChange(this::checkMembership);
        channel.onMessage(this::onMessage);
        if (config.isMaster()) {
            channel.onClock(this::onClockTraffic);
        } else {
            channel.onClockReplies(config.id(), this::onClockReply);
        }
    }

    // ---------------------------------------------------------------- initialize

    /**
     * Joins the group and completes once the master and every slave it expects have joined. Fails with
     * {@link SecondMasterException} if the group has another master, {@link UnknownSlaveException} if this
     * slave's id is not in the master's list, {@link DuplicateSlaveException} if another participant holds
     * this slave id, and {@link SyncMsTimeoutException} after {@code init-timeout} (the participant stays
     * joined, so initialize may be called again).
     */
    public CompletionStage<SyncMs> initialize() {
        try {
            lifecycle.checkInitialize();
            synchronized (this) {
                if (lifecycle.state() != ParticipantState.CREATED) {
                    return done(this);
                }
                if (initializing != null && !initializing.isDone()) {
                    return onScheduler(initializing);
                }
                initializing = new CompletableFuture<>();
            }
            join();
            CompletableFuture<SyncMs> pending = initializing;
            long timeout = config.settings().get(Setting.INIT_TIMEOUT);
            ScheduledFuture<?> recheck = runtime.scheduler().scheduleWithFixedDelay(this::checkMembership,
                    config.settings().get(Setting.INIT_WAIT), config.settings().get(Setting.INIT_WAIT), TimeUnit.MILLISECONDS);
            ScheduledFuture<?> expiry = runtime.scheduler().schedule(() -> pending.completeExceptionally(
                    new SyncMsTimeoutException("initialize did not complete within " + timeout + " ms: "
                            + waitingFor())), timeout, TimeUnit.MILLISECONDS);
            pending.whenComplete((ok, error) -> {
                recheck.cancel(false);
                expiry.cancel(false);
            });
            checkMembership();
            return onScheduler(pending);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    private void join() {
        if (!config.isMaster() && !config.slaves().isEmpty() && !config.slaves().contains(config.id())) {
            throw failWith(new UnknownSlaveException("slave id \"" + config.id() + "\" is not in the slave list " + config.slaves()));
        }
        Wire.Member entry = new Wire.Member(config.role().label(), config.id(), node, channel.localMember(),
                config.isMaster() ? config.slaves() : List.of());
        String key = entryKey();
        Wire.Member existing = channel.joinIfAbsent(key, entry);
        if (existing != null && !existing.node().equals(node)) {
            boolean stale = !channel.isClusterMember(existing.member()) && channel.replace(key, existing, entry);
            if (!stale) {
                throw failWith(config.isMaster()
                        ? new SecondMasterException("group \"" + config.group() + "\" already has the master \"" + existing.id() + "\"")
                        : new DuplicateSlaveException("slave id \"" + config.id() + "\" has already joined group \"" + config.group() + "\""));
            }
        }
        self = entry;
    }

    private String entryKey() {
        return config.isMaster() ? GroupMembership.MASTER_KEY : GroupMembership.slaveKey(config.id());
    }

    private String waitingFor() {
        GroupMembership.View view = membership.view(channel.members());
        return view.master() == null ? "no master has joined" : "slaves not joined: " + view.missing();
    }

    private void checkMembership() {
        CompletableFuture<SyncMs> pending;
        synchronized (this) {
            pending = initializing;
        }
        if (closed || self == null || pending == null || pending.isDone()) {
            return;
        }
        try {
            GroupMembership.View view = membership.view(readMembers());
            if (view.master() != null && config.isMaster() && !view.master().node().equals(node)) {
                pending.completeExceptionally(failWith(new SecondMasterException(
                        "group \"" + config.group() + "\" has another master \"" + view.master().id() + "\"")));
                return;
            }
            if (view.master() != null && !config.isMaster() && !view.expected().contains(config.id())) {
                channel.leave(entryKey(), self);
                pending.completeExceptionally(failWith(new UnknownSlaveException("slave id \"" + config.id()
                        + "\" is not in the slave list " + view.expected() + " of master \"" + view.master().id() + "\"")));
                return;
            }
            if (view.complete()) {
                slaves = view.expected();
                masterId = view.master().id();
                lifecycle.initialized();
                pending.complete(this);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "membership check failed; retried after init-wait", e);
        }
    }

    // ---------------------------------------------------------------- clock synchronisation

    /**
     * Cristian's algorithm over the datastore. A slave sends {@code clock-sync-iterations} requests and
     * learns its offset to the master's clock, an error bound and its one-way delay, then reports them to
     * the master; it fails after {@code clock-sync-timeout}. The master completes once every slave has
     * reported, and fails after {@code master-clock-sync-finish}. May be repeated to re-synchronise.
     */
    public CompletionStage<SyncMs> clockSync() {
        try {
            lifecycle.checkClockSync();
            return onScheduler(config.isMaster() ? masterClockSync() : slaveClockSync());
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    private synchronized CompletableFuture<SyncMs> masterClockSync() {
        if (masterClockSync != null && !masterClockSync.isDone()) {
            return masterClockSync;
        }
        CompletableFuture<SyncMs> pending = new CompletableFuture<>();
        masterClockSync = pending;
        long finish = config.settings().get(Setting.MASTER_CLOCK_SYNC_FINISH);
        ScheduledFuture<?> expiry = runtime.scheduler().schedule(() -> pending.completeExceptionally(
                new SyncMsTimeoutException("clockSync: no clock report within " + finish + " ms from slaves "
                        + delays.missing(slaves))), finish, TimeUnit.MILLISECONDS);
        pending.whenComplete((ok, error) -> expiry.cancel(false));
        checkMasterClockSync();
        return pending;
    }

    private void checkMasterClockSync() {
        CompletableFuture<SyncMs> pending;
        synchronized (this) {
            pending = masterClockSync;
        }
        if (pending != null && !pending.isDone() && delays.missing(slaves).isEmpty()) {
            clock.adopt(new ClockEstimate(0, 0, 0, 0, 0));
            lifecycle.clockSynced();
            pending.complete(this);
        }
    }

    private synchronized CompletableFuture<SyncMs> slaveClockSync() {
        if (slaveClockSync != null && !slaveClockSync.isDone()) {
            return slaveClockSync;
        }
        GroupSettings settings = config.settings();
        ClockSampler newSampler = new ClockSampler(runtime.clock(), runtime.scheduler(), channel::publishClock,
                config.id(), node, (int) settings.get(Setting.CLOCK_SYNC_ITERATIONS),
                settings.get(Setting.CLOCK_SYNC_WAIT), settings.get(Setting.CLOCK_SYNC_CYCLE_DELAY));
        sampler = newSampler;
        CompletableFuture<SyncMs> pending = new CompletableFuture<>();
        slaveClockSync = pending;
        long timeout = settings.get(Setting.CLOCK_SYNC_TIMEOUT);
        ScheduledFuture<?> expiry = runtime.scheduler().schedule(() -> {
            newSampler.cancel();
            pending.completeExceptionally(new SyncMsTimeoutException("clockSync did not complete within " + timeout
                    + " ms (" + newSampler.samples().size() + " of " + settings.get(Setting.CLOCK_SYNC_ITERATIONS)
                    + " clock requests answered)"));
        }, timeout, TimeUnit.MILLISECONDS);
        newSampler.start().whenComplete((estimate, error) -> {
            expiry.cancel(false);
            if (error != null) {
                pending.completeExceptionally(error);
                return;
            }
            try {
                clock.adopt(estimate);
                channel.publishClock(new Wire.ClockReport(config.id(), estimate.offsetMicros(),
                        estimate.errorBoundMicros(), estimate.oneWayDelayMicros(), estimate.samplesUsed()));
                lifecycle.clockSynced();
                pending.complete(this);
            } catch (RuntimeException e) {
                pending.completeExceptionally(e);
            }
        });
        return pending;
    }

    /** The membership map, read from the cluster (and kept as what the input checks know). */
    private Map<String, Wire.Member> readMembers() {
        Map<String, Wire.Member> members = channel.members();
        knownMembers = members;
        return members;
    }

    /** Whether a message from the cluster passed its check; one that did not is counted and ignored. */
    private boolean acceptable(Optional<String> problem, Wire wire) {
        problem.ifPresent(why -> {
            rejected.incrementAndGet();
            LOG.fine(() -> "Group " + config.group() + " ignored " + wire.getClass().getSimpleName() + ": " + why);
        });
        return problem.isEmpty();
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
            checkMasterClockSync();
        }
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

    // ---------------------------------------------------------------- listen

    /**
     * Starts handing messages to the application: to {@code listener} (may be {@code null} when only CDI
     * events, the REST history or SSE are used) and to every listener added before. Messages that arrive
     * before the first listen are counted, not delivered.
     */
    public CompletionStage<SyncMs> listen(DeliveryListener listener) {
        try {
            lifecycle.checkListen();
            if (listener != null) {
                listeners.add(listener);
            }
            lifecycle.listening();
            return done(this);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    // ---------------------------------------------------------------- sync-out

    /**
     * Master only: sends {@code message} to every slave, stamped with deliverAt = now + D on the master's
     * clock. Completes after D, or at once with {@code resolveImmediately}.
     */
    public CompletionStage<SyncOutReceipt> syncOut(JsonValue message, boolean resolveImmediately) {
        try {
            checkSize(message);
            lifecycle.checkSyncOut();
            long delay = deliveryDelayMicros();
            long deliverAt = clock.masterNowMicros() + delay;
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

    // ---------------------------------------------------------------- sync-in

    /** Slave only: sends {@code message} to the master, stamped with the synchronised send time. */
    public CompletionStage<SyncInReceipt> syncIn(JsonValue message) {
        try {
            checkSize(message);
            lifecycle.checkSyncIn();
            long seq = syncInSeq.incrementAndGet();
            long sentAt = clock.masterNowMicros();
            String id = UUID.randomUUID().toString();
            channel.publishMessage(new Wire.SyncIn(id, config.id(), seq, sentAt, message));
            return done(new SyncInReceipt(id, sentAt, seq));
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /** Master only: accepts sync-in messages sent from now on. */
    public CompletionStage<SyncMs> enableSyncIn() {
        try {
            lifecycle.checkSyncInSwitch("enableSyncIn");
            syncInReceiver.enable();
            return done(this);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /**
     * Master only: drops sync-in messages sent from now on. Messages sent before still arrive within W and
     * are delivered in fair order.
     */
    public CompletionStage<SyncMs> disableSyncIn() {
        try {
            lifecycle.checkSyncInSwitch("disableSyncIn");
            syncInReceiver.disable();
            return done(this);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    // ---------------------------------------------------------------- receiving

    private void onMessage(Wire wire, String publisher) {
        if (closed) {
            return;
        }
        long now = runtime.clock().nowMicros();
        if (wire instanceof Wire.Foreign foreign) {
            long max = config.settings().get(Setting.MAX_MESSAGE_BYTES);
            if (acceptable(foreign.content().toString().length() > max
                    ? Optional.of("a foreign message larger than " + max + " bytes") : Optional.empty(), wire)) {
                receiveForeign(foreign);
            }
        } else if (wire instanceof Wire.SyncOut out) {
            if (config.isMaster() || acceptable(inputCheck.fromMaster(out, publisher, now), wire)) {
                receiveSyncOut(out);
            }
        } else if (wire instanceof Wire.SyncIn in) {
            if (in.from().equals(config.id()) || acceptable(inputCheck.fromSlave(in.from(), in, publisher, now), wire)) {
                receiveSyncIn(in);
            }
        }
    }

    private void receiveForeign(Wire.Foreign foreign) {
        if (!lifecycle.isListening()) {
            ignoredBeforeListen.incrementAndGet();
            return;
        }
        deliveryClock.now(() -> deliver(DeliveryKind.UNKNOWN, null, null, foreign.content(), null, null, false));
    }

    private void receiveSyncOut(Wire.SyncOut out) {
        if (config.isMaster()) {
            return;
        }
        if (!out.from().equals(masterId)) {
            rejected.incrementAndGet();
            return;
        }
        if (!lifecycle.isListening()) {
            ignoredBeforeListen.incrementAndGet();
            return;
        }
        long target = clock.toLocalMicros(out.deliverAt());
        boolean isLate = runtime.clock().nowMicros() > target;
        Runnable delivery = () -> deliver(DeliveryKind.SYNC_OUT, out.from(), out.id(), out.message(),
                null, out.deliverAt(), isLate);
        if (isLate) {
            deliveryClock.now(delivery);
        } else {
            deliveryClock.at(target, delivery);
        }
    }

    private void receiveSyncIn(Wire.SyncIn in) {
        if (!config.isMaster()) {
            if (in.from().equals(config.id())) {
                return;
            }
            if (!lifecycle.isListening()) {
                ignoredBeforeListen.incrementAndGet();
                return;
            }
            deliveryClock.now(() -> deliver(DeliveryKind.CLIENT, in.from(), in.id(), in.message(), in.sentAt(), null, false));
            return;
        }
        if (!slaves.contains(in.from())) {
            rejected.incrementAndGet();
            return;
        }
        if (!lifecycle.isListening()) {
            ignoredBeforeListen.incrementAndGet();
            return;
        }
        syncInReceiver.receive(in);
    }

    private void deliverSyncIn(Wire.SyncIn in, long window, boolean isLate) {
        deliveryClock.now(() -> deliver(DeliveryKind.SYNC_IN, in.from(), in.id(), in.message(), in.sentAt(),
                in.sentAt() + window, isLate));
    }

    private void deliver(DeliveryKind kind, String from, String messageId, JsonValue message, Long sentAt,
            Long deliverAt, boolean isLate) {
        long deliveredAt = runtime.clock().nowMicros();
        Delivery delivery = new Delivery(deliverySeq.incrementAndGet(), config.group(), kind, from, messageId,
                message, sentAt, deliverAt, deliveredAt, isLate);
        history.add(delivery);
        delivered.incrementAndGet();
        if (isLate) {
            late.incrementAndGet();
            LOG.fine(() -> "late " + kind + " delivery " + messageId + " in group " + config.group());
        }
        for (DeliveryListener listener : listeners) {
            try {
                listener.onDelivery(delivery);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a delivery listener of group " + config.group() + " failed", e);
            }
        }
        try {
            runtime.sink().accept(delivery);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delivery sink failed", e);
        }
    }

    // ---------------------------------------------------------------- status

    public ParticipantConfig config() {
        return config;
    }

    public String group() {
        return config.group();
    }

    public String id() {
        return config.id();
    }

    public Role role() {
        return config.role();
    }

    public ParticipantState state() {
        return lifecycle.state();
    }

    public boolean isSyncInEnabled() {
        return syncInReceiver.isEnabled();
    }

    /** The master's clock as this participant sees it (epoch microseconds). */
    public long masterNowMicros() {
        return clock.masterNowMicros();
    }

    /** Deliveries with {@code seq > after}, oldest first, from the bounded history. */
    public List<Delivery> deliveriesAfter(long after, int limit) {
        return history.after(after, limit);
    }

    public ParticipantStatus status() {
        return new ParticipantStatus(config.group(), config.role(), config.id(), lifecycle.state(),
                lifecycle.failure(), syncInReceiver.isEnabled(), clockStatus(), slaveStatuses(), counters(),
                config.settings());
    }

    /** The delivery counters alone (cheaper than {@link #status()}, which reads the cluster's membership). */
    public DeliveryCounters counters() {
        return new DeliveryCounters(delivered.get(), late.get(), syncInReceiver.dropped(), ignoredBeforeListen.get(),
                rejected.get());
    }

    /** What this participant knows about time now. */
    public ClockStatus clockStatus() {
        if (config.isMaster()) {
            boolean known = clock.isSynchronized();
            return new ClockStatus(known ? 0L : null, known ? 0L : null, null, null,
                    known ? deliveryDelayMicros() : null, known ? maxWaitMicros() : null);
        }
        ClockEstimate estimate = clock.estimate();
        return estimate == null ? new ClockStatus(null, null, null, null, null, null)
                : new ClockStatus(estimate.offsetMicros(), estimate.errorBoundMicros(), estimate.oneWayDelayMicros(),
                        estimate.samplesUsed(), null, null);
    }

    private List<SlaveStatus> slaveStatuses() {
        Map<String, Wire.Member> members = closed ? Map.of() : safeMembers();
        List<SlaveStatus> result = new ArrayList<>();
        for (String slave : slaves) {
            boolean joined = members.containsKey(GroupMembership.slaveKey(slave));
            Wire.ClockReport report = delays.report(slave);
            result.add(report == null ? new SlaveStatus(slave, joined, null, null, null)
                    : new SlaveStatus(slave, joined, report.offset(), report.errorBound(), report.oneWayDelay()));
        }
        return result;
    }

    private Map<String, Wire.Member> safeMembers() {
        try {
            return channel.members();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private long deliveryDelayMicros() {
        return delays.deliveryDelayMicros(slaves, config.settings().micros(Setting.SYNC_OUT_MARGIN));
    }

    private long maxWaitMicros() {
        return delays.maxWaitMicros(slaves, config.settings().micros(Setting.SYNC_IN_MARGIN));
    }

    // ---------------------------------------------------------------- leaving

    /** Leaves the group: removes this participant's entry and listeners; pending steps fail. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        syncInReceiver.close();
        lifecycle.fail("left the group");
        ParticipantClosedException left = new ParticipantClosedException("the participant left group \"" + config.group() + "\"");
        synchronized (this) {
            for (CompletableFuture<SyncMs> pending : java.util.Arrays.asList(initializing, masterClockSync, slaveClockSync)) {
                if (pending != null) {
                    pending.completeExceptionally(left);
                }
            }
            if (sampler != null) {
                sampler.cancel();
            }
        }
        try {
            if (self != null) {
                channel.leave(entryKey(), self);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not remove the membership entry; the cluster may be shutting down", e);
        } finally {
            channel.close();
            deliveryClock.close();
        }
    }

    // ---------------------------------------------------------------- helpers

    private void checkSize(JsonValue message) {
        if (message == null) {
            throw new IllegalArgumentException("message is missing");
        }
        long max = config.settings().get(Setting.MAX_MESSAGE_BYTES);
        int size = message.toString().getBytes(StandardCharsets.UTF_8).length;
        if (size > max) {
            throw new MessageTooLargeException("the message has " + size + " bytes, more than max-message-bytes " + max);
        }
    }

    private RuntimeException failWith(SyncMsException reason) {
        lifecycle.fail(reason.getMessage());
        return reason;
    }

    private <T> CompletionStage<T> done(T value) {
        return onScheduler(CompletableFuture.completedFuture(value));
    }

    private <T> CompletionStage<T> failed(Throwable error) {
        return onScheduler(CompletableFuture.failedFuture(error));
    }

    private <T> CompletionStage<T> onScheduler(CompletableFuture<T> source) {
        CompletableFuture<T> result = new CompletableFuture<>();
        source.whenCompleteAsync((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
        }, runtime.scheduler());
        return result;
    }
}
