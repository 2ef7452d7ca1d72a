package io.syncms.chum.boundary;

import io.syncms.platform.control.JsonBinding;
import io.syncms.chum.control.ChumSession;
import io.syncms.chum.entity.ChumJobStatus;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.platform.entity.LimitExceededException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /api/chums/{id}/events}: a Chum's (or a job's) status as server-sent events, each a whole
 * status as {@code GET /api/chums/{id}} answers it, unnamed so that {@code EventSource.onmessage} gets
 * it. The status is looked at every {@code syncms.chum.events-interval} ms and sent when it changed; a client
 * that has not taken the previous event yet gets the newest one when it has (a state, not a log: nothing
 * queues up). A keep-alive comment follows 15 s of silence. The stream ends after the final status of a
 * Chum that is not a job, and when a job is stopped; a client that reconnects gets the current status.
 */
@ApplicationScoped
public class ChumEvents {

    private static final Logger LOG = Logger.getLogger(ChumEvents.class.getName());
    private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(15);

    @Inject
    Chums chums;

    @Inject
    ChumConfig config;

    @Inject
    io.syncms.onechum.boundary.OneChums oneChums;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    /** A thread per stream that is writing right now: a write to a stalled client blocks only its own. */
    private ExecutorService senders;

    @PostConstruct
    void start() {
        senders = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }

    /** @throws LimitExceededException (503) past {@code syncms.chum.max-event-subscribers} streams */
    void subscribe(String id, SseEventSink sink, Sse sse) {
        if (subscriptions.size() >= config.maxEventSubscribers()) {
            throw LimitExceededException.atCapacity("CHUM-LIMIT3", subscriptions.size()
                    + " Chum event streams are open, the limit (syncms.chum.max-event-subscribers)", Duration.ofSeconds(30));
        }
        Subscription subscription = new Subscription(id, sink, sse);
        subscriptions.add(subscription);
        try {
            subscription.future = scheduler.scheduleWithFixedDelay(subscription::look, 0, config.eventsInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            subscriptions.remove(subscription);
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        List.copyOf(subscriptions).forEach(Subscription::end);
        senders.shutdownNow();
    }

    /** One client's stream; {@link #look} runs on the scheduler, one look at a time. */
    private final class Subscription {
        private final String id;
        private final SseEventSink sink;
        private final Sse sse;
        private volatile ScheduledFuture<?> future;
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
        private String lastSent;
        private long seq;
        private long lastSentAt = System.nanoTime();
        private boolean ending;

        Subscription(String id, SseEventSink sink, Sse sse) {
            this.id = id;
            this.sink = sink;
            this.sse = sse;
        }

        void look() {
            try {
                if (!subscriptions.contains(this)) {
                    // ended before its task was known to it: the task ends itself
                    throw new CancellationException("stream ended");
                }
                if (sink.isClosed() || ending && sending.isDone()) {
                    end();
                    return;
                }
                if (!sending.isDone() || ending) {
                    return;
                }
                Optional<ChumStatus> status = chums.find(id).map(ChumSession::status).or(() -> oneChums.find(id));
                Optional<ChumJobStatus> job = chums.jobs().find(id);
                if (status.isEmpty() && job.isEmpty()) {
                    end();
                    return;
                }
                String json = JsonBinding.JSONB.toJson(ChumBodies.Status.of(status, job));
                if (!json.equals(lastSent)) {
                    lastSent = json;
                    send(sse.newEventBuilder().id(Long.toString(++seq)).mediaType(MediaType.APPLICATION_JSON_TYPE)
                            .data(String.class, json).build());
                } else if (System.nanoTime() - lastSentAt > KEEP_ALIVE_NANOS) {
                    send(sse.newEventBuilder().comment("keep-alive").build());
                }
                ending = job.isEmpty() && status.get().state().ended();
            } catch (CancellationException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Chum event stream of " + id + " ends", e);
                end();
            }
        }

        /** Jersey writes in send() itself: on a sender thread, so that a stalled client holds no scheduler thread. */
        private void send(jakarta.ws.rs.sse.OutboundSseEvent event) {
            lastSentAt = System.nanoTime();
            sending = CompletableFuture.supplyAsync(() -> sink.send(event), senders)
                    .thenCompose(java.util.function.Function.identity());
        }

        void end() {
            if (subscriptions.remove(this)) {
                ScheduledFuture<?> scheduled = future;
                if (scheduled != null) {
                    scheduled.cancel(false);
                }
                sink.close();
            }
        }
    }
}
