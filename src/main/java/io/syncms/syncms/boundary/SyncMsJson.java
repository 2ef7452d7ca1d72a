package io.syncms.syncms.boundary;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.syncms.entity.ClockStatus;
import io.syncms.syncms.entity.Delivery;
import io.syncms.syncms.entity.DeliveryCounters;
import io.syncms.syncms.entity.GroupSettings;
import io.syncms.syncms.entity.ParticipantConfig;
import io.syncms.syncms.entity.ParticipantStatus;
import io.syncms.syncms.entity.Role;
import io.syncms.syncms.entity.Setting;
import io.syncms.syncms.entity.SlaveStatus;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The REST representation of SyncMS. Instants on the master's clock ({@code sentAt}, {@code deliverAt})
 * and durations are milliseconds with a microsecond fraction; {@code deliveredAt} is the local wall clock
 * in integer epoch microseconds.
 */
public final class SyncMsJson {

    private SyncMsJson() {}

    /** Reads a join request {@code {"role","id","slaves","settings"}}; throws IllegalArgumentException on anything wrong. */
    public static ParticipantConfig joinRequest(String group, JsonObject body, GroupSettings configured) {
        requireObject(body);
        for (String key : body.keySet()) {
            if (!List.of("role", "id", "slaves", "settings").contains(key)) {
                throw new IllegalArgumentException("unknown field \"" + key + "\"; expected role, id, slaves, settings");
            }
        }
        Role role = Role.parse(string(body, "role"));
        String id = string(body, "id");
        List<String> slaves = new ArrayList<>();
        JsonValue list = body.get("slaves");
        if (list != null && list != JsonValue.NULL) {
            if (list.getValueType() != JsonValue.ValueType.ARRAY) {
                throw new IllegalArgumentException("slaves must be an array of ids");
            }
            for (JsonValue slave : list.asJsonArray()) {
                if (!(slave instanceof JsonString text)) {
                    throw new IllegalArgumentException("slaves must be an array of strings");
                }
                slaves.add(text.getString());
            }
        }
        return new ParticipantConfig(group, role, id, slaves, configured.with(settings(body.get("settings"))));
    }

    static Map<Setting, Long> settings(JsonValue value) {
        Map<Setting, Long> overrides = new EnumMap<>(Setting.class);
        if (value == null || value == JsonValue.NULL) {
            return overrides;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("settings must be an object");
        }
        for (Map.Entry<String, JsonValue> entry : value.asJsonObject().entrySet()) {
            Setting setting = Setting.byJsonKey(entry.getKey());
            if (!(entry.getValue() instanceof JsonNumber number) || !number.isIntegral()) {
                throw new IllegalArgumentException(entry.getKey() + " must be a whole number");
            }
            try {
                overrides.put(setting, number.longValueExact());
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(entry.getKey() + " is out of range");
            }
        }
        return overrides;
    }

    /** The {@code message} member of a send request; it may be any JSON value but must be present. */
    public static JsonValue message(JsonObject body) {
        requireObject(body);
        JsonValue message = body.get("message");
        if (message == null) {
            throw new IllegalArgumentException("the field \"message\" is missing");
        }
        return message;
    }

    public static boolean flag(JsonObject body, String key, boolean defaultValue) {
        JsonValue value = body.get(key);
        if (value == null || value == JsonValue.NULL) {
            return defaultValue;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw new IllegalArgumentException(key + " must be true or false");
    }

    public static boolean requiredFlag(JsonObject body, String key) {
        requireObject(body);
        if (!body.containsKey(key)) {
            throw new IllegalArgumentException("the field \"" + key + "\" is missing");
        }
        return flag(body, key, false);
    }

    private static void requireObject(JsonObject body) {
        if (body == null) {
            throw new IllegalArgumentException("a JSON object body is required");
        }
    }

    private static String string(JsonObject body, String key) {
        JsonValue value = body.get(key);
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw new IllegalArgumentException("the field \"" + key + "\" must be a string");
    }

    public static JsonObject status(ParticipantStatus status) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("group", status.group())
                .add("role", status.role().label())
                .add("id", status.id())
                .add("state", status.state().name())
                .add("syncInEnabled", status.syncInEnabled())
                .add("clock", clock(status.clock()))
                .add("slaves", slaves(status.slaves()))
                .add("counters", counters(status.counters()))
                .add("settings", settings(status.settings()));
        if (status.failure() != null) {
            json.add("failure", status.failure());
        }
        return json.build();
    }

