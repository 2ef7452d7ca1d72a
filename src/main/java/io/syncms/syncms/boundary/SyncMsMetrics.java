package io.syncms.syncms.boundary;

import io.syncms.platform.boundary.MetricMetadata;
import io.syncms.syncms.entity.ClockStatus;
import io.syncms.syncms.entity.Delivery;
import io.syncms.syncms.entity.DeliveryCounters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * SyncMS figures per group at {@code /metrics} (names {@code syncms_group_*}, tag {@code group}).
 * The counts are the participant's own counters, read at each scrape, so they are exact; the deviation
 * histogram is fed by the delivery CDI events, which are dropped (and counted in
 * {@code syncms_group_events_dropped}) when observers fall far behind.
 */
@ApplicationScoped
public class SyncMsMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    SyncMsRegistry participants;

    @Inject
    DeliveryEvents events;

    private static final Logger LOG = Logger.getLogger(SyncMsMetrics.class.getName());

    /** Registers the gauges of a participant that just joined its group. */
    void joined(SyncMs participant) {
        try {
            register(participant);
        } catch (RuntimeException e) {
            // figures, not a reason to refuse a participant
            LOG.log(Level.WARNING, "The metrics of group " + participant.group() + " could not be registered", e);
        }
    }

    private void register(SyncMs participant) {
        Tag group = new Tag("group", participant.group());
        count(participant, group, "syncms.group.deliveries", "Messages handed to the application", DeliveryCounters::delivered);
        count(participant, group, "syncms.group.deliveries.late",
                "Deliveries marked late: sync-out after its delivery time, sync-in too late for fair order", DeliveryCounters::late);
        count(participant, group, "syncms.group.sync.in.dropped",
                "Sync-in messages the master dropped because sync-in was disabled", DeliveryCounters::syncInDropped);
        count(participant, group, "syncms.group.ignored.before.listen",
                "Messages that arrived before the participant listened", DeliveryCounters::ignoredBeforeListen);
        count(participant, group, "syncms.group.rejected",
                "Messages from a sender that is not a member of the group", DeliveryCounters::rejected);
        micros(participant, group, "syncms.group.clock.offset",
                "Master clock minus this instance's clock (0 on the master; NaN until synchronized)", ClockStatus::offsetMicros);
        micros(participant, group, "syncms.group.clock.error.bound",
                "Bound on the error of the clock offset (Cristian); NaN until synchronized", ClockStatus::errorBoundMicros);
    }

    /** Removes the metrics of a group this instance left. */
    void left(String group) {
        registry.removeMatching((id, metric) -> group.equals(id.getTags().get("group")) && id.getName().startsWith("syncms.group."));
    }

    /**
     * How far each delivery was from its delivery time on the master's clock: sync-out deliveries at
     * slaves, sync-in deliveries at the master (the end of their max_wait window).
     */
    void delivered(@Observes Delivery delivery) {
        if (delivery.deliverAtMicros() == null) {
            return;
        }
        participants.find(delivery.group()).ifPresent(participant -> {
            Long offset = participant.clockStatus().offsetMicros();
            long deviation = Math.abs(delivery.deliveredAtMicros() + (offset == null ? 0 : offset) - delivery.deliverAtMicros());
            // a timer, not a histogram: Payara's Prometheus output scales a timer's quantiles to seconds,
            // a histogram's it labels with the unit but leaves unscaled
            registry.timer(MetricMetadata.of("syncms.group.delivery.deviation",
                            "|delivered at − deliver at| on the master's clock, per delivery kind", MetricUnits.SECONDS),
                    new Tag("group", delivery.group()), new Tag("kind", delivery.kind().name()))
                    .update(Duration.ofNanos(deviation * 1_000));
        });
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.gauge(MetricMetadata.of("syncms.group.events.dropped",
                "Delivery CDI events dropped because observers fell behind", MetricUnits.NONE), events, DeliveryEvents::dropped);
    }

    private void count(SyncMs participant, Tag group, String name, String description, ToLongFunction<DeliveryCounters> figure) {
        registry.gauge(MetricMetadata.of(name, description, MetricUnits.NONE),
                participant, (Function<SyncMs, Long>) p -> figure.applyAsLong(p.counters()), group);
    }

    private void micros(SyncMs participant, Tag group, String name, String description, Function<ClockStatus, Long> figure) {
        registry.gauge(MetricMetadata.of(name, description, MetricUnits.MICROSECONDS),
                participant, (Function<SyncMs, Double>) p -> {
                    Long value = figure.apply(p.clockStatus());
                    return value == null ? Double.NaN : value.doubleValue();
                }, group);
    }
}
