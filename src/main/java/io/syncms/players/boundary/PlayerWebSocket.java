package io.syncms.players.boundary;

import io.syncms.players.control.PlayerSocket;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A player's Jakarta WebSocket session as a {@link PlayerSocket}: asynchronous sends, so that no
 * Hazelcast or scheduler thread waits for a page, at most {@code maxQueued} of them unfinished (a page
 * that stops reading is closed, 1008), each finished within {@value #SEND_TIMEOUT_MS} ms or the socket closes.
 */
final class PlayerWebSocket implements PlayerSocket {

    private static final Logger LOG = Logger.getLogger(PlayerWebSocket.class.getName());
    static final long SEND_TIMEOUT_MS = 10_000;

    private final Session session;
    private final int maxQueued;
    private final Executor closer;
    private final AtomicInteger queued = new AtomicInteger();

    /**
     * @param closer where the socket is closed when a send fails or the page does not read: never on the
     *     thread that reports the failure, which holds the container's writer lock; closing there takes
     *     Tyrus's protocol lock, which a concurrent send holds while it waits for the writer lock
     *     (a deadlock this module met under load: every later send to that socket blocked forever).
     */
    PlayerWebSocket(Session session, int maxQueued, Executor closer) {
        this.session = session;
        this.maxQueued = maxQueued;
        this.closer = closer;
        session.getAsyncRemote().setSendTimeout(SEND_TIMEOUT_MS);
    }

    @Override
    public void send(String text) {
        if (!session.isOpen()) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            closeLater(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "the page does not read its frames");
            return;
        }
        try {
            session.getAsyncRemote().sendText(text, result -> {
                queued.decrementAndGet();
                if (!result.isOK()) {
                    LOG.fine(() -> "a frame to a player failed: " + result.getException());
                    closeLater(CloseReason.CloseCodes.GOING_AWAY.getCode(), "a frame could not be sent");
                }
            });
        } catch (IllegalStateException e) {
            queued.decrementAndGet();
            // closed meanwhile
        }
    }

    private void closeLater(int code, String reason) {
        closer.execute(() -> close(code, reason));
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
