package io.syncms.store.entity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JavaScript {@code Map}: the value of a property whose rule has item type {@code map}.
 *
 * <p>It is a type of its own, not a {@link java.util.Map}, because a plain object (a nested
 * {@code object} property or a JSON object inside a stringifiable value) is a {@code Map} in
 * {@link OneObject}, and one.core treats the two differently: a plain object where a map is
 * expected is rejected, and a Map inside a stringifiable value is written as a sorted array of
 * {@code [key, value]} pairs. Keys keep insertion order (it is part of the microdata), so
 * {@link #equals(Object)} compares the entries in order. A repeated key keeps its first position
 * and its last value, like {@code new Map(entries)} in JavaScript.
 */
public final class JsMap {

    private static final JsMap EMPTY = new JsMap(new LinkedHashMap<>());

    private final Map<Object, Object> entries;

    private JsMap(LinkedHashMap<Object, Object> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    public static JsMap empty() {
        return EMPTY;
    }

    /** A map with the entries of the given map in its iteration order. */
    public static JsMap of(Map<?, ?> entries) {
        LinkedHashMap<Object, Object> copy = new LinkedHashMap<>();
        entries.forEach((key, value) -> copy.put(JsValues.normalize(key), JsValues.normalize(value)));
        return new JsMap(copy);
    }

    /** A map built from {@code [key, value]} pairs in the given order. */
    public static JsMap ofEntries(List<? extends Map.Entry<?, ?>> entries) {
        LinkedHashMap<Object, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries) {
            copy.put(JsValues.normalize(entry.getKey()), JsValues.normalize(entry.getValue()));
        }
        return new JsMap(copy);
    }

    /** Unmodifiable view in insertion order. */
    public Map<Object, Object> asMap() {
        return entries;
    }

    public Object get(Object key) {
        return entries.get(key);
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsMap that
                && new ArrayList<>(entries.entrySet()).equals(new ArrayList<>(that.entries.entrySet()));
    }

    @Override
    public int hashCode() {
        return new ArrayList<>(entries.entrySet()).hashCode();
    }

    @Override
    public String toString() {
        return "JsMap" + entries;
    }
}
