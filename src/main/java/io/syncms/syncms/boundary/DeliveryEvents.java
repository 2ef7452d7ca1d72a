package io.syncms.syncms.boundary;

import io.syncms.syncms.entity.Delivery;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires every delivery as a CDI event, for {@code @Observes} and {@code @ObservesAsync} observers. One
 * dispatcher thread keeps synchronous observers in delivery order and off the delivery thread, whose
 * timing must not depend on what observers do.
 */
@ApplicationScoped
public class DeliveryEvents implements Consumer<Delivery> {

    private static final Logger LOG = Logger.getLogger(DeliveryEvents.class.getName());

    @Inject
    Event<Delivery> event;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private ExecutorService dispatcher;

    @PostConstruct
    void start() {
        dispatcher = Executors.newSingleThreadExecutor(threads);
    }

    @Override
    public void accept(Delivery delivery) {
        dispatcher.execute(() -> {
            try {
                event.fire(delivery);
                event.fireAsync(delivery);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an observer of SyncMS deliveries failed", e);
            }
        });
    }

    @PreDestroy
    void stop() {
        dispatcher.shutdownNow();
    }
}
