package io.syncms.onechum.control;

import io.syncms.onechum.entity.OneFrame;
import io.syncms.onechum.entity.OneFrame.Chunk;
import io.syncms.onechum.entity.OneFrame.Data;
import io.syncms.onechum.entity.OneFrame.Error;
import io.syncms.onechum.entity.OneFrame.Request;
import io.syncms.onechum.entity.OneFrame.StreamEnd;
import io.syncms.onechum.entity.OneFrame.StreamError;
import io.syncms.onechum.entity.OneFrame.TextChunk;
import io.syncms.onechum.entity.OneProtocolException;
import io.syncms.onechum.entity.OneRemoteException;
import io.syncms.onechum.entity.OneStatistics;

import jakarta.json.JsonValue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * ONE's request/response layer over one WebSocket, which carries both directions at once: this
 * side's requests (ids counting from 0) and their answers, and the other side's requests, served by
 * {@link OneServices} on the executor, never on the socket's thread. Sends go out one at a time, as
 * a WebSocket requires; a stream's sender waits for each chunk to be taken, so a slow reader slows
 * the writer instead of filling memory. A frame that breaks the protocol closes the connection and
 * fails every open request.
 */
public final class OneConnection {

    /** WebSocket close code for a protocol violation. */
    public static final int PROTOCOL_ERROR = 1002;
    private static final Logger LOG = Logger.getLogger(OneConnection.class.getName());

    private final OneSocket socket;
    private final Executor executor;
    private final long sendTimeoutMillis;
    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    /** The other side's requests whose streams it asked this side to stop sending. */
    private final java.util.Set<Long> aborted = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();
    private volatile OneServices services = (request, reply) -> reply.error(OneErrors.unknownService(request.serviceId()));
    /** Frames waiting to be sent, in order; one thread at a time drains it (see {@link #enqueue}). */
    private final java.util.Queue<Outgoing> outgoing = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    /** The other side's requests queued or being served: bounded, so a flood closes the connection. */
    private final java.util.concurrent.atomic.AtomicInteger serving = new java.util.concurrent.atomic.AtomicInteger();
    private final int maxServing;

    private record Outgoing(java.util.function.Supplier<java.util.concurrent.CompletionStage<?>> send,
                            CompletableFuture<Void> sent) {
    }

    private record Pending(CompletableFuture<JsonValue> answer, StreamSink sink) {
    }

    /** The other side's requests this side serves at once at most, queued ones included, by default. */
    public static final int MAX_SERVING = 256;

    public OneConnection(OneSocket socket, Executor executor, long sendTimeoutMillis) {
        this(socket, executor, sendTimeoutMillis, MAX_SERVING);
    }

    /** @param maxServing the other side's requests queued or served at once; one more closes the connection */
    public OneConnection(OneSocket socket, Executor executor, long sendTimeoutMillis, int maxServing) {
        this.socket = socket;
        this.executor = executor;
        this.sendTimeoutMillis = sendTimeoutMillis;
        this.maxServing = maxServing;
    }

    /** Serves the other side's requests from now on; until then each is answered "unknown service". */
    public void serve(OneServices services) {
        this.services = services;
    }

    /** Sends a request and completes with its data, or exceptionally with {@link OneRemoteException}. */
    public CompletableFuture<JsonValue> call(int serviceId, List<JsonValue> args) {
        return send(serviceId, args, null);
    }

    /**
     * Sends a request whose answer is a stream: its chunks go to the sink; completes at the stream's
     * end (with {@link JsonValue#NULL}) or exceptionally when it breaks off.
     */
    public CompletableFuture<JsonValue> stream(int serviceId, List<JsonValue> args, StreamSink sink) {
        return send(serviceId, args, sink);
    }

    private CompletableFuture<JsonValue> send(int serviceId, List<JsonValue> args, StreamSink sink) {
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonValue> answer = new CompletableFuture<>();
        if (closed.isDone()) {
            answer.completeExceptionally(new OneRemoteException("The connection is closed: " + closed.join()));
            return answer;
        }
        pending.put(id, new Pending(answer, sink));
        // given up on (a timeout cancels it): what still arrives for it is dropped, not written anywhere
        answer.whenComplete((value, error) -> {
            if (answer.isCancelled()) {
                pending.remove(id);
            }
        });
        sent.incrementAndGet();
        enqueue(() -> socket.sendText(OneFrameCodec.encodeText(new Request(id, serviceId, args)))).exceptionally(e -> {
            fail(id, e);
            return null;
        });
        return answer;
    }

