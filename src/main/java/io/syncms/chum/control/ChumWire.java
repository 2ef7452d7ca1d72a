package io.syncms.chum.control;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.chum.entity.ChangeNotice;
import io.syncms.chum.entity.ChangePage;
import io.syncms.chum.entity.Challenge;
import io.syncms.chum.entity.ChumProtocolException;
import io.syncms.chum.entity.FinishReason;
import io.syncms.chum.entity.HandshakeGrant;
import io.syncms.chum.entity.HandshakeRequest;
import io.syncms.chum.entity.ObjectBody;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.ReferenceKind;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON of the Chum protocol over HTTP, for both ends: the exporter's resource decodes requests
 * and encodes answers with it, {@link HttpChumPeer} the other way round. Field names are those of
 * the records; kinds and reasons are enum names ({@code "BLOB"}, {@code "COMPLETE"}); times are
 * ISO-8601. Anything malformed is a {@link ChumProtocolException} (400 when a request is malformed).
 */
public final class ChumWire {

    /** {@code POST changes}: open a listing round. */
    public record ChangesRequest(long afterSeq, int limit) {
    }

    /** {@code POST changes/next}: the next page of the round. */
    public record NextRequest(String cursor, int limit) {
    }

    /** {@code POST content}: BLOBs or CLOBs to stream. */
    public record ContentRequest(ReferenceKind kind, List<String> hashes) {
    }

    /** {@code POST wait}: the long poll. */
    public record WaitRequest(long afterSeq, long timeoutMillis) {
    }

    /** {@code POST finish}: the importer is done. */
    public record FinishRequest(FinishReason reason, String message) {
    }

    private static final String BEARER = "Bearer ";

    private ChumWire() {
    }

    // ---------------------------------------------------------------- authorization

    /** The value of an {@code Authorization} header for a session token. */
    public static String authorization(String token) {
        return BEARER + token;
    }

