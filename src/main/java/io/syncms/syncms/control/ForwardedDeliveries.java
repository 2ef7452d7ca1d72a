package io.syncms.syncms.control;

/**
 * Deliveries of a participant whose application is remote (a player's page): each is handed over at
 * once, on the thread that received it, whatever its delivery instant. The remote application schedules
 * the instant on its own synchronized clock, so this costs no thread per participant.
 */
public final class ForwardedDeliveries implements Deliveries {

    private volatile boolean closed;

    @Override
    public void at(long atMicros, Runnable action) {
        now(action);
    }

    @Override
    public void now(Runnable action) {
        if (!closed) {
            action.run();
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
