package io.syncms.store.entity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A ONE object in memory: its {@code $type$} and its property values, the Java counterpart of the
 * JavaScript object one.core serializes. Immutable; values are deep-copied on creation.
 *
 * <h2>Value representation</h2>
 * Property values (and everything nested in them) are one of:
 * <ul>
 *   <li>{@link String} &ndash; {@code string} properties and references (lower-case 64-hex SHA-256);
 *   <li>{@link Double} &ndash; every number, since JavaScript numbers are doubles ({@code integer}
 *       and {@code number} properties, numbers in stringifiable values). Any other {@link Number}
 *       given to the factories is converted with {@link Number#doubleValue()} (a {@code long}
 *       beyond 2<sup>53</sup> loses precision exactly as it would in JavaScript); {@code -0.0}
 *       becomes {@code 0.0}. Numbers are written like JavaScript's {@code Number.prototype.toString};
 *   <li>{@link Boolean};
 *   <li>{@link java.util.List} &ndash; a JS array: {@code array} and {@code bag} properties, arrays in
 *       stringifiable values;
 *   <li>{@link java.util.Set} &ndash; a JS {@code Set}: {@code set} properties, Sets in stringifiable
 *       values (kept in insertion order; the serializer sorts);
 *   <li>{@link JsMap} &ndash; a JS {@code Map}: {@code map} properties (insertion order is kept and
 *       is part of the microdata);
 *   <li>{@link java.util.Map Map&lt;String,Object&gt;} &ndash; a plain JS object: nested
 *       {@code object} properties and JSON objects in stringifiable values;
 *   <li>{@link JsRegExp} &ndash; a JS {@code RegExp} in a stringifiable value;
 *   <li>{@code null} &ndash; JavaScript {@code null}; for a top-level property one.core treats it
 *       like a missing property.
 * </ul>
 * A stringifiable property may hold any of these. Lists, sets and maps are unmodifiable.
 *
 * <p>The meta property {@code $versionHash$} is kept separately ({@link #versionHash()}); it is
 * never part of the microdata. {@link #equals(Object)} compares type, version hash and values
 * (lists and {@link JsMap}s in order, sets and plain objects regardless of order).
 */
public final class OneObject {

    public static final String TYPE_KEY = "$type$";
    public static final String VERSION_HASH_KEY = "$versionHash$";

    private final String type;
    private final Map<String, Object> properties;
    private final String versionHash;

    private OneObject(String type, Map<String, ?> properties, String versionHash) {
        this.type = Objects.requireNonNull(type, "type");
        Map<String, Object> copy = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            if (TYPE_KEY.equals(name) || VERSION_HASH_KEY.equals(name)) {
                throw new IllegalArgumentException(name + " is a meta property, not a data property");
            }
            copy.put(Objects.requireNonNull(name, "property name"), JsValues.normalize(value));
        });
        this.properties = Collections.unmodifiableMap(copy);
        this.versionHash = versionHash;
    }

    public static OneObject of(String type, Map<String, ?> properties) {
        return new OneObject(type, properties, null);
    }

    public static OneObject of(String type, Map<String, ?> properties, String versionHash) {
        return new OneObject(type, properties, versionHash);
    }

    public static Builder builder(String type) {
        return new Builder(type);
    }

    public String type() {
        return type;
    }

    /** The data properties in insertion order (without {@code $type$} and {@code $versionHash$}). */
    public Map<String, Object> properties() {
        return properties;
    }

    /** The value of a property, {@code null} if it is absent (or JS {@code null}). */
    public Object get(String property) {
        return properties.get(property);
    }

    public boolean has(String property) {
        return properties.containsKey(property);
    }

    public Optional<String> versionHash() {
        return Optional.ofNullable(versionHash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OneObject that
                && type.equals(that.type)
                && Objects.equals(versionHash, that.versionHash)
                && properties.equals(that.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, versionHash, properties);
    }

    @Override
    public String toString() {
        return "OneObject[" + type + (versionHash == null ? "" : ", versionHash=" + versionHash) + ", " + properties + "]";
    }

    /** Collects properties in insertion order. */
    public static final class Builder {

        private final String type;
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private String versionHash;

        private Builder(String type) {
            this.type = type;
        }

        public Builder put(String property, Object value) {
            properties.put(property, value);
            return this;
        }

        public Builder versionHash(String hash) {
            this.versionHash = hash;
            return this;
        }

        public OneObject build() {
            return new OneObject(type, properties, versionHash);
        }
    }
}
