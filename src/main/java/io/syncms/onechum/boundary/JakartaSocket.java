package io.syncms.onechum.boundary;

import io.syncms.onechum.control.OneSocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A Jakarta WebSocket session (a ONE peer that connected here) as a {@link OneSocket}. */
final class JakartaSocket implements OneSocket {

    private final Session session;

    JakartaSocket(Session session) {
        this.session = session;
    }

    /*
     * Blocking sends: OneConnection sends one frame at a time anyway, on a worker thread, and the
     * container's asynchronous sends answered their completion much later than the write (the
     * benchmark served a few hundred requests a second with them).
     */
    @Override
    public CompletionStage<?> sendText(String text) {
        try {
            session.getBasicRemote().sendText(text);
            return CompletableFuture.completedFuture(null);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<?> sendBinary(ByteBuffer bytes) {
        try {
            session.getBasicRemote().sendBinary(bytes);
            return CompletableFuture.completedFuture(null);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (session.isOpen()) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (IOException | IllegalStateException e) {
                // the socket is gone already (the peer closed it meanwhile)
            }
        }
    }
}
