package io.syncms.syncms.boundary;

import io.syncms.syncms.entity.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pushes deliveries to server-sent-event subscribers, in delivery order, each event's id being the
 * delivery's seq. A subscriber first gets the history after the seq it asks for, then live deliveries,
 * with neither gap nor repetition.
 */
@ApplicationScoped
public class DeliveryStreams {

    private static final class Subscriber {
        final SseEventSink sink;
        final Sse sse;
        long lastSent;

        Subscriber(SseEventSink sink, Sse sse, long lastSent) {
            this.sink = sink;
            this.sse = sse;
            this.lastSent = lastSent;
        }
    }

    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();

    void subscribe(SyncMs participant, long after, SseEventSink sink, Sse sse) {
        Subscriber subscriber = new Subscriber(sink, sse, after);
        List<Subscriber> group = subscribers.computeIfAbsent(participant.group(), g -> new CopyOnWriteArrayList<>());
        synchronized (subscriber) {
            group.add(subscriber);
            for (Delivery delivery : participant.deliveriesAfter(after, Integer.MAX_VALUE)) {
                send(subscriber, delivery);
            }
        }
    }

    void onDelivery(@Observes Delivery delivery) {
        List<Subscriber> group = subscribers.get(delivery.group());
        if (group == null) {
            return;
        }
        for (Subscriber subscriber : group) {
            synchronized (subscriber) {
                if (subscriber.sink.isClosed()) {
                    group.remove(subscriber);
                } else {
                    send(subscriber, delivery);
                }
            }
        }
    }

    private void send(Subscriber subscriber, Delivery delivery) {
        if (delivery.seq() <= subscriber.lastSent) {
            return;
        }
        subscriber.lastSent = delivery.seq();
        OutboundSseEvent event = subscriber.sse.newEventBuilder()
                .id(Long.toString(delivery.seq()))
                .name(delivery.kind().name())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, SyncMsJson.delivery(delivery).toString())
                .build();
        subscriber.sink.send(event);
    }
}
