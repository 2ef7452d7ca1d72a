package io.syncms.players.control;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.clock.control.WallClock;
import io.syncms.clock.entity.ClockEstimate;
import io.syncms.platform.entity.LimitExceededException;
import io.syncms.players.entity.PlayerGrant;
import io.syncms.players.entity.PlayerLimits;
import io.syncms.syncms.control.ClockSampler;
import io.syncms.syncms.control.Participant;
import io.syncms.syncms.control.RemoteApplication;
import io.syncms.syncms.control.SlaveParticipant;
import io.syncms.syncms.control.Wire;
import io.syncms.syncms.entity.GroupSettings;
import io.syncms.syncms.entity.ParticipantConfig;
import io.syncms.syncms.entity.Role;
import io.syncms.syncms.entity.Setting;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One player's socket: the protocol {@code syncms.v1} between a page and the participant it is in this
 * instance. The page asks for the seed's steps ({@code initialize}, {@code clock_sync}, {@code listen},
 * {@code sync_out}, {@code sync_in}, {@code enable_sync_in}, {@code disable_sync_in}, {@code status},
 * {@code close}), each answered by its request number; the instance sends deliveries as they reach the
 * participant, tells who left, and pings the page for Cristian's algorithm, this instance asking. The
 * socket closing is the participant crashing: it leaves and the others are told.
 */
public final class PlayerSession implements RemoteApplication {

    private static final Logger LOG = Logger.getLogger(PlayerSession.class.getName());
    /** Request numbers are JavaScript integers. */
    private static final long MAX_REQUEST = (1L << 53) - 1;

    private final String group;
    private final PlayerGrant grant;
    private final PlayerSocket socket;
    private final PlayerParticipants participants;
    private final ScheduledExecutorService scheduler;
    private final WallClock clock;
    private final PlayerLimits limits;
    private final Function<Throwable, JsonObject> problems;
    private final OperationBudget budget;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger invalid = new AtomicInteger();
    private volatile Participant participant;
    private volatile ClockSampler probe;
    private volatile String probeNode;
    private final java.util.concurrent.atomic.AtomicBoolean forwarding = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean closed;

    public PlayerSession(String group, PlayerGrant grant, PlayerSocket socket, PlayerParticipants participants,
            ScheduledExecutorService scheduler, WallClock clock, PlayerLimits limits, Function<Throwable, JsonObject> problems) {
        this.group = group;
        this.grant = grant;
        this.socket = socket;
        this.participants = participants;
        this.scheduler = scheduler;
        this.clock = clock;
        this.limits = limits;
        this.problems = problems;
        this.budget = new OperationBudget(limits.operationsPerSecond(), clock::monotonicNanos);
    }

    // ---------------------------------------------------------------- frames from the page

    /** One text frame from the page. Never throws: a frame that is not the protocol's is answered with a 400. */
    public void onText(String text) {
        if (closed) {
            return;
        }
        JsonObject frame;
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            frame = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            refuse(null, new IllegalArgumentException("a frame is one JSON object: " + e.getMessage()));
            return;
        }
        if (frame.containsKey("pong")) {
            onPong(frame);
            return;
        }
        Long request = requestNumber(frame.get("req"));
        if (request == null) {
            refuse(null, new IllegalArgumentException("a request needs \"req\", an integer from 1 to 2^53-1"));
            return;
        }
        if (!(frame.get("op") instanceof JsonString op)) {
            refuse(request, new IllegalArgumentException("a request needs \"op\", a string"));
            return;
        }
        if (!budget.take()) {
            answer(request, CompletableFuture.failedFuture(LimitExceededException.tooMany("SYNCMS-LIMIT4",
                    "more than " + limits.operationsPerSecond() + " operations a second", java.time.Duration.ofSeconds(1))));
            return;
        }
        if (pending.incrementAndGet() > limits.maxPendingOperations()) {
            pending.decrementAndGet();
            answer(request, CompletableFuture.failedFuture(LimitExceededException.tooMany("SYNCMS-LIMIT4",
                    limits.maxPendingOperations() + " operations are not answered yet", java.time.Duration.ofSeconds(1))));
            return;
        }
        CompletionStage<JsonValue> result;
        try {
            result = perform(op.getString(), frame);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((value, error) -> pending.decrementAndGet());
        answer(request, result);
        if (op.getString().equals("close")) {
            closed = true;
            socket.close(1000, "closed by the page"); // after the answer, which is queued already
        }
    }

