package io.syncms.bench.fairness;

import io.syncms.clock.control.WallClock;
import io.syncms.syncms.boundary.SyncMs;
import io.syncms.syncms.entity.ClockStatus;
import io.syncms.syncms.entity.Delivery;
import io.syncms.syncms.entity.DeliveryKind;
import io.syncms.syncms.entity.GroupSettings;
import io.syncms.syncms.entity.ParticipantConfig;
import io.syncms.syncms.entity.Role;
import io.syncms.syncms.entity.Setting;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One run on the real {@link SyncMs} participants: the master syncs out each round's update, every player's
 * application gets it at the delivery time and answers with one sync-in action, which the master's
 * application gets in fair order once the window W has passed.
 */
public class SyncMsGame {

    /** Added to D and W, as the production default. */
    static final long MARGIN_MILLIS = 20;

    /** Production lifecycle, with clock synchronisation shortened so that a run starts within seconds. */
    static GroupSettings settings(long syncInMarginMillis) {
        return GroupSettings.defaults()
                .with(Setting.INIT_WAIT, 50)
                .with(Setting.INIT_TIMEOUT, 30_000)
                .with(Setting.CLOCK_SYNC_WAIT, 1_000)
                .with(Setting.CLOCK_SYNC_TIMEOUT, 30_000)
                .with(Setting.CLOCK_SYNC_CYCLE_DELAY, 10)
                .with(Setting.CLOCK_SYNC_ITERATIONS, 8)
                .with(Setting.MASTER_CLOCK_SYNC_FINISH, 30_000)
                .with(Setting.SYNC_OUT_MARGIN, MARGIN_MILLIS)
                .with(Setting.SYNC_IN_MARGIN, syncInMarginMillis)
                .with(Setting.DELIVERY_HISTORY, 100);
    }

    private final BenchEnvironment env;
    private final FairnessOptions options;
    private final Scenario scenario;
    private final Mode mode;
    private final String group = "fair-" + UUID.randomUUID().toString().substring(0, 8);
    private final GameLog log = new GameLog();
    private final List<SyncMs> players = new ArrayList<>();
    private final List<SkewedClock> clocks = new ArrayList<>();
    private SyncMs master;

    public SyncMsGame(BenchEnvironment env, FairnessOptions options, Scenario scenario, Mode mode) {
        this.env = env;
        this.options = options;
        this.scenario = scenario;
        this.mode = mode;
    }

    public RunResult play() throws Exception {
        WindowShortener shortener = mode.shortensWindow() ? new WindowShortener(mode.windowFactor()) : null;
        try {
            join(shortener);
            if (options.offsetFromStart()) {
                skewClocks();
            }
            awaitAll(SyncMs::initialize);
            awaitAll(SyncMs::clockSync);
            if (!options.offsetFromStart()) {
                skewClocks();
            }
            listen();
            await(master.enableSyncIn());
            RoundPacer.play(options.rounds(), options.periodMillis(),
                    round -> master.syncOut(GameMessages.update(round), true));
            log.awaitProcessed(scenario.size() * options.rounds(), drainMillis());
            return result(shortener);
        } finally {
            players.forEach(SyncMs::close);
            if (master != null) {
                master.close();
            }
        }
    }

    private void join(WindowShortener shortener) {
        long margin = shortener == null ? MARGIN_MILLIS : shortener.margin(MARGIN_MILLIS);
        Map<String, UnaryOperator<String>> rewriters = shortener == null ? Map.of()
                : Map.of("syncms." + group + ".clock", shortener);
        master = new SyncMs(new ParticipantConfig(group, Role.MASTER, "master", scenario.players(), settings(margin)),
                env.runtime(env.masterView(rewriters), new WallClock()));
        for (int p = 0; p < scenario.size(); p++) {
            SkewedClock clock = new SkewedClock();
            clocks.add(clock);
            players.add(new SyncMs(new ParticipantConfig(group, Role.SLAVE, scenario.players().get(p), List.of(),
                    settings(margin)), env.runtime(env.playerView(scenario, p), clock)));
        }
    }

    private void skewClocks() {
        for (int p = 0; p < clocks.size(); p++) {
            clocks.get(p).setOffsetMicros(scenario.offsetMillis(p, mode.offsetMillis()) * 1_000);
        }
    }

    private void listen() throws Exception {
        await(master.listen(this::onMasterDelivery));
        for (int p = 0; p < players.size(); p++) {
            SyncMs participant = players.get(p);
            ReactingPlayer player = new ReactingPlayer(p, scenario, log, env.applications(),
                    round -> participant.syncIn(GameMessages.action(participant.id(), round)));
            await(participant.listen(delivery -> onPlayerDelivery(player, delivery)));
        }
    }

    private void onMasterDelivery(Delivery delivery) {
        long now = TrueClock.nowMicros();
        if (delivery.kind() == DeliveryKind.SYNC_IN) {
            JsonObject action = delivery.message().asJsonObject();
            log.actionProcessed(GameMessages.player(action), GameMessages.round(action), now,
                    delivery.sentAtMicros(), delivery.late());
        }
    }

    private static void onPlayerDelivery(ReactingPlayer player, Delivery delivery) {
        if (delivery.kind() == DeliveryKind.SYNC_OUT) {
            player.onUpdate(GameMessages.round(delivery.message().asJsonObject()));
        }
    }

    /** Time to wait after the last update for the last actions: reaction, both ways through the links, W, slack. */
    private long drainMillis() {
        ClockStatus clock = master.status().clock();
        return options.maxReactionMillis() + 2 * (options.maxDelayMillis() + options.jitterMillis())
                + clock.deliveryDelayMicros() / 1_000 + clock.maxWaitMicros() / 1_000 + 3_000;
    }

    private RunResult result(WindowShortener shortener) {
        ClockStatus clock = master.status().clock();
        long syncOutLate = players.stream().mapToLong(p -> p.status().counters().late()).sum();
        long[] offsets = new long[scenario.size()];
        long[] clockErrors = new long[scenario.size()];
        for (int p = 0; p < offsets.length; p++) {
            offsets[p] = clocks.get(p).offsetMicros() / 1_000;
            clockErrors[p] = clockError(p);
        }
        return new RunResult(mode, scenario, options.rounds(), log, master.status().counters().late(), syncOutLate,
                clock.maxWaitMicros(),
                shortener == null ? clock.maxWaitMicros() : shortener.productionWindowMicros(MARGIN_MILLIS),
                clock.deliveryDelayMicros(), offsets, clockErrors);
    }

    /**
     * How far player {@code p}'s clock synchronisation missed: its estimate of (master clock − own clock) minus
     * the true value during synchronisation, which is minus its offset if the offset was already there, else 0.
     */
    private long clockError(int p) {
        long skewDuringSync = options.offsetFromStart() ? clocks.get(p).offsetMicros() : 0;
        return players.get(p).status().clock().offsetMicros() + skewDuringSync;
    }

    private void awaitAll(Function<SyncMs, CompletionStage<SyncMs>> step) throws Exception {
        List<CompletionStage<SyncMs>> stages = new ArrayList<>();
        stages.add(step.apply(master));
        players.forEach(p -> stages.add(step.apply(p)));
        for (CompletionStage<SyncMs> stage : stages) {
            await(stage);
        }
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
