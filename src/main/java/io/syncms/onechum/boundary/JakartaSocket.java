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

    @Override
    public CompletionStage<?> sendText(String text) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        session.getAsyncRemote().sendText(text, result -> complete(sent, result.getException()));
        return sent;
    }

    @Override
    public CompletionStage<?> sendBinary(ByteBuffer bytes) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        session.getAsyncRemote().sendBinary(bytes, result -> complete(sent, result.getException()));
        return sent;
    }

    private static void complete(CompletableFuture<Void> sent, Throwable error) {
        if (error == null) {
            sent.complete(null);
        } else {
            sent.completeExceptionally(error);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (session.isOpen()) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (IOException e) {
                // the socket is gone already
            }
        }
    }
}
