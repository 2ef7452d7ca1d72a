package io.syncms.syncms.control;

import static io.syncms.platform.control.Jsonp.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** JSON text of the {@link Wire} documents. A document without the SyncMS marker decodes as {@link Wire.Foreign}. */
public class WireCodec {

    static final String MARKER = "syncms";
    static final int VERSION = 1;

    public String encode(Wire wire) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add(MARKER, VERSION);
        if (wire instanceof Wire.Foreign m) {
            return m.content().toString();
        } else if (wire instanceof Wire.SyncOut m) {
            json.add("type", "sync-out").add("id", m.id()).add("from", m.from())
                    .add("deliverAt", m.deliverAt()).add("message", m.message());
        } else if (wire instanceof Wire.SyncIn m) {
            json.add("type", "sync-in").add("id", m.id()).add("from", m.from())
                    .add("seq", m.seq()).add("sentAt", m.sentAt()).add("message", m.message());
        } else if (wire instanceof Wire.ClockRequest m) {
            json.add("type", "clock-request").add("from", m.from()).add("node", m.node()).add("request", m.request());
        } else if (wire instanceof Wire.ClockReply m) {
            json.add("type", "clock-reply").add("to", m.to()).add("node", m.node())
                    .add("request", m.request()).add("masterTime", m.masterTime());
        } else if (wire instanceof Wire.ClockReport m) {
            json.add("type", "clock-report").add("from", m.from()).add("offset", m.offset())
                    .add("errorBound", m.errorBound()).add("oneWayDelay", m.oneWayDelay()).add("samples", m.samples());
        } else if (wire instanceof Wire.Member m) {
            json.add("type", "member").add("role", m.role()).add("id", m.id()).add("node", m.node())
                    .add("member", m.member()).add("slaves", JSON.createArrayBuilder(m.slaves()));
        }
        return json.build().toString();
    }

    public Wire decode(String text) {
        JsonValue value;
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException | IllegalStateException | NumberFormatException e) {
            // a number such as 1e99999999999 fails in BigDecimal, not as JSON (found by WireCodecFuzzTest)
            return new Wire.Foreign(JSON.createValue(text));
        }
        if (!(value instanceof JsonObject json) || !isOurs(json)) {
            return new Wire.Foreign(value);
        }
        try {
            return switch (json.getString("type", "")) {
                case "sync-out" -> new Wire.SyncOut(json.getString("id"), json.getString("from"),
                        longOf(json, "deliverAt"), message(json));
                case "sync-in" -> new Wire.SyncIn(json.getString("id"), json.getString("from"),
                        longOf(json, "seq"), longOf(json, "sentAt"), message(json));
                case "clock-request" -> new Wire.ClockRequest(json.getString("from"), json.getString("node"),
                        longOf(json, "request"));
                case "clock-reply" -> new Wire.ClockReply(json.getString("to"), json.getString("node"),
                        longOf(json, "request"), longOf(json, "masterTime"));
                case "clock-report" -> new Wire.ClockReport(json.getString("from"), longOf(json, "offset"),
                        longOf(json, "errorBound"), longOf(json, "oneWayDelay"), (int) longOf(json, "samples"));
                case "member" -> new Wire.Member(json.getString("role"), json.getString("id"),
                        json.getString("node"), json.getString("member"),
                        json.getJsonArray("slaves").getValuesAs(JsonString.class).stream()
                                .map(JsonString::getString).toList());
                default -> new Wire.Foreign(json);
            };
        } catch (NullPointerException | ClassCastException | ArithmeticException | NumberFormatException e) {
            return new Wire.Foreign(json);
        }
    }

    private static boolean isOurs(JsonObject json) {
        JsonValue marker = json.get(MARKER);
        return marker instanceof JsonNumber number && number.intValue() == VERSION && json.get("type") instanceof JsonString;
    }

    /** The message of a sync-out or sync-in; one without (found by WireCodecFuzzTest) is not SyncMS's. */
    private static JsonValue message(JsonObject json) {
        JsonValue message = json.get("message");
        if (message == null) {
            throw new ClassCastException("message is missing");
        }
        return message;
    }

    private static long longOf(JsonObject json, String key) {
        JsonValue value = json.get(key);
        if (value instanceof JsonNumber number) {
            return number.longValueExact();
        }
        throw new ClassCastException(key + " is not a number");
    }
}