    private CompletionStage<JsonValue> perform(String op, JsonObject frame) {
        if (op.equals("initialize")) {
            return initialize(frame);
        }
        Participant part = participant;
        if (part == null) {
            throw new IllegalArgumentException("\"" + op + "\" before \"initialize\": initialize first");
        }
        return switch (op) {
            case "clock_sync" -> part.clockSync().thenApply(done -> PlayerFrames.clock(part.applicationClock().orElseThrow()));
            // the socket's listener once, however often the page asks
            case "listen" -> part.listen(forwarding.compareAndSet(false, true) ? delivery -> socket.send(PlayerFrames.delivery(delivery))
                    : null).thenApply(done -> JsonValue.TRUE);
            case "sync_out" -> part.syncOut(message(frame), true).thenApply(receipt -> JSON.createObjectBuilder()
                    .add("messageId", receipt.messageId()).add("deliverAt", PlayerFrames.millis(receipt.deliverAtMicros())).build());
            case "sync_in" -> syncIn(part, frame);
            case "enable_sync_in" -> part.enableSyncIn().thenApply(done -> JsonValue.TRUE);
            case "disable_sync_in" -> part.disableSyncIn().thenApply(done -> JsonValue.TRUE);
            case "status" -> CompletableFuture.completedFuture(PlayerFrames.status(part.status(), part.isSyncInEnabled()));
            case "close" -> {
                leave();
                yield CompletableFuture.completedFuture(JsonValue.TRUE);
            }
            default -> throw new IllegalArgumentException("unknown op \"" + op + "\"");
        };
    }

    private CompletionStage<JsonValue> initialize(JsonObject frame) {
        Participant existing = participant;
        if (existing != null) {
            // initialize again, as after a timeout: the same participant waits for the group once more
            return existing.initialize().thenApply(done -> joined(existing));
        }
        Role role = Role.parse(string(frame, "role", true));
        String id = string(frame, "id", true);
        String refusal = grant.refusal(group, role, id);
        if (refusal != null) {
            throw new PlayerForbiddenException(refusal);
        }
        ParticipantConfig config = new ParticipantConfig(group, role, id, slaves(frame),
                participants.settingsFor(group).with(settings(frame, role)));
        Participant created;
        synchronized (this) {
            if (participant != null || closed) {
                throw new IllegalArgumentException("initialize is under way on this socket");
            }
            created = participants.create(config, this);
            // before anyone else can see it: a socket that closes now closes a participant that is complete
            created.onMemberLeft((leftRole, leftId) -> socket.send(PlayerFrames.left(leftRole, leftId)));
            participant = created;
        }
        return created.initialize().whenComplete((done, error) -> {
            if (error != null && created.state() == io.syncms.syncms.entity.ParticipantState.FAILED) {
                // refused for good (id taken, a second master): free the place; the page may initialize again
                detach(created);
            }
        }).thenApply(done -> joined(created));
    }

    private void detach(Participant failed) {
        synchronized (this) {
            if (participant != failed) {
                return;
            }
            participant = null;
        }
        failed.close();
        participants.closed(failed);
    }

    private static JsonValue joined(Participant part) {
        ParticipantConfig config = part.config();
        return JSON.createObjectBuilder().add("group", config.group()).add("role", config.role().label())
                .add("id", config.id()).add("slaves", JSON.createArrayBuilder(part.status().slaves().stream()
                        .map(slave -> slave.id()).toList())).build();
    }

