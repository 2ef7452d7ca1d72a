package io.syncms.platform.boundary;

import static io.syncms.platform.control.Jsonp.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonParser;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * Reads request bodies as JSON here rather than in a JAX-RS entity provider, so that an empty body, a
 * syntax error, nesting deeper than {@value #MAX_DEPTH} or a JSON value of the wrong kind is a 400
 * that says what is wrong.
 */
public final class JsonBodies {

    /** How deep arrays and objects may nest in a request body. */
    public static final int MAX_DEPTH = 64;

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
        requireDepthAtMost(body, MAX_DEPTH);
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("the body is not valid JSON: " + e.getMessage());
        }
    }

    /** Streams through the text counting open arrays and objects, before anything is built from it. */
    public static void requireDepthAtMost(String text, int maxDepth) {
        int depth = 0;
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.START_ARRAY || event == JsonParser.Event.START_OBJECT) {
                    if (++depth > maxDepth) {
                        throw new IllegalArgumentException("the body nests arrays and objects deeper than " + maxDepth + " levels");
                    }
                } else if (event == JsonParser.Event.END_ARRAY || event == JsonParser.Event.END_OBJECT) {
                    depth--;
                }
            }
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw new IllegalArgumentException("the body is not valid JSON: " + e.getMessage());
        }
    }
}
