package io.syncms.chum.control;

import io.syncms.platform.entity.TraceParent;

import io.syncms.chum.entity.ChumException;
import io.syncms.chum.entity.ChumLimits;
import io.syncms.chum.entity.ChumOptions;
import io.syncms.chum.entity.ChumProtocolException;
import io.syncms.chum.entity.ChumRole;
import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.chum.entity.HandshakeRequest;
import io.syncms.chum.entity.TrustedPeer;
import io.syncms.platform.entity.LimitExceededException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Chums of one instance: starts them ({@link #start}), answers the remote side of those others
 * start (a handshake from an initiator starts this side's importer towards it, at the URL its
 * {@link TrustedPeers} entry names), and keeps their handles. Owns the instance's
 * {@link ChumExporter}, which the transport serves. The CDI service {@code boundary.Chums} and the
 * JAX-RS resources wrap this class; it runs each session, and its importer's parallel stores, on the
 * given executor (the default ManagedExecutorService there).
 */
public final class ChumService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChumService.class.getName());

    private final LocalInstance local;
    private final TrustedPeers trustedPeers;
    private final ChumConnector connector;
    private final Executor executor;
    private final ChumSettings settings;
    private final ChumLimits limits;
    private final Checkpoints checkpoints;
    private final ChumExporter exporter;
    private final Map<String, ChumSession> sessions = new ConcurrentHashMap<>();
    private volatile ChumObserver observer = ChumObserver.NONE;

    public ChumService(LocalInstance local, TrustedPeers trustedPeers, ChumConnector connector, Executor executor,
                       ChumSettings settings, ChumLimits limits) {
        this.local = local;
        this.trustedPeers = trustedPeers;
        this.connector = connector;
        this.executor = executor;
        this.settings = settings;
        this.limits = limits;
        this.checkpoints = Checkpoints.inStoreDirectory(local.store().directory());
        this.exporter = new ChumExporter(local, trustedPeers, settings, limits, this::accepted, this::refused);
    }

    public ChumExporter exporter() {
        return exporter;
    }

    public TrustedPeers trustedPeers() {
        return trustedPeers;
    }

    public Checkpoints checkpoints() {
        return checkpoints;
    }

    /**
     * Starts a Chum with the paired instance of the remote person; it runs in the background.
     *
     * @throws IllegalArgumentException if the options do not name this instance and its owner, the remote
     *         person is not paired, or {@code remoteUrl} is given and is not the paired URL (a Chum only ever
     *         dials the URL of a pairing: no free-form URLs)
     */
    public ChumSession start(ChumOptions options) {
        return start(options, UUID.randomUUID().toString());
    }

    /**
     * As {@link #start(ChumOptions)}, with the id the Chum has on both sides: a Chum job gives each of its
     * runs its own id. An ended Chum with that id is replaced.
     *
     * @throws IllegalStateException if a Chum with that id still runs here
     */
    public ChumSession start(ChumOptions options, String id) {
        return start(options, id, TraceParent.newTrace());
    }

    /** As {@link #start(ChumOptions, String)}, as part of {@code trace} (the caller's; null: a new one). */
    public ChumSession start(ChumOptions options, String id, TraceParent given) {
        TraceParent trace = given != null ? given : TraceParent.newTrace();
        if (!options.localInstanceName().equals(local.name()) || !options.localPersonId().equals(local.owner())) {
            throw new IllegalArgumentException("This is instance \"" + local.name() + "\" of person " + local.owner()
                    + ": a Chum can only be started as it");
        }
        TrustedPeer peer = trustedPeers.find(options.remotePersonId()).orElseThrow(() -> new IllegalArgumentException(
                "Person " + options.remotePersonId() + " is not paired with this instance: pair it first (POST /api/peers)"));
        if (options.remoteUrl() != null && !sameUrl(options.remoteUrl(), peer.url())) {
            throw new IllegalArgumentException("remoteUrl must be left out or be the paired URL of person "
                    + options.remotePersonId() + ", " + peer.url());
        }
        requireCapacity();
        ChumSession session = newSession(id, ChumRole.INITIATOR, options.withRemoteUrl(peer.url()), trace);
        if (!keepFresh(session)) {
            throw new IllegalStateException("Chum " + id + " still runs here");
        }
        launch(session);
        return session;
    }

    /**
     * Pairs with the owner of another instance.
     *
     * @return true if the pairing is new, false if it existed exactly so
     * @throws io.syncms.chum.entity.PairingConflictException if the person is paired with another key or URL
     */
    public boolean pair(TrustedPeer peer) {
        return trustedPeers.pair(peer);
    }

    /**
     * Pairs with the owner of another instance, replacing its pairing if there is one; a replaced key
     * or URL ends that person's running Chums here (they were authenticated with the old pairing).
     *
     * @return the replaced pairing, if any
     */
    public Optional<TrustedPeer> replacePairing(TrustedPeer peer) {
        Optional<TrustedPeer> previous = trustedPeers.replace(peer);
        if (previous.isPresent() && !previous.get().equals(peer)) {
            endChumsOf(peer.personId(), "the pairing of person " + peer.personId() + " was replaced at instance " + local.name());
        }
        return previous;
    }

    /**
     * Unpairs a person: its running Chums end at once (FAILED, with the reason) and its session tokens
     * are void, so nothing more is served to it.
     *
     * @return false if the person was not paired
     */
    public boolean unpair(String personId) {
        if (!trustedPeers.remove(personId)) {
            return false;
        }
        endChumsOf(personId, "person " + personId + " was unpaired at instance " + local.name());
        return true;
    }

    private void endChumsOf(String personId, String reason) {
        // the local Chums first, so each records why before the revocation below ends it from the other side too
        sessions.values().stream().filter(session -> session.options().remotePersonId().equals(personId))
                .forEach(session -> session.abort("CHUM-UNPAIRED1", reason));
        exporter.revoke(personId, reason);
    }

    private static boolean sameUrl(String one, String other) {
        return one.replaceAll("/+$", "").equals(other.replaceAll("/+$", ""));
    }

    public Optional<ChumSession> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** Tells {@code observer} of every Chum kept, ended and forgotten from now on (one observer at a time). */
    public void observe(ChumObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Every Chum of this instance, oldest first. */
    public List<ChumStatus> statuses() {
        List<ChumStatus> statuses = new ArrayList<>();
        sessions.values().forEach(session -> statuses.add(session.status()));
        statuses.sort(Comparator.comparing(ChumStatus::startedAt).thenComparing(ChumStatus::id));
        return statuses;
    }

    /**
     * Stops every running Chum and waits, up to the finish timeout, until each has written its log;
     * then stops the exporter. Call it before closing the store.
     */
    @Override
    public void close() {
        CompletableFuture<?>[] endings = sessions.values().stream()
                .map(session -> session.stop().toCompletableFuture()).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(endings).get(settings.finishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.log(Level.WARNING, "Not every Chum of instance " + local.name() + " ended in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exporter.close();
    }

    /** A remote importer's handshake was accepted: start the reverse direction, or join the Chum it belongs to. */
    private void accepted(ExportSession exportSession) {
        HandshakeRequest request = exportSession.request();
        if (request.initiator()) {
            TrustedPeer peer = trustedPeers.find(request.importerPerson()).orElseThrow(() ->
                    new ChumProtocolException("Person " + request.importerPerson() + " is no longer a trusted peer"));
            requireCapacity();
            // the responder's half belongs to the initiator's trace: the same trace id on both instances
            TraceParent trace = exportSession.trace() != null ? exportSession.trace().child() : TraceParent.newTrace();
            ChumSession session = newSession(request.chumId(), ChumRole.RESPONDER, optionsOf(request, peer.url()), trace);
            if (!keepFresh(session)) {
                throw new ChumProtocolException("A Chum with id " + request.chumId() + " runs here already");
            }
            session.attach(exportSession);
            launch(session);
            return;
        }
        ChumSession session = sessions.get(request.chumId());
        if (session == null || session.role() != ChumRole.INITIATOR
                || !session.options().remotePersonId().equals(request.importerPerson())) {
            throw new ChumProtocolException("No Chum " + request.chumId() + " with person " + request.importerPerson()
                    + " was started here");
        }
        session.attach(exportSession);
    }

    /** An authenticated handshake was refused (a version mismatch): this side records the aborted Chum too. */
    private void refused(HandshakeRequest request, ChumException failure) {
        String url = trustedPeers.find(request.importerPerson()).map(TrustedPeer::url).orElse("unknown");
        ChumSession session = newSession(request.chumId(), ChumRole.RESPONDER, optionsOf(request, url), TraceParent.newTrace());
        if (sessions.putIfAbsent(session.id(), session) == null) {
            observer.kept(session);
            session.refuse(failure);
            forgetOldEnded();
        }
    }

    /** @throws LimitExceededException (503) if {@code syncms.chum.max-running} Chums run here already */
    private void requireCapacity() {
        long running = sessions.values().stream().filter(session -> !session.status().state().ended()).count();
        if (running >= limits.maxRunning()) {
            throw LimitExceededException.atCapacity("CHUM-LIMIT1", "instance " + local.name() + " runs " + running
                    + " Chums, its limit (syncms.chum.max-running)", java.time.Duration.ofSeconds(30));
        }
    }

    /**
     * Keeps a new session, replacing an ended one with its id (the runs of a Chum job share their id);
     * false if one with its id still runs.
     */
    private boolean keepFresh(ChumSession session) {
        ChumSession[] replaced = new ChumSession[1];
        boolean kept = sessions.compute(session.id(), (id, existing) -> {
            if (existing != null && !existing.status().state().ended()) {
                return existing;
            }
            replaced[0] = existing;
            return session;
        }) == session;
        if (kept) {
            if (replaced[0] != null) {
                observer.forgotten(replaced[0]);
            }
            observer.kept(session);
            forgetOldEnded();
        }
        return kept;
    }

    /** Keeps at most {@code syncms.chum.max-retained} ended Chums: the oldest go (their log objects stay in the store). */
    private void forgetOldEnded() {
        List<ChumSession> ended = sessions.values().stream().filter(session -> session.status().state().ended())
                .sorted(Comparator.comparing((ChumSession session) -> session.status().startedAt())).toList();
        for (int i = 0; i < ended.size() - limits.maxRetained(); i++) {
            if (sessions.remove(ended.get(i).id(), ended.get(i))) {
                observer.forgotten(ended.get(i));
            }
        }
    }

    private ChumOptions optionsOf(HandshakeRequest request, String url) {
        return new ChumOptions(url, local.owner(), request.importerPerson(), request.chumName(), local.name(),
                request.importerInstance(), request.keepRunning(), request.maxNotificationDelay());
    }

    private ChumSession newSession(String id, ChumRole role, ChumOptions options, TraceParent trace) {
        ChumSession session = new ChumSession(id, role, options, trace, local, connector, trustedPeers, checkpoints, settings, executor);
        session.beforeEnded(() -> {
            observer.ended(session);
            forgetOldEnded();
        });
        return session;
    }

    private void launch(ChumSession session) {
        try {
            executor.execute(session::run);
        } catch (RejectedExecutionException e) {
            session.refuse(new ChumProtocolException("Instance " + local.name() + " cannot run more Chums now"));
        }
    }
}
