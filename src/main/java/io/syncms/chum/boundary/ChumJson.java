package io.syncms.chum.boundary;

import java.util.Optional;

import io.syncms.chum.entity.ChumRun;

import io.syncms.chum.entity.ChumJobStatus;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.chum.entity.ChumError;
import io.syncms.chum.entity.ChumJobStatus;
import io.syncms.chum.entity.ChumOptions;
import io.syncms.chum.entity.ChumRun;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.chum.entity.TransferCounts;
import io.syncms.chum.entity.TrustedPeer;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The JSON of the Chum REST API: {@code ChumSyncOptions}, Chum statuses and trusted peers. */
final class ChumJson {

    private static final Set<String> OPTION_NAMES = Set.of("remoteUrl", "localPersonId", "remotePersonId", "chumName",
            "localInstanceName", "remoteInstanceName", "keepRunning", "maxNotificationDelay");
    private static final Set<String> PEER_NAMES = Set.of("personId", "publicKey", "url", "instanceName");
    /** The {@code chumName} of a Chum started without one. */
    static final String DEFAULT_CHUM_NAME = "chum";

    private ChumJson() {
    }

    /**
     * {@code ChumSyncOptions}; only {@code remotePersonId} is required: {@code localPersonId} and
     * {@code localInstanceName} default to this instance's owner and name, {@code remoteInstanceName} to the
     * pairing's {@code instanceName}, {@code chumName} to {@value #DEFAULT_CHUM_NAME}, {@code keepRunning} to
     * false, {@code maxNotificationDelay} (ms) to 20.
     *
     * @throws IllegalArgumentException for a missing, unknown or ill-typed member or an invalid value (400)
     */
    static ChumOptions options(JsonObject json, ChumDefaults defaults) {
        onlyKnown(json, OPTION_NAMES, "ChumSyncOptions");
        JsonValue delay = json.get("maxNotificationDelay");
        long maxNotificationDelay = ChumOptions.DEFAULT_MAX_NOTIFICATION_DELAY;
        if (delay != null) {
            if (!(delay instanceof JsonNumber number) || !number.isIntegral()) {
                throw new IllegalArgumentException("maxNotificationDelay must be a whole number of milliseconds");
            }
            maxNotificationDelay = number.longValue();
        }
        JsonValue keepRunning = json.getOrDefault("keepRunning", JsonValue.FALSE);
        if (keepRunning.getValueType() != JsonValue.ValueType.TRUE && keepRunning.getValueType() != JsonValue.ValueType.FALSE) {
            throw new IllegalArgumentException("keepRunning must be true or false");
        }
        String remoteUrl = json.containsKey("remoteUrl") ? text(json, "remoteUrl") : null;
        String remotePersonId = text(json, "remotePersonId");
        String remoteInstanceName = json.containsKey("remoteInstanceName") ? text(json, "remoteInstanceName")
                : defaults.remoteInstanceName(remotePersonId).orElseThrow(() -> new IllegalArgumentException(
                        "remoteInstanceName is missing, and the pairing of person " + remotePersonId
                                + " does not name its instance (pair it with an instanceName)"));
        return new ChumOptions(remoteUrl, textOr(json, "localPersonId", defaults.localPersonId()), remotePersonId,
                textOr(json, "chumName", DEFAULT_CHUM_NAME), textOr(json, "localInstanceName", defaults.localInstanceName()),
                remoteInstanceName, keepRunning.getValueType() == JsonValue.ValueType.TRUE, maxNotificationDelay);
    }

    /** {@code {"personId","publicKey","url","instanceName"?}}; @throws IllegalArgumentException if it is not a valid peer (400) */
    static TrustedPeer peer(JsonObject json) {
        onlyKnown(json, PEER_NAMES, "a peer");
        return new TrustedPeer(text(json, "personId"), text(json, "publicKey"), text(json, "url"), optionalText(json, "instanceName"));
    }

    /**
     * The peer of {@code PUT /api/peers/{personId}}: {@code {"publicKey","url"}}, and {@code personId} if it
     * is the path's.
     */
    static TrustedPeer peer(String personId, JsonObject json) {
        onlyKnown(json, PEER_NAMES, "a peer");
        if (json.containsKey("personId") && !text(json, "personId").equals(personId)) {
            throw new IllegalArgumentException("The body's personId is not the path's " + personId);
        }
        return new TrustedPeer(personId, text(json, "publicKey"), text(json, "url"), optionalText(json, "instanceName"));
    }

    /** A job: {@code {"createdAt","running","runs","failures","nextRunAt","lag","lastError","history":[…]}}. */
    static JsonObject job(ChumJobStatus job) {
        JsonArrayBuilder history = JSON.createArrayBuilder();
        for (ChumRun run : job.history()) {
            JsonObjectBuilder json = JSON.createObjectBuilder().add("state", run.state().name()).add("fullSync", run.fullSync())
                    .add("startedAt", run.startedAt().toString()).add("endedAt", run.endedAt().toString());
            nullable(json, "error", run.error());
            history.add(json);
        }
        JsonObjectBuilder json = JSON.createObjectBuilder().add("createdAt", job.createdAt().toString())
                .add("running", job.running()).add("runs", job.runs()).add("failures", job.failures());
        nullable(json, "nextRunAt", job.nextRunAt());
        json.add("lag", job.lag());
        nullable(json, "lastError", job.lastError());
        return json.add("history", history).build();
    }

