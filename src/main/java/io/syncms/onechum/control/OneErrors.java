package io.syncms.onechum.control;

import io.syncms.platform.control.Jsonp;

import jakarta.json.JsonObject;

/**
 * Errors as this side sends them in {@code error} frames, in one.core's shape: {@code name},
 * {@code message} ({@code "CODE: text"}) and {@code code}.
 */
public final class OneErrors {

    private OneErrors() {
    }

    /** one.core's code for a service the other side does not offer (yet): an importer retries service 1 on it. */
    public static final String UNKNOWN_SERVICE = "UNKNOWN-SERVICE";

    public static JsonObject of(String code, String message) {
        return Jsonp.JSON.createObjectBuilder()
                .add("name", "Error").add("message", code + ": " + message).add("code", code).build();
    }

    /** As one.core answers it, its spelling included, so that a one.core importer recognizes it. */
    static JsonObject unknownService(int serviceId) {
        return Jsonp.JSON.createObjectBuilder()
                .add("name", "TypeError").add("message", "Not a function: Servcie ID " + serviceId + " [number]")
                .add("code", UNKNOWN_SERVICE).build();
    }

    static JsonObject of(RuntimeException e) {
        if (e instanceof OneServiceException refused) {
            return of(refused.code(), refused.getMessage());
        }
        return of("SYNCMS-FAILED", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
