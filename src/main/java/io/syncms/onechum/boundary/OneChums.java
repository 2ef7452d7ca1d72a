package io.syncms.onechum.boundary;

import io.syncms.chum.boundary.ChumConfig;
import io.syncms.chum.entity.ChumError;
import io.syncms.chum.entity.ChumNotFoundException;
import io.syncms.chum.entity.ChumOptions;
import io.syncms.chum.entity.ChumProgress;
import io.syncms.chum.entity.ChumRole;
import io.syncms.chum.entity.ChumState;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.chum.entity.FullSync;
import io.syncms.chum.entity.TransferCounts;
import io.syncms.onechum.control.OneChumSession;
import io.syncms.onechum.control.OneConnection;
import io.syncms.onechum.control.OnePeers;
import io.syncms.onechum.control.OneSocket;
import io.syncms.onechum.control.OneWebSocketClient;
import io.syncms.onechum.entity.OneChumOptions;
import io.syncms.onechum.entity.OneChumResult;
import io.syncms.onechum.entity.OneChumTally;
import io.syncms.onechum.entity.OnePeer;
import io.syncms.store.boundary.StoreRuntime;
import io.syncms.store.control.StoreInstance;
import io.syncms.store.entity.ReferenceKind;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * The Chums over ONE's protocol: dials ONE peers ({@code POST /api/chums} with {@code "protocol": "one"}),
 * accepts registered ones ({@link OneChumEndpoint}), and keeps each run's status in the shape of the
 * module's own Chums, so {@code /api/chums} lists, shows and stops both alike.
 */
@ApplicationScoped
public class OneChums {

    private static final Logger LOG = Logger.getLogger(OneChums.class.getName());
    /** Ended runs whose status is kept. */
    private static final int RETAINED = 1000;

    @Inject
    StoreRuntime store;

    @Inject
    ChumConfig config;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private ExecutorService workers;
    private ExecutorService sessions;
    /** The WebSocket client's own threads: a worker that waits for a send to complete must not wait for itself. */
    private ExecutorService clientThreads;
    private HttpClient client;
    private OnePeers peers;
    private final Map<String, Run> runs = new LinkedHashMap<>();

    /** One Chum over ONE's protocol on this side. */
    private static final class Run {
        final String id;
        final ChumRole role;
        final String url;
        /** The registration of a peer that connected here, null for a Chum this side dialed. */
        final String peerId;
        volatile OneConnection connection;
        final Instant startedAt = Instant.now();
        final CompletableFuture<OneChumResult> result = new CompletableFuture<>();
        volatile OneChumSession session;
        volatile OneChumOptions options;
        volatile Instant endedAt;
        volatile boolean stopped;

        Run(String id, ChumRole role, String url, String peerId, OneChumOptions options) {
            this.id = id;
            this.role = role;
            this.url = url;
            this.peerId = peerId;
            this.options = options;
        }
    }

    void close(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        List<Run> running;
        synchronized (this) {
            running = new ArrayList<>(runs.values());
        }
        running.forEach(run -> {
            if (run.session != null) {
                run.session.stop();
            }
        });
        synchronized (this) {
            if (sessions != null) {
                sessions.shutdownNow();
                workers.shutdownNow();
            }
            if (clientThreads != null) {
                clientThreads.shutdownNow();
            }
        }
    }

    /** The registered ONE peers (in the store directory). */
    public synchronized OnePeers peers() {
        if (peers == null) {
            peers = OnePeers.inStoreDirectory(store.instance().store().directory());
        }
        return peers;
    }

    /** Whether a Person with this ID hash is stored here: the local person of a ONE Chum may be any of them. */
    public boolean isPerson(String personIdHash) {
        return store.instance().store().typeOfId(personIdHash).filter("Person"::equals).isPresent();
    }

    int maxMessageBytes() {
        return config.oneMaxMessageBytes();
    }

    OneConnection connection(OneSocket socket) {
        return new OneConnection(socket, workers(), config.oneRequestTimeoutMillis());
    }

