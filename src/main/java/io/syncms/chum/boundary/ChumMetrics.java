package io.syncms.chum.boundary;

import io.syncms.chum.control.ChumObserver;
import io.syncms.chum.control.ChumSession;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.platform.boundary.MetricMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Chum figures at {@code /metrics}: per Chum this instance keeps (names {@code syncms_chum_*}, tags
 * {@code chum}, {@code peer} and {@code role}) what went each way (items, and bytes in {@code *_bytes}), the importer's progress, how far the
 * peer is behind this store, and whether it runs; and, over all Chums, how many ended in each state.
 * A Chum's gauges go when it is forgotten ({@code syncms.chum.max-retained}), so the series stay bounded.
 */
@ApplicationScoped
public class ChumMetrics implements ChumObserver {

    @Inject
    MetricRegistry registry;

    private static final Logger LOG = Logger.getLogger(ChumMetrics.class.getName());

    /**
     * Created with the application, on its thread: Payara's registry producer needs the application's
     * context, which a health probe's thread (the store may open there) does not have.
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // nothing to do: observing the event creates this bean, and so its registry, on the application's thread
    }

    /** Whose gauges are registered under each Chum id: the runs of a job share their id. */
    private final Map<String, ChumSession> registered = new HashMap<>();

    @Override
    public synchronized void kept(ChumSession session) {
        try {
            ChumSession previous = registered.put(session.id(), session);
            if (previous != null) {
                remove(session.id());
            }
            register(session);
        } catch (RuntimeException e) {
            // figures, not a reason to fail a Chum
            LOG.log(Level.WARNING, "The metrics of Chum " + session.id() + " could not be registered", e);
        }
    }

    private void register(ChumSession session) {
        Tag[] tags = tags(session);
        gauge(session, tags, "syncms.chum.received.items", "Objects, ID objects, BLOBs and CLOBs this side stored",
                MetricUnits.NONE, status -> status.received().total());
        gauge(session, tags, "syncms.chum.received", "Bytes this side received", MetricUnits.BYTES,
                status -> status.received().bytes());
        gauge(session, tags, "syncms.chum.sent.items", "Items this side's exporter sent", MetricUnits.NONE,
                status -> status.sent().total());
        gauge(session, tags, "syncms.chum.sent", "Bytes this side's exporter sent", MetricUnits.BYTES,
                status -> status.sent().bytes());
        gauge(session, tags, "syncms.chum.progress.done", "Listed entries the importer has dealt with", MetricUnits.NONE,
                status -> status.progress().done());
        gauge(session, tags, "syncms.chum.progress.total", "Entries listed to the importer", MetricUnits.NONE,
                status -> status.progress().total());
        gauge(session, tags, "syncms.chum.errors", "Errors recorded", MetricUnits.NONE, status -> status.errors().size());
        gauge(session, tags, "syncms.chum.running", "1 while the Chum runs, else 0", MetricUnits.NONE,
                status -> status.state().ended() ? 0 : 1);
        registry.gauge(metadata("syncms.chum.lag", "Write-log positions of this store the peer's importer is behind; "
                + "-1 before it asked and after the end", MetricUnits.NONE), session, ChumSession::peerLag, tags);
    }

    @Override
    public void ended(ChumSession session) {
        registry.counter(metadata("syncms.chum.ended", "Chums that ended, by final state", MetricUnits.NONE),
                new Tag("state", session.status().state().name())).inc();
    }

    @Override
    public synchronized void forgotten(ChumSession session) {
        // a later run with the same id may be registered already: its gauges stay
        if (registered.remove(session.id(), session)) {
            remove(session.id());
        }
    }

    private void remove(String chumId) {
        registry.removeMatching((id, metric) -> chumId.equals(id.getTags().get("chum")));
    }

    private void gauge(ChumSession session, Tag[] tags, String name, String description, String unit,
                       ToLongFunction<ChumStatus> figure) {
        registry.gauge(metadata(name, description, unit), session, (ChumSession s) -> figure.applyAsLong(s.status()), tags);
    }

    private static Tag[] tags(ChumSession session) {
        return new Tag[] {new Tag("chum", session.id()), new Tag("peer", session.options().remoteInstanceName()),
                new Tag("role", session.role().name())};
    }

    private static Metadata metadata(String name, String description, String unit) {
        return MetricMetadata.of(name, description, unit);
    }
}
