package io.syncms.platform.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One subscriber's events (a server-sent event stream, say), sent in order by a task on an executor
 * from a bounded queue. Offering never blocks: a subscriber that cannot keep up, so that its queue
 * fills, is dropped (its sink closed), and can come back where it stopped (an SSE client with
 * {@code Last-Event-ID}). A slow or stuck subscriber therefore never holds up whoever publishes, nor any
 * other subscriber, which has its own queue and task.
 */
public final class EventFeed<T> {

    /** Where the events go; {@link #send} may block (a slow client), {@link #close} must not. */
    public interface Sink<T> {
        void send(T event) throws Exception;

        /** Sends nothing the subscriber sees (an SSE comment), to find out whether it is still there. */
        default void heartbeat() throws Exception {
        }

        void close();
    }

    private final Sink<T> sink;
    private final BlockingQueue<T> queue;
    private final Deque<T> backlog = new ArrayDeque<>();
    private final Executor executor;
    private final Consumer<EventFeed<T>> onEnd;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean heartbeatDue = new AtomicBoolean();
    private volatile boolean started;
    private volatile boolean ended;
    private volatile String endReason;

    /**
     * @param capacity events that may wait for the subscriber before it is dropped
     * @param onEnd    told once when the feed ends (dropped, failed or closed), e.g. to forget it
     */
    public EventFeed(Sink<T> sink, int capacity, Executor executor, Consumer<EventFeed<T>> onEnd) {
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.executor = executor;
        this.onEnd = onEnd;
    }

    /**
     * Sends {@code earlier} (the history the subscriber asked for) before anything offered, also what was
     * offered before this call: until it, offers only wait in the queue.
     */
    public void start(List<T> earlier) {
        synchronized (backlog) {
            backlog.addAll(earlier);
        }
        started = true;
        schedule();
    }

    /** Queues an event without blocking; false if the feed ended or the subscriber was too slow (then it ends). */
    public boolean offer(T event) {
        if (ended) {
            return false;
        }
        if (!queue.offer(event)) {
            end("the subscriber fell " + (queue.size() + 1) + " events behind");
            return false;
        }
        schedule();
        return true;
    }

    /**
     * Sends a heartbeat once the queue is empty: a subscriber that went away is found out by it (a client
     * that disconnects is otherwise only noticed at the next event, which may never come).
     */
    public void heartbeat() {
        if (!ended) {
            heartbeatDue.set(true);
            schedule();
        }
    }

    public boolean ended() {
        return ended;
    }

    /** Why it ended, once it has. */
    public String endReason() {
        return endReason;
    }

    /** Ends the feed: closes the sink, even one blocked in a send. */
    public void end(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        endReason = reason;
        queue.clear();
        try {
            sink.close();
        } finally {
            onEnd.accept(this);
        }
    }

    private void schedule() {
        if (started && !ended && draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                end("no thread to send it: " + e.getMessage());
            }
        }
    }

    private void drain() {
        while (!ended) {
            T next = next();
            if (next == null && heartbeatDue.compareAndSet(true, false)) {
                try {
                    sink.heartbeat();
                } catch (Exception e) {
                    end("the heartbeat failed: " + e);
                    return;
                }
                continue;
            }
            if (next == null) {
                draining.set(false);
                // an offer that came after the last poll saw the flag still set: look again
                if (queue.isEmpty() && !heartbeatDue.get() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                sink.send(next);
            } catch (Exception e) {
                end("sending failed: " + e);
                return;
            }
        }
    }

    private T next() {
        synchronized (backlog) {
            T earlier = backlog.pollFirst();
            if (earlier != null) {
                return earlier;
            }
        }
        return queue.poll();
    }
}
