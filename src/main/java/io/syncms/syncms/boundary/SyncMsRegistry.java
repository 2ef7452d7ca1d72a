package io.syncms.syncms.boundary;

import com.hazelcast.core.HazelcastInstance;
import io.syncms.clock.control.WallClock;
import io.syncms.syncms.control.ParticipantRuntime;
import io.syncms.syncms.control.ScheduledWakeups;
import io.syncms.syncms.control.Wakeups;
import io.syncms.syncms.entity.AlreadyParticipatingException;
import io.syncms.syncms.entity.GroupNotFoundException;
import io.syncms.syncms.entity.ParticipantConfig;
import io.syncms.syncms.entity.Role;
import io.syncms.platform.entity.LimitExceededException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates and keeps this instance's participants, at most one per group. Inject it to take part in groups
 * programmatically; {@code @Inject SyncMs} gives the participant configured by MicroProfile Config.
 */
@ApplicationScoped
public class SyncMsRegistry {

    @Inject
    HazelcastInstance hazelcast;

    @Inject
    Wakeups ejbTimers;

    /** What closes the sync-in max_wait windows: {@code ejb} (EJB timers) or {@code executor} (managed scheduled executor). */
    @Inject
    @ConfigProperty(name = "syncms.sync-in-timers", defaultValue = "executor")
    String syncInTimers;

    @Inject
    DeliveryEvents deliveryEvents;

    /** The most groups this instance takes part in at once (each participant has a delivery thread). */
    @Inject
    @ConfigProperty(name = "syncms.max-participants", defaultValue = "256")
    int maxParticipants;

    @Inject
    SettingsConfig settingsConfig;

    @Inject
    SyncMsMetrics metrics;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private final Map<String, SyncMs> participants = new ConcurrentHashMap<>();
    private ParticipantRuntime runtime;
    private ParticipantRuntime remoteRuntime;

    @PostConstruct
    void init() {
        WallClock clock = new WallClock();
        Wakeups wakeups = switch (syncInTimers) {
            case "ejb" -> ejbTimers;
            case "executor" -> new ScheduledWakeups(scheduler, clock);
            default -> throw new IllegalArgumentException("syncms.sync-in-timers must be ejb or executor, not " + syncInTimers);
        };
        runtime = new ParticipantRuntime(hazelcast, scheduler, wakeups, threads, deliveryEvents, clock);
        // a player's deliveries go to its socket only: the group's event stream shows this instance's own participant
        remoteRuntime = new ParticipantRuntime(hazelcast, scheduler, wakeups, threads, delivery -> { }, clock);
    }

    /** What participants of remote applications (WebSocket players) run on: as this instance's, without CDI events. */
    public ParticipantRuntime remoteRuntime() {
        return remoteRuntime;
    }

    /** Takes part in {@code config.group()}; fails if this instance already does. */
    public SyncMs join(ParticipantConfig config) {
        SyncMs[] created = new SyncMs[1];
        SyncMs participant = participants.computeIfAbsent(config.group(), group -> created[0] = newParticipant(config));
        if (participant != created[0]) {
            throw new AlreadyParticipatingException("this instance already takes part in group \"" + config.group()
                    + "\" as " + participant.role().label() + " \"" + participant.id() + "\"");
        }
        return participant;
    }

    /** Takes part in {@code group} with the settings MicroProfile Config gives for it. */
    public SyncMs join(String group, Role role, String id, List<String> slaves) {
        return join(new ParticipantConfig(group, role, id, slaves, settingsConfig.forGroup(group)));
    }

    /** The participant of {@code config.group()}, joined now if there is none. */
    public SyncMs joinOrGet(ParticipantConfig config) {
        return participants.computeIfAbsent(config.group(), group -> newParticipant(config));
    }

    /** @throws LimitExceededException (503) if the instance takes part in {@code syncms.max-participants} groups */
    private SyncMs newParticipant(ParticipantConfig config) {
        if (participants.size() >= maxParticipants) {
            throw LimitExceededException.atCapacity("SYNCMS-LIMIT1", "this instance takes part in " + participants.size()
                    + " groups, its limit (syncms.max-participants)", Duration.ofSeconds(30));
        }
        SyncMs participant = new SyncMs(config, runtime);
        metrics.joined(participant);
        return participant;
    }

    public Optional<SyncMs> find(String group) {
        return Optional.ofNullable(participants.get(group));
    }

    public SyncMs get(String group) {
        return find(group).orElseThrow(() -> new GroupNotFoundException("this instance takes no part in group \"" + group + "\""));
    }

    public Collection<SyncMs> all() {
        return List.copyOf(participants.values());
    }

    /** Leaves {@code group}: the participant's membership entry and listeners are removed. */
    public void leave(String group) {
        SyncMs participant = participants.remove(group);
        if (participant == null) {
            throw new GroupNotFoundException("this instance takes no part in group \"" + group + "\"");
        }
        metrics.left(group);
        participant.close();
    }

    @PreDestroy
    void leaveAll() {
        participants.values().forEach(SyncMs::close);
        participants.clear();
    }
}
