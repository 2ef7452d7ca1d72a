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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires every delivery as a CDI event, for {@code @Observes} and {@code @ObservesAsync} observers. One
 * dispatcher thread keeps synchronous observers in delivery order and off the delivery thread, whose
 * timing must not depend on what observers do. At most {@value #BACKLOG} deliveries wait for it: if
 * observers are slower than that, further events are dropped and counted (the deliveries themselves,
 * their history and the REST API are not affected).
 */
@ApplicationScoped
public class DeliveryEvents implements Consumer<Delivery> {

    private static final Logger LOG = Logger.getLogger(DeliveryEvents.class.getName());

    @Inject
    Event<Delivery> event;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    static final int BACKLOG = 10_000;

    private final AtomicLong dropped = new AtomicLong();
    private ExecutorService dispatcher;

    @PostConstruct
    void start() {
        dispatcher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(BACKLOG), threads,
                (task, executor) -> {
                    if (dropped.incrementAndGet() % 1000 == 1) {
                        LOG.warning(() -> "Observers of SyncMS deliveries fall behind: " + dropped.get() + " CDI events dropped");
                    }
                });
    }

    /** CDI events dropped because observers fell {@value #BACKLOG} behind. */
    public long dropped() {
        return dropped.get();
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
