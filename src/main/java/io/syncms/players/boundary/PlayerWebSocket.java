package io.syncms.players.boundary;

import io.syncms.players.control.PlayerSocket;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * A player's Jakarta WebSocket session as a {@link PlayerSocket}. Frames wait in the socket's own queue;
 * one at a time is handed to the container's asynchronous send, and the next when it completed, so
 * frames keep their order, no Hazelcast or scheduler thread waits for a page, and a page that stops
 * reading holds no thread: its send times out after {@value #SEND_TIMEOUT_MS} ms and the socket closes.
 * At most {@code maxQueuedFrames} frames or {@value #MAX_QUEUED_CHARS} characters wait (1008 beyond).
 * Closing always happens on {@code closer}, never on the thread that reports a send's result: that one
 * holds the container's writer lock, and closing there deadlocked against a concurrent send under load.
 */
final class PlayerWebSocket implements PlayerSocket {

    private static final Logger LOG = Logger.getLogger(PlayerWebSocket.class.getName());
    static final long SEND_TIMEOUT_MS = 10_000;
    static final long MAX_QUEUED_CHARS = 8L * 1024 * 1024;

    /** What waits in the queue: a frame, or the close that follows the frames before it. */
    private record Item(String text, int code, String reason) {
    }

    private final Session session;
    private final int maxQueuedFrames;
    private final Executor closer;
    private final Queue<Item> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedFrames = new AtomicLong();
    private final AtomicLong queuedChars = new AtomicLong();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();

    PlayerWebSocket(Session session, int maxQueuedFrames, Executor closer) {
        this.session = session;
        this.maxQueuedFrames = maxQueuedFrames;
        this.closer = closer;
        session.getAsyncRemote().setSendTimeout(SEND_TIMEOUT_MS);
    }

    @Override
    public void send(String text) {
        if (closing.get() || !session.isOpen()) {
            return;
        }
        if (queuedFrames.incrementAndGet() > maxQueuedFrames || queuedChars.addAndGet(text.length()) > MAX_QUEUED_CHARS) {
            closeNow(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "the page does not read its frames");
            return;
        }
        outbox.add(new Item(text, 0, null));
        next();
    }

    /** Closes once the frames queued before have been sent (the answer to "close", a last error). */
    @Override
    public void close(int code, String reason) {
        outbox.add(new Item(null, code, reason));
        next();
    }

    private void next() {
        if (!sending.compareAndSet(false, true)) {
            return;
        }
        Item item = outbox.poll();
        if (item == null) {
            sending.set(false);
            if (!outbox.isEmpty()) {
                next(); // queued after the poll, before the flag was cleared
            }
            return;
        }
        if (item.text() == null) {
            closeNow(item.code(), item.reason());
            return;
        }
        queuedFrames.decrementAndGet();
        queuedChars.addAndGet(-item.text().length());
        try {
            session.getAsyncRemote().sendText(item.text(), this::sent);
        } catch (IllegalStateException e) {
            closeNow(CloseReason.CloseCodes.GOING_AWAY.getCode(), "the socket closed");
        }
    }

    private void sent(SendResult result) {
        if (!result.isOK()) {
            LOG.fine(() -> "a frame to a player failed: " + result.getException());
            closeNow(CloseReason.CloseCodes.GOING_AWAY.getCode(), "a frame could not be sent");
            return;
        }
        sending.set(false);
        next();
    }

    private void closeNow(int code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        outbox.clear();
        try {
            closer.execute(() -> {
                if (session.isOpen()) {
                    try {
                        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
                    } catch (IOException | IllegalStateException e) {
                        // the page closed it meanwhile
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // the application is shutting down; the container closes the socket
        }
    }
}
