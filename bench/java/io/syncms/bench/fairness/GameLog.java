package io.syncms.bench.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What happened in one run, in true time ({@link TrueClock}): when each player sent each action and when the
 * master's application processed it (in processing order), when the master sent each update and when each
 * player's application received it.
 */
public class GameLog {

    /** One player's action in one round. */
    public record ActionKey(String player, int round) {}

    /**
     * An action as the master's application processed it.
     *
     * @param stampMicros the send time Sync-MS stamped on it (master clock), {@code null} in plain mode
     * @param late as Sync-MS marked it
     */
    public record Processed(ActionKey action, long processedMicros, Long stampMicros, boolean late) {}

    private final Map<ActionKey, Long> sent = new ConcurrentHashMap<>();
    private final List<Processed> processed = new ArrayList<>();
    private final Map<ActionKey, Long> updateReceived = new ConcurrentHashMap<>();

    public void actionSent(String player, int round, long trueMicros) {
        sent.put(new ActionKey(player, round), trueMicros);
    }

    public void actionProcessed(String player, int round, long trueMicros, Long stampMicros, boolean late) {
        synchronized (processed) {
            processed.add(new Processed(new ActionKey(player, round), trueMicros, stampMicros, late));
            processed.notifyAll();
        }
    }

    public void updateReceived(String player, int round, long trueMicros) {
        updateReceived.put(new ActionKey(player, round), trueMicros);
    }

    /** True send time of an action, or {@code null} if it was never sent. */
    public Long sentMicros(String player, int round) {
        return sent.get(new ActionKey(player, round));
    }

    /** True instant at which {@code player}'s application received the update of {@code round}, or {@code null}. */
    public Long updateReceivedMicros(String player, int round) {
        return updateReceived.get(new ActionKey(player, round));
    }

    public int actionsSent() {
        return sent.size();
    }

    /** The processed actions in the order the master's application got them. */
    public List<Processed> processed() {
        synchronized (processed) {
            return List.copyOf(processed);
        }
    }

    /** Waits until {@code count} actions have been processed or {@code timeoutMillis} has passed. */
    public boolean awaitProcessed(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        synchronized (processed) {
            while (processed.size() < count) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                processed.wait(left);
            }
            return true;
        }
    }
}
