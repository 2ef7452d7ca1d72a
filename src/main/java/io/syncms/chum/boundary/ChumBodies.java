package io.syncms.chum.boundary;

import io.syncms.chum.entity.ChumError;
import io.syncms.chum.entity.ChumJobStatus;
import io.syncms.chum.entity.ChumOptions;
import io.syncms.chum.entity.ChumRun;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.chum.entity.TransferCounts;
import io.syncms.chum.entity.TrustedPeer;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import io.syncms.platform.entity.Body;
import io.syncms.platform.entity.Doc;

/**
 * The bodies of the Chum REST API, as JSON-B maps them. Instants are ISO-8601 strings; the full-sync
 * timestamp is the remote write-log sequence number the full synchronization covered (ONE's name kept).
 */
public final class ChumBodies {

    /** The {@code chumName} of a Chum started without one. */
    static final String DEFAULT_CHUM_NAME = "chum";
    static final String HASH_PATTERN = "^[0-9a-f]{64}$";

    private ChumBodies() {}

    @Body(name = "ChumSyncOptions", description = "What a Chum is to do, as ONE names it. Only remotePersonId is required: "
            + "the rest defaults to this instance's owner and name, the pairing's URL and instance name, chumName \"chum\".")
    public record ChumSyncOptions(
            @Doc("The other instance's base URL; default: the paired one (it must be).") String remoteUrl,
            @Pattern(regexp = HASH_PATTERN) String localPersonId,
            @Doc("The paired person to Chum with.") @NotNull @Pattern(regexp = HASH_PATTERN) String remotePersonId,
            String chumName,
            String localInstanceName,
            String remoteInstanceName,
            @Doc("Keep carrying new writes until stopped: a persistent job (default false).") Boolean keepRunning,
            @Doc("ms a new write may wait before the other side is told (0-600000, default 20).") Long maxNotificationDelay,
            @Doc("Run this one-shot Chum again this many ms after each run (1000 to 604800000): a persistent job, like "
                    + "keepRunning, that is not connected between runs.") Long repeatEveryMs,
            @Doc(value = "\"syncms\" (default): another instance of this module over its HTTP protocol; \"one\": a REFINIO ONE "
                    + "peer over one.core's Chum protocol 8, dialed at the ws:// or wss:// remoteUrl (no pairing needed; "
                    + "remoteInstanceName is required).", allowed = {"syncms", "one"}) String protocol) {

        boolean isOne() {
            return "one".equals(protocol);
        }

        Duration repeatEvery() {
            return repeatEveryMs == null ? null : Duration.ofMillis(repeatEveryMs);
        }

        /** @throws IllegalArgumentException for a value the options refuse, or no instance name to be found for the peer (400) */
        ChumOptions toOptions(ChumDefaults defaults) {
            String remoteInstance = remoteInstanceName != null ? remoteInstanceName
                    : defaults.remoteInstanceName(remotePersonId).orElseThrow(() -> new IllegalArgumentException(
                            "remoteInstanceName is missing, and the pairing of person " + remotePersonId
                                    + " does not name its instance (pair it with an instanceName)"));
            return new ChumOptions(remoteUrl, localPersonId != null ? localPersonId : defaults.localPersonId(), remotePersonId,
                    chumName != null ? chumName : DEFAULT_CHUM_NAME,
                    localInstanceName != null ? localInstanceName : defaults.localInstanceName(), remoteInstance,
                    Boolean.TRUE.equals(keepRunning),
                    maxNotificationDelay != null ? maxNotificationDelay : ChumOptions.DEFAULT_MAX_NOTIFICATION_DELAY);
        }

        static ChumSyncOptions of(ChumOptions options) {
            return new ChumSyncOptions(options.remoteUrl(), options.localPersonId(), options.remotePersonId(), options.chumName(),
                    options.localInstanceName(), options.remoteInstanceName(), options.keepRunning(), options.maxNotificationDelay(),
                    null, null);
        }
    }

    @Body(name = "ChumStarted")
    public record Started(@NotNull String id) {}

