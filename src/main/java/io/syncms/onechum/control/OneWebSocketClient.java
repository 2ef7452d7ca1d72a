package io.syncms.onechum.control;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Dials a ONE peer's WebSocket ({@code ws://} or {@code wss://}) with the JDK's client and puts a
 * {@link OneConnection} on it. Messages arrive in parts; each is put together up to
 * {@code maxMessageBytes} (a bigger one is a protocol violation that closes the socket), then handed
 * to the connection. The listener asks for the next part only after the connection took this one, so
 * a slow store slows the peer instead of filling memory.
 */
public final class OneWebSocketClient {

    private OneWebSocketClient() {
    }

    /** @return the connection once the socket is open; fails if the peer cannot be reached or refuses */
    public static CompletableFuture<OneConnection> dial(HttpClient client, URI uri, Duration connectTimeout,
                                                        Executor workers, long sendTimeoutMillis, int maxMessageBytes) {
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("A ONE peer is reached at a ws:// or wss:// URL, not " + uri.getScheme());
        }
        Listener listener = new Listener(maxMessageBytes);
        return client.newWebSocketBuilder().connectTimeout(connectTimeout).buildAsync(uri, listener)
                .thenApply(socket -> {
                    OneConnection connection = new OneConnection(new Socket(socket), workers, sendTimeoutMillis);
                    listener.attach(connection, socket);
                    return connection;
                });
    }

    private record Socket(WebSocket socket) implements OneSocket {

        @Override
        public CompletionStage<?> sendText(String text) {
            return socket.sendText(text, true);
        }

        @Override
        public CompletionStage<?> sendBinary(ByteBuffer bytes) {
            return socket.sendBinary(bytes, true);
        }

        @Override
        public void close(int code, String reason) {
            if (!socket.isOutputClosed()) {
                socket.sendClose(code, reason).exceptionally(e -> null).thenRun(socket::abort);
            }
        }
    }

    private static final class Listener implements WebSocket.Listener {

        private final int maxMessageBytes;
        private final CompletableFuture<OneConnection> attached = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        Listener(int maxMessageBytes) {
            this.maxMessageBytes = maxMessageBytes;
        }

        void attach(OneConnection connection, WebSocket socket) {
            attached.complete(connection);
        }

        @Override
        public void onOpen(WebSocket socket) {
            // the first part is asked for once the connection is attached: nothing arrives before it exists
            attached.thenRun(() -> socket.request(1));
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            OneConnection connection = attached.join();
            text.append(data);
            if (text.length() > maxMessageBytes) {
                connection.onViolation("A text message over " + maxMessageBytes + " characters");
                return null;
            }
            if (last) {
                String message = text.toString();
                text.setLength(0);
                connection.onText(message);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            OneConnection connection = attached.join();
            if (binary.size() + data.remaining() > maxMessageBytes) {
                connection.onViolation("A binary message over " + maxMessageBytes + " bytes");
                return null;
            }
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                ByteBuffer message = ByteBuffer.wrap(binary.toByteArray());
                binary.reset();
                connection.onBinary(message);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            attached.thenAccept(connection -> connection.onClose("closed by the peer (" + statusCode + " " + reason + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            attached.thenAccept(connection -> connection.onClose("socket error: " + error));
        }
    }
}
