package io.syncms.testing.deployment;

import io.syncms.syncms.entity.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Test-only bean added to the deployment: counts the CDI delivery events per group and kind of observer. */
@ApplicationScoped
public class ObservedDeliveries {

    private final Map<String, AtomicLong> synchronous = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> asynchronous = new ConcurrentHashMap<>();

    public long observed(String group) {
        AtomicLong count = synchronous.get(group);
        return count == null ? 0 : count.get();
    }

    public long observedAsync(String group) {
        AtomicLong count = asynchronous.get(group);
        return count == null ? 0 : count.get();
    }

    void observe(@Observes Delivery delivery) {
        synchronous.computeIfAbsent(delivery.group(), g -> new AtomicLong()).incrementAndGet();
    }

    void observeAsync(@ObservesAsync Delivery delivery) {
        asynchronous.computeIfAbsent(delivery.group(), g -> new AtomicLong()).incrementAndGet();
    }
}
