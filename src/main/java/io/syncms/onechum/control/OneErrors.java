package io.syncms.onechum.control;

import io.syncms.platform.control.Jsonp;

import jakarta.json.JsonObject;

/**
 * Errors as this side sends them in {@code error} and {@code stream-error} frames: one.core's error
 * shape, an object with {@code name}, {@code code} and {@code message}.
 */
public final class OneErrors {

    private OneErrors() {
    }

    public static JsonObject of(String code, String message) {
        return Jsonp.JSON.createObjectBuilder().add("name", "Error").add("code", code).add("message", message).build();
    }

    static JsonObject unknownService(int serviceId) {
        return of("CS-UNKNOWN-SERVICE", "Unknown service " + serviceId);
    }

    static JsonObject of(RuntimeException e) {
        return of("CS-FAILED", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
