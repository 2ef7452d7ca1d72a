package io.syncms.store.boundary;

import io.syncms.platform.boundary.MetricMetadata;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.control.StoreObserver;
import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.ReferenceKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The object store's figures at {@code /metrics} (names {@code syncms_store_*}): what it writes, how
 * long a group commit takes, what it found damaged, and its size in write-log positions.
 */
@ApplicationScoped
public class StoreMetrics implements StoreObserver {

    @Inject
    MetricRegistry registry;

    private final Map<ReferenceKind, Counter> writes = new EnumMap<>(ReferenceKind.class);
    private final Map<ReferenceKind, Counter> corrupt = new EnumMap<>(ReferenceKind.class);
    private Counter commits;
    private Counter bytes;
    private Timer commitLatency;
    private Histogram commitRequests;

    /**
     * Created with the application, on its thread: Payara's registry producer needs the application's
     * context, which a health probe's thread (the store may open there) does not have.
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // nothing to do: observing the event creates this bean, and so its registry, on the application's thread
    }

    /** Registers the store's metrics and starts hearing from {@code store}. */
    void watch(ObjectStore store) {
        for (ReferenceKind kind : ReferenceKind.values()) {
            Tag tag = new Tag("kind", kind.dataType());
            writes.put(kind, registry.counter(metadata("syncms.store.writes",
                    "Entries the store created (new objects, ID objects, BLOBs, CLOBs), by kind", MetricUnits.NONE), tag));
            corrupt.put(kind, registry.counter(metadata("syncms.store.corrupt.reads",
                    "Reads that found stored content damaged or missing (then quarantined), by kind", MetricUnits.NONE), tag));
        }
        commits = registry.counter(metadata("syncms.store.commits", "Group commits written", MetricUnits.NONE));
        bytes = registry.counter(metadata("syncms.store.committed", "Bytes of the group commits' batches", MetricUnits.BYTES));
        commitLatency = registry.timer(metadata("syncms.store.commit.latency",
                "Time to write (and, with fsync on, force) one group commit", MetricUnits.SECONDS));
        commitRequests = registry.histogram(metadata("syncms.store.commit.requests",
                "Writers' requests that shared one group commit", MetricUnits.NONE));
        registry.gauge(metadata("syncms.store.last.seq", "The store's newest write-log position", MetricUnits.NONE),
                store, whileOpen(ObjectStore::lastSeq));
        registry.gauge(metadata("syncms.store.quarantined", "Items in quarantine, waiting for the same content to arrive",
                MetricUnits.NONE), store, whileOpen(ObjectStore::quarantinedCount));
        registry.gauge(metadata("syncms.store.takes.writes", "1 while the store takes writes, else 0", MetricUnits.NONE),
                store, whileOpen(open -> open.takesWrites() ? 1L : 0L));
        store.addWriteListener(this::written);
        store.observe(this);
    }

    private void written(LogEntry entry) {
        writes.get(entry.kind()).inc();
    }

    @Override
    public void committed(int requests, long batchBytes, long nanos) {
        commits.inc();
        bytes.inc(batchBytes);
        commitLatency.update(Duration.ofNanos(nanos));
        commitRequests.update(requests);
    }

    @Override
    public void corrupt(ReferenceKind kind) {
        corrupt.get(kind).inc();
    }

    /** A gauge of a store that is closed when the application stops: -1 then, never an exception in a scrape. */
    private static Function<ObjectStore, Long> whileOpen(ToLongFunction<ObjectStore> figure) {
        return store -> {
            try {
                return figure.applyAsLong(store);
            } catch (RuntimeException closed) {
                return -1L;
            }
        };
    }

    private static Metadata metadata(String name, String description, String unit) {
        return MetricMetadata.of(name, description, unit);
    }
}
