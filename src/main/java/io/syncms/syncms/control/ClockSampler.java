package io.syncms.syncms.control;

import io.syncms.clock.control.CristianEstimator;
import io.syncms.clock.control.WallClock;
import io.syncms.clock.entity.ClockEstimate;
import io.syncms.clock.entity.ClockSample;
import io.syncms.syncms.entity.SyncMsTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A slave's side of Cristian's algorithm: sends {@code iterations} clock requests, {@code cycleDelay} apart,
 * measures each round trip on the monotonic clock, and estimates the offset from the best samples. A
 * request not answered within {@code replyWait} counts as lost; if none is answered the result is a timeout.
 */
public class ClockSampler {

    private final WallClock clock;
    private final CristianEstimator estimator = new CristianEstimator();
    private final ScheduledExecutorService scheduler;
    private final Consumer<Wire.ClockRequest> send;
    private final String slave;
    private final String node;
    private final int iterations;
    private final long replyWaitMillis;
    private final long cycleDelayMillis;
    private final String answerer;

    private final CompletableFuture<ClockEstimate> result = new CompletableFuture<>();
    private final List<ClockSample> samples = new ArrayList<>();
    private long request;
    private long requestWallMicros;
    private long requestNanos;
    private boolean answered = true;
    private ScheduledFuture<?> replyTimeout;

    public ClockSampler(WallClock clock, ScheduledExecutorService scheduler, Consumer<Wire.ClockRequest> send,
            String slave, String node, int iterations, long replyWaitMillis, long cycleDelayMillis) {
        this(clock, scheduler, send, slave, node, iterations, replyWaitMillis, cycleDelayMillis, "the master");
    }

    /** @param answerer who answers the requests, as an error names it ("the master", "the player's page") */
    public ClockSampler(WallClock clock, ScheduledExecutorService scheduler, Consumer<Wire.ClockRequest> send,
            String slave, String node, int iterations, long replyWaitMillis, long cycleDelayMillis, String answerer) {
        this.answerer = answerer;
        this.clock = clock;
        this.scheduler = scheduler;
        this.send = send;
        this.slave = slave;
        this.node = node;
        this.iterations = iterations;
        this.replyWaitMillis = replyWaitMillis;
        this.cycleDelayMillis = cycleDelayMillis;
    }

    public CompletableFuture<ClockEstimate> start() {
        scheduler.execute(this::sendNext);
        return result;
    }

    /** Stops sampling; a result not yet known stays incomplete. */
    public synchronized void cancel() {
        answered = true;
        request = iterations;
        if (replyTimeout != null) {
            replyTimeout.cancel(false);
        }
    }

    private synchronized void sendNext() {
        if (result.isDone() || request >= iterations) {
            finish();
            return;
        }
        request++;
        answered = false;
        long sent = request;
        replyTimeout = scheduler.schedule(() -> lost(sent), replyWaitMillis, TimeUnit.MILLISECONDS);
        requestWallMicros = clock.nowMicros();
        requestNanos = clock.monotonicNanos();
        send.accept(new Wire.ClockRequest(slave, node, sent));
    }

    public void onReply(Wire.ClockReply reply) {
        long replyNanos = clock.monotonicNanos();
        synchronized (this) {
            if (!node.equals(reply.node()) || reply.request() != request || answered) {
                return;
            }
            answered = true;
            replyTimeout.cancel(false);
            samples.add(estimator.sample(requestWallMicros, requestNanos, reply.masterTime(), replyNanos));
            scheduleNext();
        }
    }

    private synchronized void lost(long sent) {
        if (sent == request && !answered) {
            answered = true;
            scheduleNext();
        }
    }

    private void scheduleNext() {
        if (request >= iterations) {
            finish();
        } else {
            scheduler.schedule(this::sendNext, cycleDelayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void finish() {
        if (result.isDone()) {
            return;
        }
        if (samples.isEmpty()) {
            result.completeExceptionally(new SyncMsTimeoutException(
                    "clockSync: " + answerer + " answered none of " + iterations + " clock requests within " + replyWaitMillis + " ms"));
        } else {
            result.complete(estimator.estimate(samples));
        }
    }

    public synchronized List<ClockSample> samples() {
        return List.copyOf(samples);
    }
}
