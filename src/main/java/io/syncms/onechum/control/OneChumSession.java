package io.syncms.onechum.control;

import io.syncms.onechum.control.OneChumLog.Failure;
import io.syncms.onechum.entity.OneChumOptions;
import io.syncms.onechum.entity.OneChumResult;
import io.syncms.onechum.entity.OneChumTally;
import io.syncms.onechum.entity.OneRemoteException;
import io.syncms.store.control.AccessService;
import io.syncms.store.control.ObjectHashes;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.StoreResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * One side of a Chum over ONE's protocol on one connection: exporter and importer at once, as in
 * one.core. The importer makes one pass (keepRunning: a pass every poll interval until stopped; a stop
 * lets the pass that is running finish and makes one more, so what was written before the stop is
 * transferred). Then it says FIN, waits until the other side's importer said FIN too (or the connection
 * closed), writes one.core's Chum log object and closes the connection.
 */
public final class OneChumSession {

    private static final Logger LOG = Logger.getLogger(OneChumSession.class.getName());

    private final ObjectStore store;
    private final OneConnection connection;
    private final OneChumOptions options;
    private final OneImporter importer;
    private final OneExporter exporter;
    private final OneChumTally sent = new OneChumTally();
    private final OneChumTally received = new OneChumTally();
    private final List<Failure> errors = new ArrayList<>();
    private final CompletableFuture<Void> remoteFinished = new CompletableFuture<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    /** Counted down by a stop or by the connection closing: ends a keepRunning Chum's wait. */
    private final CountDownLatch wake = new CountDownLatch(1);
    private final long finishTimeoutMillis;
    private volatile java.time.Instant fullSyncAt;

    public OneChumSession(ObjectStore store, AccessService access, OneConnection connection, OneChumOptions options,
                          long requestTimeoutMillis, long maxContentBytes) {
        this.store = store;
        this.connection = connection;
        this.options = options;
        this.finishTimeoutMillis = requestTimeoutMillis;
        this.importer = new OneImporter(store, connection, received, errors, requestTimeoutMillis, maxContentBytes);
        this.exporter = new OneExporter(store, access, options.remotePersonId(),
                access.groupsOf(options.remotePersonId()), sent, () -> remoteFinished.complete(null));
        connection.serve(exporter);
        connection.closed().thenRun(wake::countDown);
    }

    /** Asks a keepRunning Chum to end after one more pass. */
    public void stop() {
        stop.countDown();
        wake.countDown();
    }

    /** When a whole pass over the other side's roots was made first, null before. */
    public java.time.Instant fullSyncAt() {
        return fullSyncAt;
    }

    /** What this side sent so far ({@code AtoB*}). */
    public OneChumTally sent() {
        return sent;
    }

    /** What this side received and stored so far ({@code BtoA*}). */
    public OneChumTally received() {
        return received;
    }

    /** The entries that failed so far. */
    public List<Failure> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    public OneChumOptions options() {
        return options;
    }

    public boolean stopping() {
        return stop.getCount() == 0;
    }

    /** Runs this side to the end and writes its log; call once, on a thread of its own. */
    public OneChumResult run() {
        String failure = null;
        try {
            importer.checkProtocolVersion(this::stopping);
            if (passes()) {
                finish();
                awaitRemoteFinish();
            }
        } catch (OneRemoteException e) {
            // a keepRunning Chum ends when the connection does, as in one.core; anything else ends it early
            if (!(options.keepRunning() && fullSyncAt != null && connection.closed().isDone())) {
                failure = e.getMessage();
                LOG.warning(() -> "ONE Chum " + options.chumName() + " with " + options.remoteInstanceName() + " failed: " + e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } catch (RuntimeException e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warning(() -> "ONE Chum " + options.chumName() + " with " + options.remoteInstanceName() + " failed: " + e);
        }
        try {
            return writeLog(failure);
        } finally {
            try {
                connection.close(failure == null ? "Chum ended normally" : "Chum ended with error");
            } catch (RuntimeException e) {
                LOG.fine(() -> "Closing the connection failed: " + e);
            }
        }
    }

    /**
     * Says FIN. The other side closes the connection only once it has this side's FIN (or gave up
     * waiting), so a connection closed before the answer came is a FIN that arrived.
     */
    private void finish() {
        try {
            importer.finish();
        } catch (OneRemoteException e) {
            if (!connection.closed().isDone()) {
                throw e;
            }
        }
    }

    /** @return false if the connection closed while a keepRunning Chum waited (then there is no FIN to send) */
    private boolean passes() throws InterruptedException {
        while (true) {
            importer.importAll();
            if (fullSyncAt == null) {
                fullSyncAt = java.time.Instant.now();
            }
            if (!options.keepRunning() || stopping()) {
                return true;
            }
            if (wake.await(options.pollIntervalMillis(), TimeUnit.MILLISECONDS)) {
                if (connection.closed().isDone()) {
                    return false;
                }
                importer.importAll(); // stopped: what was written before the stop still travels
                return true;
            }
        }
    }

    /**
     * Waits until the other side's importer said FIN or the connection closed, as one.core does, for as
     * long as the other side keeps fetching: once it fetched nothing for the request timeout, the wait
     * ends (a keepRunning one.models peer never says FIN and only asks for its roots every 5 s).
     */
    private void awaitRemoteFinish() throws InterruptedException {
        CompletableFuture<Object> done = CompletableFuture.anyOf(remoteFinished, connection.closed());
        while (true) {
            try {
                done.get(finishTimeoutMillis, TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                return;
            } catch (TimeoutException e) {
                long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - exporter.lastFetchNanos());
                if (silentMillis >= finishTimeoutMillis) {
                    LOG.info(() -> "The other side of ONE Chum " + options.chumName() + " fetched nothing for "
                            + silentMillis + " ms and did not say FIN: closing");
                    return;
                }
            }
        }
    }

    private OneChumResult writeLog(String failure) {
        List<Failure> failures;
        synchronized (errors) {
            failures = List.copyOf(errors);
        }
        boolean moved = sent.total() + received.total() > 0;
        if (failure != null && !moved) {
            return new OneChumResult(null, null, false, 0, 0, messages(failures), failure);
        }
        List<Failure> logged = new ArrayList<>(failures);
        if (failure != null) {
            logged.add(new Failure("CS-FAILED", failure, null));
        }
        OneObject log = OneChumLog.of(options.chumName(), options.localInstanceName(), options.remoteInstanceName(),
                options.localPersonId(), options.remotePersonId(), sent, received, connection.statistics(), logged);
        StoreResult stored = store.storeRecord(log);
        return new OneChumResult(stored.hash(), new ObjectHashes(store.registry()).idHashOf(log), fullSyncAt != null,
                sent.total(), received.total(), messages(failures), failure);
    }

    private static List<String> messages(List<Failure> failures) {
        return failures.stream().map(f -> f.code() + ": " + f.message()).toList();
    }
}