    private CompletionStage<JsonValue> syncIn(Participant part, JsonObject frame) {
        JsonValue message = message(frame);
        if (!(part instanceof SlaveParticipant slave)) {
            return part.syncIn(message).thenApply(receipt -> JsonValue.NULL);
        }
        if (!(frame.get("sentAt") instanceof JsonNumber sentAt) || !Double.isFinite(sentAt.doubleValue())) {
            throw new IllegalArgumentException("sync_in needs \"sentAt\", the send time in epoch milliseconds on the master's clock");
        }
        return slave.syncIn(message, Math.round(sentAt.doubleValue() * 1000)).thenApply(receipt -> JSON.createObjectBuilder()
                .add("messageId", receipt.messageId()).add("sentAt", PlayerFrames.millis(receipt.sentAtMicros()))
                .add("seq", receipt.seq()).build());
    }

    private void answer(long request, CompletionStage<JsonValue> result) {
        result.whenComplete((value, error) -> {
            if (error == null) {
                socket.send(PlayerFrames.result(request, value));
            } else {
                refuse(request, error);
            }
        });
    }

    private void refuse(Long request, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        socket.send(PlayerFrames.error(request, problems.apply(cause)));
        if (request == null && invalid.incrementAndGet() > limits.maxInvalidFrames()) {
            LOG.fine(() -> "player socket of group " + group + " closed after " + limits.maxInvalidFrames() + " invalid frames");
            close(1008, "too many invalid frames");
        }
    }

    // ---------------------------------------------------------------- clock: this instance asks the page

    @Override
    public CompletableFuture<ClockEstimate> measureClock() {
        Participant part = participant;
        GroupSettings settings = part.config().settings();
        ClockSampler previous = probe;
        if (previous != null) {
            previous.cancel();
        }
        // a fresh node per measurement: a late pong of an earlier one cannot count as a sample of this one
        String measurement = UUID.randomUUID().toString();
        ClockSampler sampler = new ClockSampler(clock, scheduler, request -> socket.send(PlayerFrames.ping(request.request())),
                part.config().id(), measurement, (int) settings.get(Setting.CLOCK_SYNC_ITERATIONS), settings.get(Setting.CLOCK_SYNC_WAIT),
                settings.get(Setting.CLOCK_SYNC_CYCLE_DELAY), "the player's page");
        synchronized (this) {
            probe = sampler;
            probeNode = measurement;
        }
        return sampler.start();
    }

    private void onPong(JsonObject frame) {
        ClockSampler sampler = probe;
        Long request = requestNumber(frame.get("pong"));
        if (request == null || !(frame.get("t") instanceof JsonNumber time) || !Double.isFinite(time.doubleValue())
                || Math.abs(time.doubleValue()) > 1e15) {
            refuse(null, new IllegalArgumentException("a pong is {\"pong\": <ping number>, \"t\": <the page's clock, epoch ms>}"));
            return;
        }
        Participant part = participant;
        if (sampler != null && part != null) {
            sampler.onReply(new Wire.ClockReply(part.config().id(), probeNode, request, Math.round(time.doubleValue() * 1000)));
        }
    }

    // ---------------------------------------------------------------- closing

    /** The socket closed (or failed): the participant leaves, as a crashed one would. */
    public void onClose() {
        closed = true;
        leave();
    }

    private void close(int code, String reason) {
        closed = true;
        leave();
        socket.close(code, reason);
    }

    private void leave() {
        Participant part;
        synchronized (this) {
            part = participant;
        }
        ClockSampler sampler = probe;
        if (sampler != null) {
            sampler.cancel();
        }
        if (part != null) {
            try {
                part.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing a player's participant failed; the cluster may be shutting down", e);
            } finally {
                participants.closed(part);
            }
        }
    }

    // ---------------------------------------------------------------- reading requests