    /** The token of an {@code Authorization: Bearer …} header; null if there is none (then the exporter answers 401). */
    public static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }

    // ---------------------------------------------------------------- handshake

    /** {@code POST challenge}: the importer's nonce, which the exporter signs along. */
    public static JsonObject challengeRequest(String importerNonce) {
        return JSON.createObjectBuilder().add("importerNonce", importerNonce).build();
    }

    public static String challengeRequest(JsonObject json) {
        return decode("challenge request", () -> string(json, "importerNonce"));
    }

    public static JsonObject challenge(Challenge challenge) {
        return JSON.createObjectBuilder()
                .add("nonce", challenge.nonce())
                .add("protocolVersion", challenge.protocolVersion())
                .add("instanceName", challenge.instanceName())
                .add("personId", challenge.personId())
                .add("publicKey", challenge.publicKey())
                .add("ephemeralKey", challenge.ephemeralKey())
                .add("expiresAt", challenge.expiresAt().toString())
                .add("signature", challenge.signature())
                .build();
    }

    public static Challenge challenge(JsonObject json) {
        return decode("challenge", () -> new Challenge(string(json, "nonce"), integer(json, "protocolVersion"),
                string(json, "instanceName"), string(json, "personId"), string(json, "publicKey"),
                string(json, "ephemeralKey"), instant(json, "expiresAt"), string(json, "signature")));
    }

    public static JsonObject handshakeRequest(HandshakeRequest request) {
        return JSON.createObjectBuilder()
                .add("protocolVersion", request.protocolVersion())
                .add("nonce", request.nonce())
                .add("importerNonce", request.importerNonce())
                .add("chumId", request.chumId())
                .add("initiator", request.initiator())
                .add("renew", request.renew())
                .add("importerInstance", request.importerInstance())
                .add("importerPerson", request.importerPerson())
                .add("exporterInstance", request.exporterInstance())
                .add("exporterPerson", request.exporterPerson())
                .add("exporterKey", request.exporterKey())
                .add("exporterEphemeralKey", request.exporterEphemeralKey())
                .add("importerEphemeralKey", request.importerEphemeralKey())
                .add("chumName", request.chumName())
                .add("keepRunning", request.keepRunning())
                .add("maxNotificationDelay", request.maxNotificationDelay())
                .add("signature", request.signature() == null ? "" : request.signature())
                .build();
    }

    public static HandshakeRequest handshakeRequest(JsonObject json) {
        return decode("handshake", () -> new HandshakeRequest(integer(json, "protocolVersion"), string(json, "nonce"),
                string(json, "importerNonce"), string(json, "chumId"), bool(json, "initiator"), bool(json, "renew"),
                string(json, "importerInstance"), string(json, "importerPerson"), string(json, "exporterInstance"),
                string(json, "exporterPerson"), string(json, "exporterKey"), string(json, "exporterEphemeralKey"),
                string(json, "importerEphemeralKey"), string(json, "chumName"), bool(json, "keepRunning"),
                number(json, "maxNotificationDelay"), string(json, "signature")));
    }

    public static JsonObject grant(HandshakeGrant grant) {
        return JSON.createObjectBuilder()
                .add("idleTimeoutMillis", grant.idleTimeoutMillis())
                .add("lifetimeMillis", grant.lifetimeMillis())
                .add("storeEpoch", grant.storeEpoch())
                .add("lastSeq", grant.lastSeq())
                .add("confirmation", grant.confirmation())
                .build();
    }

    public static HandshakeGrant grant(JsonObject json) {
        return decode("handshake grant", () -> new HandshakeGrant(number(json, "idleTimeoutMillis"),
                number(json, "lifetimeMillis"), string(json, "storeEpoch"), number(json, "lastSeq"),
                string(json, "confirmation")));
    }

    // ---------------------------------------------------------------- listing

    public static JsonObject changesRequest(long afterSeq, int limit) {
        return JSON.createObjectBuilder().add("afterSeq", afterSeq).add("limit", limit).build();
    }

    public static ChangesRequest changesRequest(JsonObject json) {
        return decode("changes request", () -> new ChangesRequest(number(json, "afterSeq"), integer(json, "limit")));
    }

    public static JsonObject nextRequest(String cursor, int limit) {
        return JSON.createObjectBuilder().add("cursor", cursor).add("limit", limit).build();
    }

    public static NextRequest nextRequest(JsonObject json) {
        return decode("next-changes request", () -> new NextRequest(string(json, "cursor"), integer(json, "limit")));
    }

    public static JsonObject page(ChangePage page) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("upToSeq", page.upToSeq())
                .add("checkpointSeq", page.checkpointSeq())
                .add("total", page.total())
                .add("entries", entries(page.entries()));
        return (page.nextCursor() == null ? json.addNull("nextCursor") : json.add("nextCursor", page.nextCursor())).build();
    }

    public static ChangePage page(JsonObject json) {
        return decode("change page", () -> new ChangePage(number(json, "upToSeq"), number(json, "checkpointSeq"),
                number(json, "total"), entries(array(json, "entries")), optionalString(json, "nextCursor")));
    }

    // ---------------------------------------------------------------- content

    public static JsonObject objectsRequest(List<ClosureEntry> entries) {
        return JSON.createObjectBuilder().add("entries", entries(entries)).build();
    }

    public static List<ClosureEntry> objectsRequest(JsonObject json) {
        return decode("objects request", () -> entries(array(json, "entries")));
    }

    public static JsonObject objects(List<ObjectBody> bodies) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (ObjectBody body : bodies) {
            array.add(JSON.createObjectBuilder().add("kind", body.kind().name()).add("hash", body.hash())
                    .add("microdata", body.microdata()));
        }
        return JSON.createObjectBuilder().add("objects", array).build();
    }

    public static List<ObjectBody> objects(JsonObject json) {
        return decode("objects", () -> {
            List<ObjectBody> bodies = new ArrayList<>();
            for (JsonValue value : array(json, "objects")) {
                JsonObject body = object(value, "an object");
                bodies.add(new ObjectBody(kind(body), string(body, "hash"), string(body, "microdata")));
            }
            return bodies;
        });
    }

    public static JsonObject contentRequest(ReferenceKind kind, List<String> hashes) {
        return JSON.createObjectBuilder().add("kind", kind.name()).add("hashes", JSON.createArrayBuilder(hashes)).build();
    }

    public static ContentRequest contentRequest(JsonObject json) {
        return decode("content request", () -> {
            List<String> hashes = new ArrayList<>();
            for (JsonValue value : array(json, "hashes")) {
                if (!(value instanceof JsonString hash)) {
                    throw new ChumProtocolException("\"hashes\" must hold strings");
                }
                hashes.add(hash.getString());
            }
            return new ContentRequest(kind(json), hashes);
        });
    }

    // ---------------------------------------------------------------- notifications and the end

    public static JsonObject waitRequest(long afterSeq, long timeoutMillis) {
        return JSON.createObjectBuilder().add("afterSeq", afterSeq).add("timeoutMillis", timeoutMillis).build();
    }

    public static WaitRequest waitRequest(JsonObject json) {
        return decode("wait request", () -> new WaitRequest(number(json, "afterSeq"), number(json, "timeoutMillis")));
    }

    public static JsonObject notice(ChangeNotice notice) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("changed", notice.changed())
                .add("upToSeq", notice.upToSeq())
                .add("checkpointSeq", notice.checkpointSeq())
                .add("closed", notice.closed());
        return (notice.closeReason() == null ? json.addNull("closeReason") : json.add("closeReason", notice.closeReason())).build();
    }

    public static ChangeNotice notice(JsonObject json) {
        return decode("change notice", () -> new ChangeNotice(bool(json, "changed"), number(json, "upToSeq"),
                number(json, "checkpointSeq"), bool(json, "closed"), optionalString(json, "closeReason")));
    }

    public static JsonObject finishRequest(FinishReason reason, String message) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("reason", reason.name());
        return (message == null ? json.addNull("message") : json.add("message", message)).build();
    }

    public static FinishRequest finishRequest(JsonObject json) {
        return decode("finish request", () -> new FinishRequest(enumValue(FinishReason.class, string(json, "reason"), "reason"),
                optionalString(json, "message")));
    }

    // ---------------------------------------------------------------- parsing

    /** Parses a JSON object (a body or an answer). */
    public static JsonObject parse(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException | NumberFormatException e) {
            throw new ChumProtocolException("Not a JSON object: " + e.getMessage());
        }
    }

    private static JsonArray entries(List<ClosureEntry> entries) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (ClosureEntry entry : entries) {
            array.add(JSON.createObjectBuilder().add("kind", entry.kind().name()).add("hash", entry.hash()));
        }
        return array.build();
    }

    private static List<ClosureEntry> entries(JsonArray array) {
        List<ClosureEntry> entries = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            JsonObject entry = object(value, "an entry");
            entries.add(new ClosureEntry(kind(entry), string(entry, "hash")));
        }
        return entries;
    }

    private interface Decoder<T> {
        T decode();
    }

    /** Turns what the records and JSON-P throw about a malformed message into a protocol error. */
    private static <T> T decode(String what, Decoder<T> decoder) {
        try {
            return decoder.decode();
        } catch (ChumProtocolException e) {
            throw e;
        } catch (IllegalArgumentException | NullPointerException | ClassCastException | ArithmeticException e) {
            throw new ChumProtocolException("Malformed " + what + ": " + e.getMessage());
        }
    }

    private static JsonValue member(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null) {
            throw new ChumProtocolException("\"" + name + "\" is missing");
        }
        return value;
    }

    private static String string(JsonObject json, String name) {
        if (member(json, name) instanceof JsonString string) {
            return string.getString();
        }
        throw new ChumProtocolException("\"" + name + "\" must be a string");
    }

    private static String optionalString(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : string(json, name);
    }

    private static long number(JsonObject json, String name) {
        if (member(json, name) instanceof JsonNumber number && number.isIntegral()) {
            return number.longValueExact();
        }
        throw new ChumProtocolException("\"" + name + "\" must be an integer");
    }

    private static int integer(JsonObject json, String name) {
        return Math.toIntExact(number(json, name));
    }

    private static boolean bool(JsonObject json, String name) {
        JsonValue value = member(json, name);
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        throw new ChumProtocolException("\"" + name + "\" must be true or false");
    }

    private static Instant instant(JsonObject json, String name) {
        try {
            return Instant.parse(string(json, name));
        } catch (DateTimeParseException e) {
            throw new ChumProtocolException("\"" + name + "\" must be an ISO-8601 instant");
        }
    }

    private static JsonArray array(JsonObject json, String name) {
        if (member(json, name) instanceof JsonArray array) {
            return array;
        }
        throw new ChumProtocolException("\"" + name + "\" must be an array");
    }

    private static JsonObject object(JsonValue value, String what) {
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new ChumProtocolException(what + " must be a JSON object");
    }

    private static ReferenceKind kind(JsonObject json) {
        return enumValue(ReferenceKind.class, string(json, "kind"), "kind");
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String name) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ChumProtocolException("\"" + name + "\" is not one of " + List.of(type.getEnumConstants()) + ": " + value);
        }
    }
}
