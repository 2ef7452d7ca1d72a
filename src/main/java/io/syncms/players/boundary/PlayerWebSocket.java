package io.syncms.players.boundary;

import io.syncms.players.control.PlayerSocket;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A player's Jakarta WebSocket session as a {@link PlayerSocket}. Frames wait in the socket's own queue
 * and one sender at a time, on the players' sender threads, writes them with the container's blocking
 * send: no Hazelcast or scheduler thread waits for a page, frames keep their order, and a frame leaves as
 * soon as it is written (the container's asynchronous sends reported, and wrote, frames tens of
 * milliseconds to seconds late once a few hundred sockets were open). At most {@code maxQueued} frames
 * wait: a page that stops reading is closed (1008).
 */
final class PlayerWebSocket implements PlayerSocket {

    private static final Logger LOG = Logger.getLogger(PlayerWebSocket.class.getName());

    private final Session session;
    private final int maxQueued;
    private final Executor senders;
    private final Queue<String> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();

    /**
     * @param senders where frames are written and the socket is closed: never on the thread that reports a
     *     failed write, which holds the container's writer lock (closing there deadlocked against a
     *     concurrent send under load)
     */
    PlayerWebSocket(Session session, int maxQueued, Executor senders) {
        this.session = session;
        this.maxQueued = maxQueued;
        this.senders = senders;
    }

    @Override
    public void send(String text) {
        if (!session.isOpen()) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            senders.execute(() -> close(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "the page does not read its frames"));
            return;
        }
        outbox.add(text);
        if (sending.compareAndSet(false, true)) {
            senders.execute(this::drain);
        }
    }

    private void drain() {
        try {
            String next;
            while ((next = outbox.poll()) != null) {
                queued.decrementAndGet();
                if (session.isOpen()) {
                    session.getBasicRemote().sendText(next);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "a frame to a player failed: " + e);
            outbox.clear();
            queued.set(0);
            close(CloseReason.CloseCodes.GOING_AWAY.getCode(), "a frame could not be sent");
        } finally {
            sending.set(false);
        }
        // a frame queued after the last poll but before the flag was cleared
        if (!outbox.isEmpty() && sending.compareAndSet(false, true)) {
            senders.execute(this::drain);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (session.isOpen()) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (IOException | IllegalStateException e) {
                // the page closed it meanwhile
            }
        }
    }
}
