package io.syncms.chum.entity;

import io.syncms.store.entity.ReferenceKind;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something that went wrong in a Chum: with a kind and hash for a rejected entry (a hash mismatch,
 * a recipe violation, a missing reference, content the exporter did not deliver or denied), without
 * them for the session as a whole.
 *
 * @param code    a store code ({@code OS-...}), a ONE code ({@code M2O-...}) or a Chum code ({@code CHUM-...})
 * @param message what happened
 * @param kind    the kind of the rejected entry, or null
 * @param hash    the hash of the rejected entry, or null
 */
public record ChumError(String code, String message, ReferenceKind kind, String hash) {

    public ChumError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static ChumError ofSession(String code, String message) {
        return new ChumError(code, message, null, null);
    }

    /** As a plain JSON-like map for the stringifiable {@code errors} of the Chum log object. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("code", code);
        map.put("message", message);
        if (kind != null) {
            map.put("kind", kind.name());
            map.put("hash", hash);
        }
        return map;
    }
}
