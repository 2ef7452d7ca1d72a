package io.syncms.syncms.boundary;

import io.syncms.platform.control.JsonBinding;
import io.syncms.platform.control.EventFeed;
import io.syncms.platform.entity.LimitExceededException;
import io.syncms.syncms.entity.Delivery;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pushes deliveries to server-sent-event subscribers, in delivery order, each event's id being the
 * delivery's seq. A subscriber first gets the history after the seq it asks for, then live deliveries,
 * with neither gap nor repetition. Each subscriber has its own bounded queue and sender
 * ({@link EventFeed}): one that falls {@code syncms.stream-buffer} deliveries behind is dropped and can
 * resume with {@code Last-Event-ID}; no subscriber ever slows another, or the delivery of any group.
 * Every {@code syncms.stream-heartbeat} ms each stream gets a comment line, so a client that went away
 * is found out and let go. At most {@code syncms.max-stream-subscribers} per group (then 429 with
 * {@code Retry-After}).
 */
@ApplicationScoped
public class DeliveryStreams {

    private static final Logger LOG = Logger.getLogger(DeliveryStreams.class.getName());

    @Inject
    @ConfigProperty(name = "syncms.max-stream-subscribers", defaultValue = "100")
    int maxPerGroup;

    @Inject
    @ConfigProperty(name = "syncms.stream-buffer", defaultValue = "1000")
    int buffer;

    @Inject
    @ConfigProperty(name = "syncms.stream-heartbeat", defaultValue = "15000")
    long heartbeatMillis;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private final Map<String, Set<EventFeed<Delivery>>> feeds = new ConcurrentHashMap<>();
    private ExecutorService senders;
    private ScheduledFuture<?> heartbeats;

    @PostConstruct
    void start() {
        // a thread per subscriber that is sending right now (a stuck client holds only its own), idle ones retire
        senders = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
        heartbeats = scheduler.scheduleWithFixedDelay(
                () -> feeds.values().forEach(group -> group.forEach(EventFeed::heartbeat)),
                heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        heartbeats.cancel(false);
        feeds.values().forEach(group -> List.copyOf(group).forEach(feed -> feed.end("the application stops")));
        senders.shutdownNow();
    }

    /** @throws LimitExceededException (429) if the group has {@code syncms.max-stream-subscribers} already */
    void subscribe(SyncMs participant, long after, SseEventSink sink, Sse sse) {
        Set<EventFeed<Delivery>> group = feeds.computeIfAbsent(participant.group(), g -> ConcurrentHashMap.newKeySet());
        EventFeed<Delivery> feed;
        synchronized (group) {
            if (group.size() >= maxPerGroup) {
                throw LimitExceededException.tooMany("SYNCMS-LIMIT2", "group \"" + participant.group() + "\" has "
                        + group.size() + " stream subscribers, its limit (syncms.max-stream-subscribers)", Duration.ofSeconds(5));
            }
            feed = new EventFeed<>(new DeliverySink(sink, sse, after), buffer, senders, ended -> {
                group.remove(ended);
                LOG.fine(() -> "A delivery stream of group " + participant.group() + " ended: " + ended.endReason());
            });
            // registered before the history is read, so no live delivery falls between the two
            group.add(feed);
        }
        feed.start(participant.deliveriesAfter(after, Integer.MAX_VALUE));
    }

    int subscribers(String group) {
        Set<EventFeed<Delivery>> subscribed = feeds.get(group);
        return subscribed == null ? 0 : subscribed.size();
    }

    void onDelivery(@Observes Delivery delivery) {
        Set<EventFeed<Delivery>> group = feeds.get(delivery.group());
        if (group != null) {
            group.forEach(feed -> feed.offer(delivery));
        }
    }

    /** One SSE client: sends each delivery once, in seq order (history and live may overlap). */
    private static final class DeliverySink implements EventFeed.Sink<Delivery> {

        private final SseEventSink sink;
        private final Sse sse;
        private long lastSent;

        DeliverySink(SseEventSink sink, Sse sse, long after) {
            this.sink = sink;
            this.sse = sse;
            this.lastSent = after;
        }

        @Override
        public void send(Delivery delivery) throws Exception {
            if (delivery.seq() <= lastSent) {
                return;
            }
            if (sink.isClosed()) {
                throw new IllegalStateException("the client went away");
            }
            lastSent = delivery.seq();
            sink.send(sse.newEventBuilder()
                    .id(Long.toString(delivery.seq()))
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(String.class, JsonBinding.JSONB.toJson(SyncMsBodies.DeliveryBody.of(delivery)))
                    .build()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }

        @Override
        public void heartbeat() throws Exception {
            if (sink.isClosed()) {
                throw new IllegalStateException("the client went away");
            }
            sink.send(sse.newEventBuilder().comment("keep-alive").build()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            sink.close();
        }
    }
}