    private static Long requestNumber(JsonValue value) {
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                long result = number.longValueExact();
                return result >= 1 && result <= MAX_REQUEST ? result : null;
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    private static JsonValue message(JsonObject frame) {
        JsonValue message = frame.get("message");
        if (message == null) {
            throw new IllegalArgumentException("\"message\" is missing");
        }
        return message;
    }

    private static String string(JsonObject frame, String name, boolean required) {
        JsonValue value = frame.get(name);
        if (value instanceof JsonString text) {
            return text.getString();
        }
        if (value == null && !required) {
            return null;
        }
        throw new IllegalArgumentException("\"" + name + "\" must be a string");
    }

    private static List<String> slaves(JsonObject frame) {
        JsonValue value = frame.get("slaves");
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > ParticipantConfig.MAX_SLAVES) {
            throw new IllegalArgumentException("\"slaves\" must be an array of at most " + ParticipantConfig.MAX_SLAVES + " ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonValue id : array) {
            if (!(id instanceof JsonString text)) {
                throw new IllegalArgumentException("\"slaves\" holds ids, which are strings");
            }
            ids.add(text.getString());
        }
        return ids;
    }

    /**
     * What a page may set for itself: how it joins and samples its clock, and, as the master, its group's
     * margins. The rest (the sync-in margin a slave's stamps are held to, reply waits, message and history
     * sizes) is the instance's: a page that set them could widen its own stamp allowance or pin memory.
     */
    static final java.util.Set<Setting> PAGE_SETTINGS = java.util.EnumSet.of(Setting.INIT_WAIT, Setting.INIT_TIMEOUT,
            Setting.CLOCK_SYNC_ITERATIONS, Setting.CLOCK_SYNC_CYCLE_DELAY, Setting.CLOCK_SYNC_TIMEOUT, Setting.MASTER_CLOCK_SYNC_FINISH);
    static final java.util.Set<Setting> MASTER_PAGE_SETTINGS = java.util.EnumSet.of(Setting.SYNC_OUT_MARGIN, Setting.SYNC_IN_MARGIN);
    /** Clock samples a page may ask for: each is a ping the instance sends. */
    static final long MAX_PAGE_SAMPLES = 200;

    private static Map<Setting, Long> settings(JsonObject frame, Role role) {
        Map<Setting, Long> overrides = settings(frame);
        for (Setting setting : overrides.keySet()) {
            if (!PAGE_SETTINGS.contains(setting) && !(role == Role.MASTER && MASTER_PAGE_SETTINGS.contains(setting))) {
                throw new IllegalArgumentException(setting.jsonKey() + " is the instance's setting, not a "
                        + role.label() + " page's (a page may set " + PAGE_SETTINGS.stream().map(Setting::jsonKey).toList()
                        + (role == Role.MASTER ? " and " + MASTER_PAGE_SETTINGS.stream().map(Setting::jsonKey).toList() : "") + ")");
            }
        }
        if (overrides.getOrDefault(Setting.CLOCK_SYNC_ITERATIONS, 0L) > MAX_PAGE_SAMPLES) {
            throw new IllegalArgumentException("a page asks for at most " + MAX_PAGE_SAMPLES + " clock samples");
        }
        return overrides;
    }

    private static Map<Setting, Long> settings(JsonObject frame) {
        JsonValue value = frame.get("settings");
        Map<Setting, Long> overrides = new EnumMap<>(Setting.class);
        if (value == null || value == JsonValue.NULL) {
            return overrides;
        }
        if (!(value instanceof JsonObject object)) {
            throw new IllegalArgumentException("\"settings\" must be an object");
        }
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            Setting setting = Setting.byJsonKey(entry.getKey());
            if (!(entry.getValue() instanceof JsonNumber number) || !number.isIntegral()) {
                throw new IllegalArgumentException(entry.getKey() + " must be a whole number");
            }
            try {
                overrides.put(setting, number.longValueExact());
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(entry.getKey() + " is out of range");
            }
        }
        return overrides;
    }
}
