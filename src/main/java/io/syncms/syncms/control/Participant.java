package io.syncms.syncms.control;

import io.syncms.clock.control.SynchronizedClock;
import io.syncms.clock.entity.ClockEstimate;
import io.syncms.syncms.entity.ClockStatus;
import io.syncms.syncms.entity.Delivery;
import io.syncms.syncms.entity.DeliveryCounters;
import io.syncms.syncms.entity.DeliveryKind;
import io.syncms.syncms.entity.DeliveryListener;
import io.syncms.syncms.entity.MessageTooLargeException;
import io.syncms.syncms.entity.ParticipantClosedException;
import io.syncms.syncms.entity.ParticipantConfig;
import io.syncms.syncms.entity.ParticipantState;
import io.syncms.syncms.entity.ParticipantStatus;
import io.syncms.syncms.entity.Setting;
import io.syncms.syncms.entity.SlaveStatus;
import io.syncms.syncms.entity.SyncInReceipt;
import io.syncms.syncms.entity.SyncMsException;
import io.syncms.syncms.entity.SyncMsTimeoutException;
import io.syncms.syncms.entity.SyncOutReceipt;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * What a master and a slave of a SyncMS group share: joining the group and waiting for the others
 * (initialize), the lifecycle, the synchronized clock, receiving from the datastore with its input
 * checks, delivering to listeners and the history, status and leaving. What differs by role lives in
 * {@link MasterParticipant} and {@link SlaveParticipant}; the boundary's {@code SyncMs} is a facade over
 * one of them. Every step returns a stage that completes on the runtime's scheduler, never on a
 * Hazelcast thread.
 */
