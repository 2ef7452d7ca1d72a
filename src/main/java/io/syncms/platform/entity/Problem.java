package io.syncms.platform.entity;

import static io.syncms.platform.control.Jsonp.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem detail: {@code type}, {@code title}, {@code status}, {@code detail}, plus extension members,
 * {@code code} first. The type is the URI reference {@code /problems/<path>}: the instance that answered serves
 * the type's documentation there.
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

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

    /** A problem of a documented type, with the type's own code. */
    public static Problem of(ProblemType type, String detail) {
        return of(type, type.code(), detail);
    }

    /** A problem of a documented type whose failure names its code (one.core's, a Chum's, a limit's). */
    public static Problem of(ProblemType type, String code, String detail) {
        return new Problem(type.status(), type.uri(), type.title(), detail).with("code", code);
    }

    /**
     * A problem of the type {@code /problems/<path>}, without a code. Prefer a {@link ProblemType} constant: its
     * code is written once, and a test checks that {@code /problems/} documents it.
     */
    public static Problem of(int status, String path, String title, String detail) {
        return new Problem(status, ProblemType.BASE + path, title, detail);
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
