package io.syncms.platform.entity;

import static io.syncms.platform.control.Jsonp.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** An RFC 9457 problem detail: {@code type}, {@code title}, {@code status}, {@code detail}, plus extension members. */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://syncms.io/problems/";

    private final int status;
    private final String type;
    private final String title;
    private final String detail;
    private final Map<String, JsonValue> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Problem(int status, String type, String title, String detail) {
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
    }

    /** A problem whose type is {@code https://syncms.io/problems/<reason>}. */
    public static Problem of(int status, String reason, String title, String detail) {
        return new Problem(status, TYPE_BASE + reason, title, detail);
    }

    /** A problem that says no more than its HTTP status ({@code type} is {@code about:blank}). */
    public static Problem ofStatus(int status, String title, String detail) {
        return new Problem(status, "about:blank", title, detail);
    }

    public Problem with(String member, String value) {
        extensions.put(member, value == null ? JsonValue.NULL : JSON.createValue(value));
        return this;
    }

    public Problem with(String member, JsonValue value) {
        extensions.put(member, value);
        return this;
    }

    /** An HTTP header the response carries besides the body (e.g. {@code WWW-Authenticate} with a 401). */
    public Problem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("type", type).add("title", title).add("status", status);
        if (detail != null) {
            json.add("detail", detail);
        }
        extensions.forEach(json::add);
        return json.build();
    }
}