public abstract class Participant implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Participant.class.getName());

    protected final ParticipantConfig config;
    protected final ParticipantRuntime runtime;
    protected final String node = UUID.randomUUID().toString();
    protected final GroupChannel channel;
    protected final Lifecycle lifecycle;
    protected final SynchronizedClock clock;
    private final GroupMembership membership = new GroupMembership();
    private final Deliveries deliveries;
    /** The application's page when it runs elsewhere (a WebSocket player); {@code null} for one in this JVM. */
    protected final RemoteApplication remote;
    /** A remote application's clock: master minus the application's clock, once clock sync measured it. */
    protected volatile ClockEstimate applicationClock;
    private final DeliveryHistory history;
    private final List<DeliveryListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong deliverySeq = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong ignoredBeforeListen = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile Map<String, Wire.Member> knownMembers = Map.of();
    protected final ClusterInputCheck inputCheck = new ClusterInputCheck(() -> knownMembers, this::readMembers);
    protected volatile Wire.Member self;
    protected volatile List<String> slaves;
    protected volatile String masterId;
    protected volatile boolean closed;
    private CompletableFuture<Void> initializing;

    protected Participant(ParticipantConfig config, ParticipantRuntime runtime, RemoteApplication remote) {
        this.config = config;
        this.runtime = runtime;
        this.remote = remote;
        this.lifecycle = new Lifecycle(config.role());
        this.clock = new SynchronizedClock(runtime.clock());
        this.history = new DeliveryHistory((int) config.settings().get(Setting.DELIVERY_HISTORY),
                config.settings().get(Setting.DELIVERY_HISTORY_BYTES));
        this.slaves = config.slaves();
        this.channel = new GroupChannel(runtime.hazelcast(), config.group(), new WireCodec());
        this.deliveries = remote != null ? new ForwardedDeliveries() : new DeliveryClock(runtime.clock(), runtime.threads(),
                "syncms-delivery-" + config.group() + "-" + config.id());
        channel.onMembershipChange(this::checkMembership);
        channel.onMessage(this::onMessage);
    }

    /** The master or slave part for the configured role, delivering to an application in this JVM. */
    public static Participant of(ParticipantConfig config, ParticipantRuntime runtime) {
        return of(config, runtime, null);
    }

    /**
     * The master or slave part for the configured role, for an application elsewhere: every delivery is
     * handed over at once (the application keeps the instant), clock sync also measures the application's
     * clock, and a slave's sync-in carries the application's send time.
     */
    public static Participant of(ParticipantConfig config, ParticipantRuntime runtime, RemoteApplication remote) {
        return config.isMaster() ? new MasterParticipant(config, runtime, remote) : new SlaveParticipant(config, runtime, remote);
    }

    // ---------------------------------------------------------------- initialize

    /**
     * Joins the group and completes once the master and every slave it expects have joined; fails after
     * {@code init-timeout} (the participant stays joined, so it may be called again).
     */
    public CompletionStage<Void> initialize() {
        try {
            lifecycle.checkInitialize();
            synchronized (this) {
                if (lifecycle.state() != ParticipantState.CREATED) {
                    return done(null);
                }
                if (initializing != null && !initializing.isDone()) {
                    return onScheduler(initializing);
                }
                initializing = new CompletableFuture<>();
            }
            join();
            CompletableFuture<Void> pending = initializing;
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
        checkBeforeJoining();
        Wire.Member entry = new Wire.Member(config.role().label(), config.id(), node, channel.localMember(), listedSlaves());
        String key = entryKey();
        Wire.Member existing = channel.joinIfAbsent(key, entry);
        if (existing != null && !existing.node().equals(node)) {
            boolean stale = !channel.isClusterMember(existing.member()) && channel.replace(key, existing, entry);
            if (!stale) {
                throw failWith(taken(existing));
            }
        }
        self = entry;
        if (closed) {
            // closed while joining: close() may have looked for the entry before it was there
            channel.leave(key, entry);
            throw new ParticipantClosedException("the participant left group \"" + config.group() + "\" while joining");
        }
    }

    /** Refuses to join before trying: a slave not in its own configured list. */
    protected abstract void checkBeforeJoining();

    /** The slaves this participant's membership entry lists (the master's list; none for a slave). */
    protected abstract List<String> listedSlaves();

    /** This participant's key in the membership map. */
    protected abstract String entryKey();

    /** Why the key is taken by another live participant. */
    protected abstract SyncMsException taken(Wire.Member existing);

    /**
     * What this role finds wrong with the group as it is now (another master; a master that does not
     * list this slave), or empty; a slave that is not listed also leaves.
     */
    protected abstract Optional<SyncMsException> conflictIn(GroupMembership.View view);

    private String waitingFor() {
        GroupMembership.View view = membership.view(channel.members());
        return view.master() == null ? "no master has joined" : "slaves not joined: " + view.missing();
    }

    private void checkMembership() {
        CompletableFuture<Void> pending;
        synchronized (this) {
            pending = initializing;
        }
        if (closed || self == null || pending == null || pending.isDone()) {
            return;
        }
        try {
            GroupMembership.View view = membership.view(readMembers());
            Optional<SyncMsException> conflict = conflictIn(view);
            if (conflict.isPresent()) {
                pending.completeExceptionally(failWith(conflict.get()));
                return;
            }
            if (view.complete()) {
                slaves = view.expected();
                masterId = view.master().id();
                lifecycle.initialized();
                pending.complete(null);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "membership check failed; retried after init-wait", e);
        }
    }

    /**
     * Tells {@code listener} the role and id of every participant that leaves the group from now on (it
     * closed, or its instance left the cluster), other than this one.
     */
    public void onMemberLeft(java.util.function.BiConsumer<String, String> listener) {
        channel.onLeave(member -> {
            if (!closed && !member.node().equals(node)) {
                listener.accept(member.role(), member.id());
            }
        });
    }

    // ---------------------------------------------------------------- the steps each role has its own way

    /** Cristian's algorithm: a slave measures, the master waits for every slave's report. */
    public CompletionStage<Void> clockSync() {
        try {
            lifecycle.checkClockSync();
            return onScheduler(startClockSync());
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /** This role's clock synchronisation, or the one under way. */
    protected abstract CompletableFuture<Void> startClockSync();

    /** Master only (a slave fails with WrongRoleException). */
    public CompletionStage<SyncOutReceipt> syncOut(JsonValue message, boolean resolveImmediately) {
        return failedCheck(() -> {
            checkSize(message);
            lifecycle.checkSyncOut();
        });
    }

    /** Slave only (the master fails with WrongRoleException). */
    public CompletionStage<SyncInReceipt> syncIn(JsonValue message) {
        return failedCheck(() -> {
            checkSize(message);
            lifecycle.checkSyncIn();
        });
    }

    /** Master only. */
    public CompletionStage<Void> enableSyncIn() {
        return failedCheck(() -> lifecycle.checkSyncInSwitch("enableSyncIn"));
    }

    /** Master only. */
    public CompletionStage<Void> disableSyncIn() {
        return failedCheck(() -> lifecycle.checkSyncInSwitch("disableSyncIn"));
    }

    private <T> CompletionStage<T> failedCheck(Runnable check) {
        try {
            check.run();
            return failed(new IllegalStateException("not for a " + config.role().label()));
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    public boolean isSyncInEnabled() {
        return false;
    }

    // ---------------------------------------------------------------- listen

    /**
     * Starts handing messages to the application: to {@code listener} (may be null) and to every listener
     * added before. Messages that arrive before the first listen are counted, not delivered.
     */
    public CompletionStage<Void> listen(DeliveryListener listener) {
        try {
            lifecycle.checkListen();
            if (listener != null) {
                listeners.add(listener);
            }
            lifecycle.listening();
            return done(null);
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
            receiveSyncOut(out, publisher, now);
        } else if (wire instanceof Wire.SyncIn in) {
            if (in.from().equals(config.id()) || acceptable(inputCheck.fromSlave(in.from(), in, publisher, now), wire)) {
                receiveSyncIn(in);
            }
        }
    }

    /** A sync-out message seen on the group's topic (the master sees its own). */
    protected abstract void receiveSyncOut(Wire.SyncOut out, String publisher, long nowMicros);

    /** A sync-in message that passed the input check (or this participant's own). */
    protected abstract void receiveSyncIn(Wire.SyncIn in);

    private void receiveForeign(Wire.Foreign foreign) {
        if (!listening()) {
            return;
        }
        deliverNow(DeliveryKind.UNKNOWN, null, null, foreign.content(), null, null, false);
    }

    /** Whether deliveries go to the application yet; one that arrives before is counted as ignored. */
    protected boolean listening() {
        if (lifecycle.isListening()) {
            return true;
        }
        ignoredBeforeListen.incrementAndGet();
        return false;
    }

    protected void deliverNow(DeliveryKind kind, String from, String messageId, JsonValue message, Long sentAt,
                              Long deliverAt, boolean isLate) {
        deliveries.now(() -> deliver(kind, from, messageId, message, sentAt, deliverAt, isLate));
    }

    /** Delivers at a local instant (epoch microseconds) as precisely as the delivery clock can. */
    protected void deliverAt(long localMicros, DeliveryKind kind, String from, String messageId, JsonValue message,
                             Long deliverAt) {
        deliveries.at(localMicros, () -> deliver(kind, from, messageId, message, null, deliverAt, false));
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

    /** The membership map, read from the cluster (and kept as what the input checks know). */
    protected Map<String, Wire.Member> readMembers() {
        Map<String, Wire.Member> members = channel.members();
        knownMembers = members;
        return members;
    }

    /** Whether a message from the cluster passed its check; one that did not is counted and ignored. */
    protected boolean acceptable(Optional<String> problem, Wire wire) {
        problem.ifPresent(why -> {
            rejected.incrementAndGet();
            LOG.fine(() -> "Group " + config.group() + " ignored " + wire.getClass().getSimpleName() + ": " + why);
        });
        return problem.isEmpty();
    }

    /** Counts a message refused for its sender or content. */
    protected void reject() {
        rejected.incrementAndGet();
    }

    // ---------------------------------------------------------------- status

    public ParticipantConfig config() {
        return config;
    }

    public ParticipantState state() {
        return lifecycle.state();
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
                lifecycle.failure(), isSyncInEnabled(), clockStatus(), slaveStatuses(), counters(), config.settings());
    }

    /** The delivery counters alone (cheaper than {@link #status()}, which reads the cluster's membership). */
    public DeliveryCounters counters() {
        return new DeliveryCounters(delivered.get(), late.get(), droppedSyncIn(), ignoredBeforeListen.get(), rejected.get());
    }

    /** Sync-in messages the master dropped (sent while it was disabled); 0 for a slave. */
    protected long droppedSyncIn() {
        return 0;
    }

    /** What this participant knows about time now (for a remote application: about the application's clock). */
    public abstract ClockStatus clockStatus();

    /** A remote application's clock (master minus the application's clock), once clock sync measured it. */
    public Optional<ClockEstimate> applicationClock() {
        return Optional.ofNullable(applicationClock);
    }

    /** The estimate a remote application's clock status shows. */
    protected ClockStatus applicationClockStatus(ClockEstimate estimate) {
        return new ClockStatus(estimate.offsetMicros(), estimate.errorBoundMicros(), estimate.oneWayDelayMicros(),
                estimate.samplesUsed(), null, null);
    }

    /** Measures the remote application's clock, or completes at once for one in this JVM. */
    protected CompletableFuture<ClockEstimate> measureApplicationClock() {
        return remote == null ? CompletableFuture.completedFuture(null) : remote.measureClock();
    }

    /** The slaves of the group, whether they joined, and what the master knows of their clocks. */
    protected List<SlaveStatus> slaveStatuses() {
        Map<String, Wire.Member> members = closed ? Map.of() : safeMembers();
        List<SlaveStatus> result = new ArrayList<>();
        for (String slave : slaves) {
            result.add(slaveStatus(slave, members.containsKey(GroupMembership.slaveKey(slave))));
        }
        return result;
    }

    protected SlaveStatus slaveStatus(String slave, boolean joined) {
        return new SlaveStatus(slave, joined, null, null, null);
    }

    private Map<String, Wire.Member> safeMembers() {
        try {
            return channel.members();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    // ---------------------------------------------------------------- leaving

    /** Leaves the group: removes this participant's entry and listeners; pending steps fail. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        lifecycle.fail("left the group");
        ParticipantClosedException left = new ParticipantClosedException("the participant left group \"" + config.group() + "\"");
        synchronized (this) {
            if (initializing != null) {
                initializing.completeExceptionally(left);
            }
        }
        closeRole(left);
        try {
            if (self != null) {
                channel.leave(entryKey(), self);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not remove the membership entry; the cluster may be shutting down", e);
        } finally {
            channel.close();
            deliveries.close();
        }
    }

    /** Ends what the role has pending (its clock sync, its sync-in window). */
    protected abstract void closeRole(ParticipantClosedException left);

    // ---------------------------------------------------------------- helpers

    protected void checkSize(JsonValue message) {
        if (message == null) {
            throw new IllegalArgumentException("message is missing");
        }
        long max = config.settings().get(Setting.MAX_MESSAGE_BYTES);
        int size = message.toString().getBytes(StandardCharsets.UTF_8).length;
        if (size > max) {
            throw new MessageTooLargeException("the message has " + size + " bytes, more than max-message-bytes " + max);
        }
    }

    protected RuntimeException failWith(SyncMsException reason) {
        lifecycle.fail(reason.getMessage());
        return reason;
    }

    protected <T> CompletionStage<T> done(T value) {
        return onScheduler(CompletableFuture.completedFuture(value));
    }

    protected <T> CompletionStage<T> failed(Throwable error) {
        return onScheduler(CompletableFuture.failedFuture(error));
    }

    protected <T> CompletionStage<T> onScheduler(CompletableFuture<T> source) {
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
