package io.syncms.platform.boundary;

import static io.syncms.platform.control.Jsonp.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * Reads request bodies as JSON here rather than in a JAX-RS entity provider, so that an empty body, a
 * syntax error or a JSON value of the wrong kind is a 400 that says what is wrong.
 */
public final class JsonBodies {


    private JsonBodies() {}

    public static JsonObject object(String body) {
        JsonValue value = value(body);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("the body must be a JSON object, not " + value.getValueType().name().toLowerCase());
        }
        return value.asJsonObject();
    }

    public static JsonValue value(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("the request needs a JSON body");
        }
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("the body is not valid JSON: " + e.getMessage());
        }
    }
}
