package io.syncms.players.boundary;

import io.syncms.clock.control.WallClock;
import io.syncms.platform.boundary.Problems;
import io.syncms.platform.entity.LimitExceededException;
import io.syncms.players.control.PlayerParticipants;
import io.syncms.players.control.PlayerSession;
import io.syncms.players.control.PlayerSocket;
import io.syncms.players.control.PlayerTokens;
import io.syncms.players.entity.PlayerGrant;
import io.syncms.players.entity.PlayerLimits;
import io.syncms.security.boundary.ApiSecurity;
import io.syncms.syncms.boundary.SettingsConfig;
import io.syncms.syncms.boundary.SyncMsRegistry;
import io.syncms.syncms.control.Participant;
import io.syncms.syncms.control.RemoteApplication;
import io.syncms.syncms.entity.GroupSettings;
import io.syncms.syncms.entity.ParticipantConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import io.syncms.platform.boundary.MetricMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This instance's players: creates the session of each socket, the participant of each session (at
 * most {@code syncms.players.max} at once) and checks player tokens.
 */
@ApplicationScoped
public class Players implements PlayerParticipants {

    static final String TOKEN_KEY_PURPOSE = "syncms player tokens v1";

    @Inject
    SyncMsRegistry registry;

    @Inject
    SettingsConfig settingsConfig;

    @Inject
    ApiSecurity security;

    @Inject
    Problems problems;

    /** The most players (WebSocket participants) this instance serves at once, in all groups together. */
    @Inject
    @ConfigProperty(name = "syncms.players.max", defaultValue = "4000")
    int maxPlayers;

    @Inject
    @ConfigProperty(name = "syncms.players.operations-per-second", defaultValue = "200")
    int operationsPerSecond;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private final Set<Participant> participants = ConcurrentHashMap.newKeySet();
    private ExecutorService closer;
    private PlayerLimits limits;

    @PostConstruct
    void startCloser() {
        PlayerLimits defaults = PlayerLimits.defaults();
        limits = new PlayerLimits(defaults.maxFrameBytes(), defaults.maxPendingOperations(), operationsPerSecond,
                defaults.maxQueuedFrames(), defaults.maxInvalidFrames());
        // one thread: closing is quick, and a close that waits for the container's writer waits alone
        closer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = threads.newThread(runnable);
            thread.setName("syncms-player-closer");
            thread.setDaemon(true);
            return thread;
        });
    }
    private final WallClock clock = new WallClock();
    private volatile PlayerTokens tokens;

    PlayerSession session(String group, PlayerGrant grant, PlayerSocket socket) {
        return new PlayerSession(group, grant, socket, this, registry.remoteRuntime().scheduler(), clock, limits(),
                failure -> problems.of(failure).toJson());
    }

    /** Where player sockets are closed, off the container's threads (see {@link PlayerWebSocket}). */
    java.util.concurrent.Executor closer() {
        return closer;
    }

    PlayerLimits limits() {
        return limits;
    }

    PlayerTokens tokens() {
        PlayerTokens ready = tokens;
        if (ready == null) {
            ready = new PlayerTokens(security.derivedKey(TOKEN_KEY_PURPOSE), Clock.systemUTC());
            tokens = ready;
        }
        return ready;
    }

    @Override
    public Participant create(ParticipantConfig config, RemoteApplication application) {
        synchronized (participants) {
            if (participants.size() >= maxPlayers) {
                throw LimitExceededException.atCapacity("SYNCMS-LIMIT3", "this instance serves " + participants.size()
                        + " players, its limit (syncms.players.max)", Duration.ofSeconds(30));
            }
            Participant participant = Participant.of(config, registry.remoteRuntime(), application);
            participants.add(participant);
            return participant;
        }
    }

    @Override
    public void closed(Participant participant) {
        participants.remove(participant);
    }

    @Override
    public GroupSettings settingsFor(String group) {
        return settingsConfig.forGroup(group);
    }

    /** How many players this instance serves now. */
    public int count() {
        return participants.size();
    }

    @Inject
    MetricRegistry metrics;

    /** Operators see how many players the instance serves: {@code syncms_players} in {@code /metrics}. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        metrics.gauge(MetricMetadata.of("syncms.players", "Players (WebSocket participants) this instance serves now, "
                + "of at most syncms.players.max", MetricUnits.NONE), this, Players::count);
    }

    @PreDestroy
    void leaveAll() {
        participants.forEach(Participant::close);
        participants.clear();
        closer.shutdownNow();
    }
}
