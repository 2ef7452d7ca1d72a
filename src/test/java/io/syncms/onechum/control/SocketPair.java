package io.syncms.onechum.control;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Two connected in-memory WebSockets: each side's frames reach the other in order, on a thread of their own. */
final class SocketPair implements AutoCloseable {

    final OneConnection a;
    final OneConnection b;
    private final ExecutorService toA = Executors.newSingleThreadExecutor();
    private final ExecutorService toB = Executors.newSingleThreadExecutor();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    /** Sees every text frame, in the order sent, with true for frames from A. */
    private volatile Consumer<String> tapA = text -> { };
    private volatile Consumer<String> tapB = text -> { };

    SocketPair() {
        OneConnection[] ends = new OneConnection[2];
        AtomicBoolean closed = new AtomicBoolean();
        a = new OneConnection(socket(toB, () -> ends[1], closed, text -> tapA.accept(text)), workers, 10_000);
        b = new OneConnection(socket(toA, () -> ends[0], closed, text -> tapB.accept(text)), workers, 10_000);
        ends[0] = a;
        ends[1] = b;
    }

    void tap(Consumer<String> fromA, Consumer<String> fromB) {
        tapA = fromA;
        tapB = fromB;
    }

    private static OneSocket socket(ExecutorService delivery, java.util.function.Supplier<OneConnection> other,
                                    AtomicBoolean closed, Consumer<String> tap) {
        return new OneSocket() {
            @Override
            public CompletionStage<?> sendText(String text) {
                tap.accept(text);
                return CompletableFuture.runAsync(() -> other.get().onText(text), delivery);
            }

            @Override
            public CompletionStage<?> sendBinary(ByteBuffer bytes) {
                ByteBuffer copy = ByteBuffer.allocate(bytes.remaining()).put(bytes.duplicate()).flip();
                return CompletableFuture.runAsync(() -> other.get().onBinary(copy), delivery);
            }

            @Override
            public void close(int code, String reason) {
                if (closed.compareAndSet(false, true)) {
                    delivery.execute(() -> other.get().onClose(reason));
                }
            }
        };
    }

    @Override
    public void close() {
        toA.shutdownNow();
        toB.shutdownNow();
        workers.shutdownNow();
    }
}
