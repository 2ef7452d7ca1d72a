package io.syncms.bench.fairness;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.syncms.syncms.control.GroupChannel;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The same game without Sync-MS, on the same delayed links and the same Hazelcast topic: the master publishes
 * each update, a player's application gets it when it arrives and publishes its action, and the master's
 * application processes each action when it arrives.
 */
public class PlainGame {

    private final BenchEnvironment env;
    private final FairnessOptions options;
    private final Scenario scenario;
    private final String group = "plain-" + UUID.randomUUID().toString().substring(0, 8);
    private final GameLog log = new GameLog();
    private final List<Runnable> unsubscribers = new ArrayList<>();

    public PlainGame(BenchEnvironment env, FairnessOptions options, Scenario scenario) {
        this.env = env;
        this.options = options;
        this.scenario = scenario;
    }

    public RunResult play() throws InterruptedException {
        try {
            ITopic<String> master = topic(env.masterView(Map.of()));
            subscribe(master, this::onMasterMessage);
            for (int p = 0; p < scenario.size(); p++) {
                String id = scenario.players().get(p);
                ITopic<String> link = topic(env.playerView(scenario, p));
                ReactingPlayer player = new ReactingPlayer(p, scenario, log, env.applications(),
                        round -> link.publish(GameMessages.action(id, round).toString()));
                subscribe(link, message -> {
                    if (GameMessages.isUpdate(message)) {
                        player.onUpdate(GameMessages.round(message));
                    }
                });
            }
            RoundPacer.play(options.rounds(), options.periodMillis(),
                    round -> master.publish(GameMessages.update(round).toString()));
            log.awaitProcessed(scenario.size() * options.rounds(), drainMillis());
            return new RunResult(Mode.plain(), scenario, options.rounds(), log, 0, 0, null, null, null,
                    new long[scenario.size()], null);
        } finally {
            unsubscribers.forEach(Runnable::run);
        }
    }

    private void onMasterMessage(JsonObject message) {
        long now = TrueClock.nowMicros();
        if (GameMessages.isAction(message)) {
            log.actionProcessed(GameMessages.player(message), GameMessages.round(message), now, null, false);
        }
    }

    private ITopic<String> topic(HazelcastInstance view) {
        return view.getTopic(GroupChannel.messagesTopic(group));
    }

    private void subscribe(ITopic<String> topic, Consumer<JsonObject> handler) {
        var registration = topic.addMessageListener(message -> handler.accept(GameMessages.parse(message.getMessageObject())));
        unsubscribers.add(() -> topic.removeMessageListener(registration));
    }

    private long drainMillis() {
        return options.maxReactionMillis() + 2 * (options.maxDelayMillis() + options.jitterMillis()) + 3_000;
    }
}
