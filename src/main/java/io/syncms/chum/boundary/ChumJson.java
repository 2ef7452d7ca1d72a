package io.syncms.chum.boundary;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.chum.entity.ChumError;
import io.syncms.chum.entity.ChumOptions;
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
import java.util.Set;

/** The JSON of the Chum REST API: {@code ChumSyncOptions}, Chum statuses and trusted peers. */
final class ChumJson {

    private static final Set<String> OPTION_NAMES = Set.of("remoteUrl", "localPersonId", "remotePersonId", "chumName",
            "localInstanceName", "remoteInstanceName", "keepRunning", "maxNotificationDelay");
    private static final Set<String> PEER_NAMES = Set.of("personId", "publicKey", "url");

    private ChumJson() {
    }

    /**
     * {@code ChumSyncOptions}; {@code keepRunning} defaults to false, {@code maxNotificationDelay} (ms) to 20.
     *
     * @throws IllegalArgumentException for a missing, unknown or ill-typed member or an invalid value (400)
     */
    static ChumOptions options(JsonObject json) {
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
        return new ChumOptions(remoteUrl, text(json, "localPersonId"), text(json, "remotePersonId"),
                text(json, "chumName"), text(json, "localInstanceName"), text(json, "remoteInstanceName"),
                keepRunning.getValueType() == JsonValue.ValueType.TRUE, maxNotificationDelay);
    }

    /** {@code {"personId","publicKey","url"}}; @throws IllegalArgumentException if it is not a valid peer (400) */
    static TrustedPeer peer(JsonObject json) {
        onlyKnown(json, PEER_NAMES, "a peer");
        return new TrustedPeer(text(json, "personId"), text(json, "publicKey"), text(json, "url"));
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
        return new TrustedPeer(personId, text(json, "publicKey"), text(json, "url"));
    }

    static JsonObject peer(TrustedPeer peer) {
        return JSON.createObjectBuilder().add("personId", peer.personId()).add("publicKey", peer.publicKey())
                .add("url", peer.url()).build();
    }

    static JsonObject peers(List<TrustedPeer> peers) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        peers.forEach(peer -> array.add(peer(peer)));
        return JSON.createObjectBuilder().add("peers", array).build();
    }

    static JsonObject started(String id) {
        return JSON.createObjectBuilder().add("id", id).build();
    }

    static JsonObject statuses(List<ChumStatus> statuses) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        statuses.forEach(status -> array.add(status(status)));
        return JSON.createObjectBuilder().add("chums", array).build();
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