    private static JsonObject clock(ClockStatus clock) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        millis(json, "offsetMs", clock.offsetMicros());
        millis(json, "errorBoundMs", clock.errorBoundMicros());
        millis(json, "oneWayDelayMs", clock.oneWayDelayMicros());
        if (clock.samples() == null) {
            json.addNull("samples");
        } else {
            json.add("samples", clock.samples());
        }
        millis(json, "deliveryDelayMs", clock.deliveryDelayMicros());
        millis(json, "maxWaitMs", clock.maxWaitMicros());
        return json.build();
    }

    private static JsonArrayBuilder slaves(List<SlaveStatus> slaves) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (SlaveStatus slave : slaves) {
            JsonObjectBuilder json = JSON.createObjectBuilder().add("id", slave.id()).add("joined", slave.joined());
            millis(json, "offsetMs", slave.offsetMicros());
            millis(json, "errorBoundMs", slave.errorBoundMicros());
            millis(json, "oneWayDelayMs", slave.oneWayDelayMicros());
            array.add(json);
        }
        return array;
    }

    private static JsonObject counters(DeliveryCounters counters) {
        return JSON.createObjectBuilder()
                .add("delivered", counters.delivered())
                .add("late", counters.late())
                .add("syncInDropped", counters.syncInDropped())
                .add("ignoredBeforeListen", counters.ignoredBeforeListen())
                .add("rejected", counters.rejected())
                .build();
    }

    private static JsonObject settings(GroupSettings settings) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        settings.asMap().forEach((setting, value) -> json.add(setting.jsonKey(), value));
        return json.build();
    }

    public static JsonObject delivery(Delivery delivery) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("seq", delivery.seq())
                .add("kind", delivery.kind().name());
        nullable(json, "from", delivery.from());
        nullable(json, "messageId", delivery.messageId());
        json.add("message", delivery.message() == null ? JsonValue.NULL : delivery.message());
        millis(json, "sentAt", delivery.sentAtMicros());
        millis(json, "deliverAt", delivery.deliverAtMicros());
        json.add("deliveredAt", delivery.deliveredAtMicros()).add("late", delivery.late());
        // the same instants with their unit in the name, all integers (the three above mix ms and µs and stay
        // one release for old clients)
        nullable(json, "sentAtMicros", delivery.sentAtMicros());
        nullable(json, "deliverAtMicros", delivery.deliverAtMicros());
        return json.add("deliveredAtMicros", delivery.deliveredAtMicros()).build();
    }

    public static JsonObject syncOutReceipt(String messageId, long deliverAtMicros) {
        return JSON.createObjectBuilder().add("messageId", messageId).add("deliverAt", toMillis(deliverAtMicros))
                .add("deliverAtMicros", deliverAtMicros).build();
    }

    public static JsonObject syncInReceipt(String messageId, long sentAtMicros, long seq) {
        return JSON.createObjectBuilder().add("messageId", messageId).add("sentAt", toMillis(sentAtMicros))
                .add("sentAtMicros", sentAtMicros).add("seq", seq).build();
    }

    public static BigDecimal toMillis(long micros) {
        return BigDecimal.valueOf(micros, 3);
    }

    private static void millis(JsonObjectBuilder json, String key, Long micros) {
        if (micros == null) {
            json.addNull(key);
        } else {
            json.add(key, toMillis(micros));
        }
    }

    private static void nullable(JsonObjectBuilder json, String key, Long value) {
        if (value == null) {
            json.addNull(key);
        } else {
            json.add(key, value.longValue());
        }
    }

    private static void nullable(JsonObjectBuilder json, String key, String value) {
        if (value == null) {
            json.addNull(key);
        } else {
            json.add(key, value);
        }
    }
}