    @Body(name = "ChumStatus", description = "A Chum of this instance; a job's also between runs (WAITING) or once stopped (STOPPED), "
            + "then only id, state, options and job are set.")
    public record Status(
            @NotNull String id,
            @Doc(allowed = {"RUNNING", "DONE", "STOPPED", "FAILED", "WAITING"}) @NotNull String state,
            @Doc(allowed = {"INITIATOR", "RESPONDER"}) String role,
            boolean fullSyncAchieved,
            @Doc("The remote write-log position the full synchronization covered.") Long fullSyncTimestamp,
            @Doc(format = "date-time") String fullSyncAchievedAt,
            Counts sent,
            Counts received,
            @Doc("Items offered that were stored here already.") long exists,
            Progress progress,
            @NotNull List<ErrorBody> errors,
            @Doc("The hash of this side's Chum log object, once written.") String logHash,
            @NotNull ChumSyncOptions options,
            @Doc(format = "date-time") String startedAt,
            @Doc(format = "date-time") String endedAt,
            @Doc("Set for a persistent job (keepRunning).") Job job,
            @Doc("The W3C trace id of this run, the same on both instances (traceparent of its requests).") String traceId) {

        static Status of(ChumStatus status, Job job) {
            boolean full = status.fullSyncAchieved();
            return new Status(status.id(), status.state().name(), status.role().name(), full,
                    full ? status.fullSync().remoteSeq() : null, full ? status.fullSync().achievedAt().toString() : null,
                    Counts.of(status.sent()), Counts.of(status.received()), status.exists(),
                    new Progress(status.progress().done(), status.progress().total()), status.errors().stream().map(ErrorBody::of).toList(),
                    status.logHash(), ChumSyncOptions.of(status.options()), text(status.startedAt()), text(status.endedAt()), job,
                    status.traceId());
        }

        /** A job without a run kept here: between runs ({@code WAITING}) or stopped for good ({@code STOPPED}). */
        static Status between(ChumJobStatus job, String state) {
            return new Status(job.id(), state, null, false, null, null, null, null, 0, null, List.of(), null,
                    ChumSyncOptions.of(job.options()), null, null, Job.of(job), null);
        }

        static Status of(Optional<ChumStatus> status, Optional<ChumJobStatus> job) {
            Job jobBody = job.map(Job::of).orElse(null);
            return status.map(s -> of(s, jobBody)).orElseGet(() -> between(job.orElseThrow(), "WAITING"));
        }
    }

    @Body(name = "ChumList")
    public record ChumList(@Doc("Every Chum kept here.") @NotNull List<Status> chums,
                            @Doc("Every persistent job.") @NotNull List<Job> jobs) {}

    @Body(name = "TransferCounts")
    public record Counts(long objects, long idObjects, long blobs, long clobs, long bytes) {
        static Counts of(TransferCounts counts) {
            return new Counts(counts.objects(), counts.idObjects(), counts.blobs(), counts.clobs(), counts.bytes());
        }
    }

    @Body(name = "ChumProgress")
    public record Progress(long done, long total) {}

    @Body(name = "ChumError")
    public record ErrorBody(@NotNull String code, @NotNull String message,
                         @Doc(allowed = {"OBJECT", "ID", "BLOB", "CLOB"}) String kind,
                         String hash) {
        static ErrorBody of(ChumError error) {
            return new ErrorBody(error.code(), error.message(), error.kind() == null ? null : error.kind().name(),
                    error.kind() == null ? null : error.hash());
        }
    }

    @Body(name = "ChumJob", description = "A persistent replication job: kept across restarts, retried with backoff.")
    public record Job(
            @NotNull String id,
            @NotNull ChumSyncOptions options,
            @Doc(format = "date-time") @NotNull String createdAt,
            boolean running,
            long runs,
            int failures,
            @Doc(format = "date-time") String nextRunAt,
            @Doc("How many write-log positions the peer is behind this instance; -1 until known.") long lag,
            String lastError,
            @Doc("The newest runs, oldest first.") @NotNull List<Run> history,
            @Doc("The interval of a repeated one-shot Chum; null for a keepRunning job.") Long repeatEveryMs) {

        static Job of(ChumJobStatus job) {
            return new Job(job.id(), ChumSyncOptions.of(job.options()), job.createdAt().toString(), job.running(), job.runs(), job.failures(),
                    text(job.nextRunAt()), job.lag(), job.lastError(), job.history().stream().map(Run::of).toList(),
                    job.every() == null ? null : job.every().toMillis());
        }
    }

    @Body(name = "ChumRun")
    public record Run(@NotNull String state, boolean fullSync, String error, @Doc(format = "date-time") @NotNull String startedAt,
                       @Doc(format = "date-time") @NotNull String endedAt) {
        static Run of(ChumRun run) {
            return new Run(run.state().name(), run.fullSync(), run.error(), run.startedAt().toString(), run.endedAt().toString());
        }
    }

    @Body(name = "Peer", description = "A trusted peer: the owner of another instance, its key and URL (GET /api/instance there).")
    public record Peer(
            @Doc("Required, except in PUT /api/peers/{personId} where it may be left out.") @Pattern(regexp = HASH_PATTERN) String personId,
            @Doc("Raw Ed25519 public key, Base64.") @NotNull String publicKey,
            @Doc("The instance's base URL.") @NotNull String url,
            @Doc("The instance's name (its GET /api/instance name).") String instanceName) {

        TrustedPeer toPeer(String pathPersonId) {
            if (pathPersonId == null && personId == null) {
                throw new IllegalArgumentException("personId is missing");
            }
            if (pathPersonId != null && personId != null && !personId.equals(pathPersonId)) {
                throw new IllegalArgumentException("The body's personId is not the path's " + pathPersonId);
            }
            return new TrustedPeer(pathPersonId != null ? pathPersonId : personId, publicKey, url, instanceName);
        }

        static Peer of(TrustedPeer peer) {
            return new Peer(peer.personId(), peer.publicKey(), peer.url(), peer.instanceName());
        }
    }

    @Body(name = "PeerList")
    public record PeerList(@NotNull List<Peer> peers) {}

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
