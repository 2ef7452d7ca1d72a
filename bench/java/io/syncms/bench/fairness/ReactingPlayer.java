package io.syncms.bench.fairness;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * A player's application: when it gets the update of a round it waits its reaction time for that round, then
 * sends one action. Logs both instants in true time; the send instant is taken right before the send.
 */
public class ReactingPlayer {

    private final String id;
    private final int index;
    private final Scenario scenario;
    private final GameLog log;
    private final ScheduledExecutorService scheduler;
    private final IntConsumer sendAction;

    public ReactingPlayer(int index, Scenario scenario, GameLog log, ScheduledExecutorService scheduler,
            IntConsumer sendAction) {
        this.id = scenario.players().get(index);
        this.index = index;
        this.scenario = scenario;
        this.log = log;
        this.scheduler = scheduler;
        this.sendAction = sendAction;
    }

    public String id() {
        return id;
    }

    public void onUpdate(int round) {
        log.updateReceived(id, round, TrueClock.nowMicros());
        scheduler.schedule(() -> act(round), scenario.reactionMillis(index, round), TimeUnit.MILLISECONDS);
    }

    private void act(int round) {
        log.actionSent(id, round, TrueClock.nowMicros());
        sendAction.accept(round);
    }
}