    /** What this connection counted, as ONE's Chum log reports it. */
    public OneStatistics statistics() {
        return new OneStatistics(sent.get(), received.get(), invalid.get());
    }

    /** Completes with the reason when the connection closed, from either side. */
    public CompletableFuture<String> closed() {
        return closed;
    }

    /** Closes the connection once what is queued to send went out (a FIN's answer, say). */
    public void close(String reason) {
        CompletableFuture<?> sent = enqueue(() -> CompletableFuture.completedFuture(null));
        try {
            sent.get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // a send that failed or hangs does not keep the connection open
        }
        shutDown(1000, reason);
    }

    // ---------------------------------------------------------------- from the transport

    public void onText(String text) {
        OneFrame frame;
        try {
            frame = OneFrameCodec.decodeText(text);
        } catch (OneProtocolException e) {
            violation(e.getMessage());
            return;
        }
        if (frame instanceof OneFrame.StreamAbort abort) {
            received.incrementAndGet(); // one.core counts it with the requests
            if (aborted.size() >= maxServing) {
                violation("More than " + maxServing + " streams stopped at once");
                return;
            }
            aborted.add(abort.id());
            return;
        }
        if (frame instanceof Request request) {
            received.incrementAndGet();
            if (serving.incrementAndGet() > maxServing) {
                violation("More than " + maxServing + " requests open at once");
                return;
            }
            try {
                executor.execute(() -> {
                    try {
                        serveOne(request);
                    } finally {
                        serving.decrementAndGet();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                serving.decrementAndGet();
                shutDown(1013, "shutting down");
            }
        } else {
            answer(frame);
        }
    }

    public void onBinary(ByteBuffer bytes) {
        Chunk chunk;
        try {
            chunk = OneFrameCodec.decodeBinary(bytes);
        } catch (OneProtocolException e) {
            violation(e.getMessage());
            return;
        }
        answer(chunk);
    }

    /** The transport saw the peer break the protocol (a message too large): closes the connection. */
    public void onViolation(String message) {
        violation(message);
    }

    /** The socket closed or failed. */
    public void onClose(String reason) {
        closed.complete(reason);
        OneRemoteException cause = new OneRemoteException("The connection closed: " + reason);
        pending.keySet().forEach(id -> fail(id, cause));
    }

    private void answer(OneFrame frame) {
        Pending waiting = pending.get(frame.id());
        if (waiting == null) {
            // as one.core does: dropped (the rest of a stream whose sink refused a chunk, a request given up on)
            LOG.fine(() -> "Dropped an answer to request " + frame.id() + ", which is not open");
            return;
        }
        try {
            if (frame instanceof Data data) {
                complete(frame.id(), data.data());
            } else if (frame instanceof Error error) {
                fail(frame.id(), new OneRemoteException(error.error()));
            } else if (frame instanceof StreamError error) {
                fail(frame.id(), new OneRemoteException(error.error()));
            } else if (frame instanceof StreamEnd) {
                complete(frame.id(), JsonValue.NULL);
            } else if (waiting.sink() == null) {
                violation("A stream chunk answers request " + frame.id() + ", which asked for data");
            } else if (frame instanceof Chunk chunk) {
                waiting.sink().binary(chunk.payload());
            } else if (frame instanceof TextChunk text) {
                waiting.sink().text(text.chunk());
            }
        } catch (RuntimeException e) {
            // the sink refused a chunk (too large, cannot be stored): that request fails, not the connection
            LOG.log(Level.FINE, "Request " + frame.id() + " failed: its content was refused", e);
            fail(frame.id(), e);
        }
    }

    private void complete(long id, JsonValue value) {
        Pending done = pending.remove(id);
        if (done != null) {
            done.answer().complete(value);
        }
    }

    private void fail(long id, Throwable cause) {
        Pending done = pending.remove(id);
        if (done != null) {
            done.answer().completeExceptionally(cause instanceof CompletionException && cause.getCause() != null
                    ? cause.getCause() : cause);
        }
    }

    private void violation(String message) {
        invalid.incrementAndGet();
        LOG.warning(() -> "ONE Chum peer broke the protocol: " + message);
        shutDown(PROTOCOL_ERROR, message.length() > 120 ? message.substring(0, 120) : message);
    }

    private void shutDown(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            try {
                socket.close(code, reason);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Closing the socket failed; it is gone already", e);
            }
        }
        onClose(reason);
    }

    // ---------------------------------------------------------------- serving

    private void serveOne(Request request) {
        Replier reply = new Replier(request);
        try {
            services.serve(request, reply);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Serving request " + request.id() + " failed", e);
            reply.failed(e);
        }
    }

    private final class Replier implements OneReply {

        private final long id;
        private boolean answered;
        private boolean streaming;

        Replier(Request request) {
            this.id = request.id();
        }

        @Override
        public void data(JsonValue data) {
            last(new Data(id, data));
        }

        @Override
        public void error(JsonValue error) {
            last(new Error(id, error));
        }

        @Override
        public void binary(byte[] payload) {
            chunk(() -> socket.sendBinary(OneFrameCodec.encodeBinary(new Chunk(id, payload))));
        }

        @Override
        public void text(String chunk, String encoding) {
            chunk(() -> socket.sendText(OneFrameCodec.encodeText(new TextChunk(id, chunk, encoding))));
        }

        @Override
        public void end() {
            last(new StreamEnd(id));
        }

        @Override
        public void streamError(JsonValue error) {
            last(new StreamError(id, error));
        }

        void failed(RuntimeException e) {
            if (!answered) {
                JsonValue error = OneErrors.of(e);
                last(streaming ? new StreamError(id, error) : new Error(id, error));
            }
        }

        private void chunk(java.util.function.Supplier<java.util.concurrent.CompletionStage<?>> send) {
            requireOpen();
            if (aborted.remove(id)) {
                answered = true; // one.core expects nothing more of this stream
                throw new OneRemoteException("The other side stopped stream " + id);
            }
            streaming = true;
            await(enqueue(send));
        }

        private void last(OneFrame frame) {
            requireOpen();
            answered = true;
            enqueue(() -> socket.sendText(OneFrameCodec.encodeText(frame)));
        }

        private void requireOpen() {
            if (answered) {
                throw new IllegalStateException("Request " + id + " is answered already");
            }
        }
    }

    /** Waits until the frame was taken; a peer that does not read for the send timeout loses the connection. */
    private void await(CompletableFuture<?> sending) {
        try {
            sending.get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OneRemoteException("Interrupted while sending");
        } catch (java.util.concurrent.TimeoutException e) {
            shutDown(1008, "the peer does not read");
            throw new OneRemoteException("The other side took nothing for " + sendTimeoutMillis + " ms");
        } catch (Exception e) {
            throw new OneRemoteException("The other side does not take what is sent: " + e);
        }
    }

    /**
     * Queues a frame; frames go out one at a time, in order. The thread that finds nobody sending sends
     * what is queued, outside any lock (a blocking send then holds up only that thread, and a send that
     * does not complete within the send timeout closes the connection); the others return at once.
     */
    private CompletableFuture<Void> enqueue(java.util.function.Supplier<java.util.concurrent.CompletionStage<?>> send) {
        Outgoing frame = new Outgoing(send, new CompletableFuture<>());
        outgoing.add(frame);
        drain();
        return frame.sent();
    }

    private void drain() {
        while (!outgoing.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                Outgoing next;
                while ((next = outgoing.poll()) != null) {
                    sendNow(next);
                }
            } finally {
                draining.set(false);
            }
        }
    }

    private void sendNow(Outgoing frame) {
        if (closed.isDone()) {
            frame.sent().completeExceptionally(new OneRemoteException("The connection is closed: " + closed.getNow("")));
            return;
        }
        try {
            frame.send().get().toCompletableFuture().get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
            frame.sent().complete(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            frame.sent().completeExceptionally(e);
        } catch (java.util.concurrent.TimeoutException e) {
            frame.sent().completeExceptionally(e);
            shutDown(1008, "the peer does not read");
        } catch (Exception e) {
            frame.sent().completeExceptionally(e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
                    ? e.getCause() : e);
        }
    }
}
