package io.syncms.chum.boundary;

import io.syncms.platform.entity.TraceParent;

import io.syncms.chum.control.ChumExporter;
import io.syncms.chum.control.ChumJobs;
import io.syncms.chum.control.ChumService;
import io.syncms.chum.control.ChumSession;
import io.syncms.chum.control.HttpChumConnector;
import io.syncms.chum.control.LocalInstance;
import io.syncms.chum.control.TrustedPeers;
import io.syncms.chum.entity.ChumNotFoundException;
import io.syncms.chum.entity.ChumOptions;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.chum.entity.TrustedPeer;
import io.syncms.store.boundary.StoreRuntime;
import io.syncms.store.control.StoreInstance;
import io.syncms.store.entity.StoreUnavailableException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedExecutors;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.concurrent.ManagedTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * This instance's Chums, for Java code ({@code @Inject Chums}) and the REST resources: start one
 * ({@link #start}: a {@link ChumSession} handle with the log object's {@code CompletionStage},
 * the full-sync signal and {@code stop()}), find, list, and pair with other instances.
 *
 * <p>Owns the {@link ChumService} of the instance's store, built when the application starts (so
 * the exporter follows the store's writes from then on) and closed before the application's beans
 * are destroyed, i.e. before the store closes: running Chums stop and write their logs. Each Chum,
 * and each fetch an importer runs ahead, is a long-running managed task of the default
 * ManagedExecutorService, so it has a thread of its own. The HTTP client works on a small pool of
 * managed threads of its own: Payara's default executor has no core threads and an unbounded queue,
 * so every task that is not long-running waits for its one thread — the client's completions did,
 * behind one another, 40 ms per request.
 */
@ApplicationScoped
public class Chums {

    private static final Logger LOG = Logger.getLogger(Chums.class.getName());
    /** The HTTP client's own threads: it runs its completions there, never the caller's work. */
    private static final int HTTP_THREADS = 4;
    private static final Map<String, String> CHUM_TASK = Map.of(
            ManagedTask.IDENTITY_NAME, "syncms-chum", ManagedTask.LONGRUNNING_HINT, "true");

    @Inject
    StoreRuntime store;

    @Inject
    ChumConfig config;

    @Inject
    ChumMetrics metrics;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private ExecutorService httpThreads;

    private volatile ChumService service;
    private volatile ChumJobs jobs;
    private boolean closed;

    void openAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            service();
        } catch (StoreUnavailableException e) {
            LOG.warning(() -> "No Chums while the store is unavailable: " + e.getMessage());
        }
    }

    void closeAtShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        ChumService open;
        ChumJobs openJobs;
        synchronized (this) {
            closed = true;
            open = service;
            openJobs = jobs;
            service = null;
        }
        if (openJobs != null) {
            // first: a run that ends because the instance stops must not be followed by another
            openJobs.close();
        }
        if (open != null) {
            open.close();
            LOG.info("Chums stopped");
        }
        synchronized (this) {
            if (httpThreads != null) {
                httpThreads.shutdownNow();
            }
        }
    }

    /**
     * Starts a Chum with the paired instance of {@code remotePersonId}; it runs in the background.
     *
     * @throws IllegalArgumentException if the options do not name this instance and its owner, the person
     *         is not paired, or {@code remoteUrl} is given and is not the paired URL
     */
    public ChumSession start(ChumOptions options) {
        return jobs().start(options);
    }

    /** As {@link #start(ChumOptions)}, continuing the caller's trace ({@code traceparent}) or starting one. */
    public ChumSession start(ChumOptions options, String traceparent) {
        return start(options, traceparent, null);
    }

    /** As {@link #start(ChumOptions, String)}; {@code every}: repeat a one-shot Chum at that interval (null: do not). */
    public ChumSession start(ChumOptions options, String traceparent, java.time.Duration every) {
        return jobs().start(options, TraceParent.continuing(traceparent), every);
    }

    /** The Chum jobs: the keepRunning Chums this instance keeps running until they are stopped here. */
    public ChumJobs jobs() {
        service();
        return jobs;
    }

    /**
     * Stops a Chum on both sides; for a job, also every later run. Completes with the final status.
     *
     * @throws ChumNotFoundException if neither a Chum nor a job has that id here
     */
    public CompletionStage<ChumStatus> stop(String id) {
        Optional<CompletionStage<ChumStatus>> job = jobs().stop(id);
        if (job.isPresent()) {
            return job.get();
        }
        return get(id).stop();
    }

    /** This instance's owner and name, and the instance names its pairings gave. */
    ChumDefaults defaults() {
        StoreInstance instance = store.instance();
        return new ChumDefaults() {
            @Override
            public String localPersonId() {
                return instance.identity().ownerIdHash();
            }

            @Override
            public String localInstanceName() {
                return instance.identity().instanceName();
            }

            @Override
            public Optional<String> remoteInstanceName(String remotePersonId) {
                return peer(remotePersonId).map(TrustedPeer::instanceName);
            }
        };
    }

    public Optional<ChumSession> find(String id) {
        return service().find(id);
    }

    /** @throws ChumNotFoundException if no Chum has that id here */
    public ChumSession get(String id) {
        return find(id).orElseThrow(() -> new ChumNotFoundException("No Chum " + id + " is known here"));
    }

    /** Every Chum since the application started, oldest first. */
    public List<ChumStatus> statuses() {
        return service().statuses();
    }

    /**
     * Trusts the owner of another instance: pairing. Returns true if the pairing is new, false if it
     * existed exactly so.
     *
     * @throws io.syncms.chum.entity.PairingConflictException if the person is paired with another key or URL
     * @throws IllegalArgumentException if the URL is not an instance's base URL
     */
    public boolean pair(TrustedPeer peer) {
        HttpChumConnector.checkedBaseUrl(peer.url());
        return service().pair(peer);
    }

    /** Pairs, or replaces a pairing (ending that person's running Chums); returns the replaced one. */
    public Optional<TrustedPeer> replacePairing(TrustedPeer peer) {
        HttpChumConnector.checkedBaseUrl(peer.url());
        return service().replacePairing(peer);
    }

    /**
     * Unpairs: the person's running Chums end at once and its session tokens are void.
     *
     * @throws ChumNotFoundException if the person is not a trusted peer
     */
    public void unpair(String personId) {
        if (!service().unpair(personId)) {
            throw new ChumNotFoundException("Person " + personId + " is not a trusted peer");
        }
    }

    public Optional<TrustedPeer> peer(String personId) {
        return service().trustedPeers().find(personId);
    }

    public List<TrustedPeer> peers() {
        return service().trustedPeers().list();
    }

    /** The exporter the protocol resource serves. */
    public ChumExporter exporter() {
        return service().exporter();
    }

    /** @throws StoreUnavailableException if the store could not be opened, or the application stops */
    ChumService service() {
        ChumService open = service;
        return open != null ? open : open();
    }

    private synchronized ChumService open() {
        if (closed) {
            throw StoreUnavailableException.closed();
        }
        if (service == null) {
            StoreInstance instance = store.instance();
            Executor managedTasks = task -> executor.execute(ManagedExecutors.managedTask(task, CHUM_TASK, null));
            ExecutorService http = Executors.newFixedThreadPool(HTTP_THREADS, threads);
            ChumService opened = null;
            try {
                HttpChumConnector connector = new HttpChumConnector(HttpChumConnector.newClient(config.connectTimeout(), http),
                        config.requestTimeout(), config.httpLimits(), scheduler);
                opened = new ChumService(new LocalInstance(instance.store(), instance.access(), instance.identity()),
                        TrustedPeers.inStoreDirectory(instance.store().directory()), connector, managedTasks, config.settings(),
                        config.limits());
                opened.observe(metrics);
                ChumJobs openedJobs = new ChumJobs(opened, instance.store().directory(), scheduler, config.settings().clock(),
                        config.backoff());
                // both or neither: jobs first, as service() is what callers check
                httpThreads = http;
                jobs = openedJobs;
                service = opened;
                openedJobs.resume();
            } catch (RuntimeException e) {
                if (service == null) {
                    if (opened != null) {
                        opened.close();
                    }
                    http.shutdownNow();
                    jobs = null;
                }
                throw e;
            }
            LOG.info(() -> "Chums of instance " + instance.identity().instanceName() + " ready, protocol at "
                    + HttpChumConnector.PROTOCOL_PATH);
        }
        return service;
    }
}