    /**
     * Dials a ONE peer and runs a Chum with it in the background.
     *
     * @throws IllegalArgumentException if the URL is not a ws:// or wss:// URL
     */
    public String start(String url, OneChumOptions options) {
        URI uri = URI.create(url);
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("A Chum with \"protocol\": \"one\" needs a ws:// or wss:// remoteUrl, not " + url);
        }
        Run run = register(ChumRole.INITIATOR, url, null, options);
        OneWebSocketClient.dial(client(), uri, config.connectTimeout(), workers(), config.oneRequestTimeoutMillis(),
                        config.oneMaxMessageBytes())
                .whenComplete((connection, failure) -> {
                    if (failure != null) {
                        end(run, failed("cannot reach " + url + ": " + (failure.getCause() != null ? failure.getCause() : failure)));
                        return;
                    }
                    try {
                        begin(run, connection);
                    } catch (RuntimeException e) {
                        connection.close("cannot start: " + e.getMessage());
                        end(run, failed(String.valueOf(e)));
                    }
                });
        return run.id;
    }

    private static OneChumResult failed(String why) {
        return new OneChumResult(null, null, false, 0, 0, List.of(), why);
    }

    /**
     * A registered peer connected: runs the Chum with its registration's options.
     *
     * @throws IllegalStateException if that peer is connected already (one connection per registration)
     */
    void accept(OnePeer peer, OneConnection connection) {
        Run run = register(ChumRole.RESPONDER, null, peer.id(), peer.options(config.onePollIntervalMillis()));
        try {
            begin(run, connection);
        } catch (RuntimeException e) {
            end(run, failed(String.valueOf(e)));
            throw e;
        }
    }

    /** Ends the access of a registration: its connected Chums stop and their connections close. */
    public void disconnect(String peerId) {
        List<Run> connected;
        synchronized (this) {
            connected = runs.values().stream().filter(run -> peerId.equals(run.peerId) && run.endedAt == null).toList();
        }
        for (Run run : connected) {
            run.stopped = true;
            if (run.connection != null) {
                run.connection.close("the registration was removed");
            }
        }
    }

    private Run register(ChumRole role, String url, String peerId, OneChumOptions options) {
        synchronized (this) {
            if (peerId != null && runs.values().stream().anyMatch(run -> peerId.equals(run.peerId) && run.endedAt == null)) {
                throw new IllegalStateException("this peer is connected already");
            }
            long running = runs.values().stream().filter(run -> run.endedAt == null).count();
            if (running >= config.maxRunning()) {
                throw io.syncms.platform.entity.LimitExceededException.atCapacity("CHUM-LIMIT1", "instance runs "
                        + running + " Chums, its limit (" + config.maxRunning() + ")", java.time.Duration.ofSeconds(5));
            }
            Run run = new Run(UUID.randomUUID().toString(), role, url, peerId, options);
            runs.put(run.id, run);
            forgetOldest();
            return run;
        }
    }

    private void begin(Run run, OneConnection connection) {
        StoreInstance instance = store.instance();
        OneChumSession session = new OneChumSession(instance.store(), instance.access(), connection, run.options,
                config.oneRequestTimeoutMillis(), config.maxItemBytes());
        run.session = session;
        run.connection = connection;
        if (run.stopped) {
            session.stop();
        }
        sessions().execute(() -> {
            OneChumResult result;
            try {
                result = session.run();
            } catch (RuntimeException e) {
                result = new OneChumResult(null, null, false, 0, 0, List.of(), String.valueOf(e));
            }
            end(run, result);
        });
    }

    private void end(Run run, OneChumResult result) {
        run.endedAt = Instant.now();
        run.result.complete(result);
        LOG.info(() -> "ONE Chum " + run.id + " with " + run.options.remoteInstanceName() + " ended: "
                + (result.failure() == null ? "sent " + result.sent() + ", received " + result.received() : result.failure()));
    }

    public synchronized Optional<ChumStatus> find(String id) {
        return Optional.ofNullable(runs.get(id)).map(this::status);
    }

    public synchronized List<ChumStatus> statuses() {
        return runs.values().stream().map(this::status).toList();
    }

    /** Stops a Chum: a keepRunning one makes one more pass first. Completes with its final status. */
    public CompletionStage<ChumStatus> stop(String id) {
        Run run;
        synchronized (this) {
            run = runs.get(id);
        }
        if (run == null) {
            throw new ChumNotFoundException("No Chum " + id);
        }
        run.stopped = true;
        if (run.session != null) {
            run.session.stop();
        }
        return run.result.thenApply(result -> status(run));
    }

    private ChumStatus status(Run run) {
        OneChumSession session = run.session;
        OneChumOptions options = run.options;
        OneChumResult result = run.result.getNow(null);
        ChumState state = result == null ? ChumState.RUNNING
                : result.failure() != null ? ChumState.FAILED : run.stopped ? ChumState.STOPPED : ChumState.DONE;
        Instant fullSyncAt = session == null ? null : session.fullSyncAt();
        List<ChumError> errors = new ArrayList<>();
        if (session != null) {
            session.errors().forEach(failure -> errors.add(new ChumError(failure.code(), failure.message(),
                    null, failure.hash())));
        }
        if (result != null && result.failure() != null) {
            errors.add(ChumError.ofSession("CHUM-ONE1", result.failure()));
        }
        TransferCounts sent = session == null ? TransferCounts.NONE : counts(session.sent());
        TransferCounts received = session == null ? TransferCounts.NONE : counts(session.received());
        return new ChumStatus(run.id, run.role,
                new ChumOptions(run.url, options.localPersonId(), options.remotePersonId(), options.chumName(),
                        options.localInstanceName(), options.remoteInstanceName(), options.keepRunning(), 0),
                state, fullSyncAt == null ? null : new FullSync(0, fullSyncAt), sent, received, 0,
                new ChumProgress(received.total(), received.total()), errors, result == null ? null : result.logHash(),
                run.startedAt, run.endedAt, null);
    }

    private static TransferCounts counts(OneChumTally tally) {
        return new TransferCounts(tally.hashes(ReferenceKind.OBJECT).size(), tally.hashes(ReferenceKind.ID).size(),
                tally.hashes(ReferenceKind.BLOB).size(), tally.hashes(ReferenceKind.CLOB).size(), tally.bytes());
    }

    private void forgetOldest() {
        List<Run> ended = runs.values().stream().filter(run -> run.endedAt != null)
                .sorted(Comparator.comparing(run -> run.endedAt)).toList();
        for (int i = 0; i < ended.size() - RETAINED; i++) {
            runs.remove(ended.get(i).id);
        }
    }

    private synchronized ExecutorService workers() {
        if (workers == null) {
            workers = Executors.newFixedThreadPool(config.oneWorkers(), threads);
            sessions = Executors.newCachedThreadPool(threads);
        }
        return workers;
    }

    private synchronized ExecutorService sessions() {
        workers();
        return sessions;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            clientThreads = Executors.newFixedThreadPool(2, threads);
            client = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).executor(clientThreads).build();
        }
        return client;
    }
}