    /** The status of a Chum, with its job's if it is one; a job between runs whose last run is forgotten: {@code WAITING}. */
    static JsonObject status(Optional<ChumStatus> status, Optional<ChumJobStatus> job) {
        JsonObjectBuilder json = status.map(s -> JSON.createObjectBuilder(status(s)))
                .orElseGet(() -> JSON.createObjectBuilder().add("id", job.orElseThrow().id()).add("state", "WAITING")
                        .add("options", options(job.get().options())));
        job.ifPresent(j -> json.add("job", job(j)));
        return json.build();
    }

    /** A job stopped between runs, whose last run is no longer kept: {@code {"id","state":"STOPPED","options"}}. */
    static JsonObject stoppedJob(ChumJobStatus job) {
        return JSON.createObjectBuilder().add("id", job.id()).add("state", "STOPPED").add("options", options(job.options())).build();
    }

    static JsonObject peer(TrustedPeer peer) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("personId", peer.personId()).add("publicKey", peer.publicKey())
                .add("url", peer.url());
        if (peer.instanceName() != null) {
            json.add("instanceName", peer.instanceName());
        }
        return json.build();
    }

    static JsonObject peers(List<TrustedPeer> peers) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        peers.forEach(peer -> array.add(peer(peer)));
        return JSON.createObjectBuilder().add("peers", array).build();
    }

    static JsonObject started(String id) {
        return JSON.createObjectBuilder().add("id", id).build();
    }

    /** {@code {"chums":[status,…],"jobs":[{"id","options",job},…]}}: every Chum kept here, and every job. */
    static JsonObject statuses(List<ChumStatus> statuses, List<ChumJobStatus> jobs) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        statuses.forEach(status -> array.add(status(status)));
        JsonArrayBuilder jobArray = JSON.createArrayBuilder();
        jobs.forEach(job -> jobArray.add(JSON.createObjectBuilder(job(job)).add("id", job.id()).add("options", options(job.options()))));
        return JSON.createObjectBuilder().add("chums", array).add("jobs", jobArray).build();
    }

    /**
     * {@code {"id","state","role","fullSyncAchieved","fullSyncTimestamp","fullSyncAchievedAt","sent","received",
     * "exists","progress":{"done","total"},"errors":[…],"logHash","options","startedAt","endedAt"}}; the full-sync
     * timestamp is the remote write-log sequence number the full synchronization covered.
     */
    static JsonObject status(ChumStatus status) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", status.id())
                .add("state", status.state().name())
                .add("role", status.role().name())
                .add("fullSyncAchieved", status.fullSyncAchieved());
        if (status.fullSyncAchieved()) {
            json.add("fullSyncTimestamp", status.fullSync().remoteSeq())
                    .add("fullSyncAchievedAt", status.fullSync().achievedAt().toString());
        } else {
            json.addNull("fullSyncTimestamp").addNull("fullSyncAchievedAt");
        }
        json.add("sent", counts(status.sent()))
                .add("received", counts(status.received()))
                .add("exists", status.exists())
                .add("progress", JSON.createObjectBuilder().add("done", status.progress().done())
                        .add("total", status.progress().total()))
                .add("errors", errors(status.errors()));
        nullable(json, "logHash", status.logHash());
        json.add("options", options(status.options()));
        nullable(json, "startedAt", status.startedAt());
        nullable(json, "endedAt", status.endedAt());
        return json.build();
    }

    private static JsonObject options(ChumOptions options) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        nullable(json, "remoteUrl", options.remoteUrl());
        return json
                .add("localPersonId", options.localPersonId())
                .add("remotePersonId", options.remotePersonId())
                .add("chumName", options.chumName())
                .add("localInstanceName", options.localInstanceName())
                .add("remoteInstanceName", options.remoteInstanceName())
                .add("keepRunning", options.keepRunning())
                .add("maxNotificationDelay", options.maxNotificationDelay())
                .build();
    }

    private static JsonObject counts(TransferCounts counts) {
        return JSON.createObjectBuilder()
                .add("objects", counts.objects())
                .add("idObjects", counts.idObjects())
                .add("blobs", counts.blobs())
                .add("clobs", counts.clobs())
                .add("bytes", counts.bytes())
                .build();
    }

    private static JsonArrayBuilder errors(List<ChumError> errors) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (ChumError error : errors) {
            JsonObjectBuilder json = JSON.createObjectBuilder().add("code", error.code()).add("message", error.message());
            if (error.kind() != null) {
                json.add("kind", error.kind().name()).add("hash", error.hash());
            }
            array.add(json);
        }
        return array;
    }

    private static void nullable(JsonObjectBuilder json, String name, Object value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value instanceof Instant instant ? instant.toString() : value.toString());
        }
    }

    private static String textOr(JsonObject json, String name, String fallback) {
        return json.containsKey(name) ? text(json, name) : fallback;
    }

    private static String optionalText(JsonObject json, String name) {
        return json.containsKey(name) ? text(json, name) : null;
    }

    private static String text(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (!(value instanceof JsonString string)) {
            throw new IllegalArgumentException(name + (value == null ? " is missing" : " must be a string"));
        }
        return string.getString();
    }

    private static void onlyKnown(JsonObject json, Set<String> names, String what) {
        for (String name : json.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("\"" + name + "\" is not a member of " + what + "; known: " + new java.util.TreeSet<>(names));
            }
        }
    }
}
