package io.syncms.store.control;

import io.syncms.store.entity.JsMap;
import io.syncms.store.entity.JsRegExp;
import io.syncms.store.entity.OneObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * one.core's deterministic {@code JSON.stringify} ({@code util/sorted-stringify.js}), used for
 * stringifiable property values and for values in error messages.
 *
 * <ul>
 *   <li>object keys are sorted (UTF-16 code unit order) and written <em>without JSON escaping</em>
 *       &ndash; a one.core quirk: a key containing {@code "} or {@code \} yields invalid JSON;
 *   <li>a Set becomes an array and a Map an array of {@code [key,value]} arrays, both sorted by
 *       the JSON text of their elements; plain arrays keep their order;
 *   <li>a RegExp becomes the JSON string of its source;
 *   <li>strings are escaped like {@code JSON.stringify}; numbers use
 *       {@link JsNumberFormatter}; NaN and infinities become {@code null}.
 * </ul>
 */
public final class SortedStringifier {

    private final JsNumberFormatter numbers = new JsNumberFormatter();

    public String stringify(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    /**
     * How one.core's error messages show a value: strings as they are, numbers and booleans via
     * {@code String(value)}, {@code null} as "null", everything else stringified.
     */
    public String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Double number) {
            return numbers.format(number);
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        return stringify(value);
    }

    /** A ONE object the way one.core's messages show it: {@code $type$} plus all properties. */
    public Map<String, Object> asPlainObject(OneObject object) {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put(OneObject.TYPE_KEY, object.type());
        object.versionHash().ifPresent(hash -> plain.put(OneObject.VERSION_HASH_KEY, hash));
        plain.putAll(object.properties());
        return Collections.unmodifiableMap(plain);
    }

    /** {@code JSON.stringify} of a string. */
    public String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        appendQuoted(out, text);
        return out.toString();
    }

    private void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            appendQuoted(out, text);
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            out.append(Double.isFinite(d) ? numbers.format(d) : "null");
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof JsRegExp regExp) {
            appendQuoted(out, regExp.source());
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                append(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof Set<?> set) {
            List<String> items = new ArrayList<>(set.size());
            set.forEach(item -> items.add(stringify(item)));
            appendSorted(out, items);
        } else if (value instanceof JsMap map) {
            List<String> items = new ArrayList<>(map.size());
            map.asMap().forEach((key, item) -> items.add("[" + stringify(key) + "," + stringify(item) + "]"));
            appendSorted(out, items);
        } else if (value instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>(map.size());
            map.keySet().forEach(key -> keys.add((String) key));
            Collections.sort(keys);
            out.append('{');
            boolean first = true;
            for (String key : keys) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append('"').append(key).append("\":");
                append(out, map.get(key));
            }
            out.append('}');
        } else if (value instanceof OneObject object) {
            append(out, asPlainObject(object));
        } else {
            throw new IllegalArgumentException("Cannot stringify " + value.getClass().getName());
        }
    }

    private static void appendSorted(StringBuilder out, List<String> items) {
        Collections.sort(items);
        out.append('[').append(String.join(",", items)).append(']');
    }

    private static void appendQuoted(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || isLoneSurrogate(text, i)) {
                        // well-formed JSON.stringify (ES2019): control characters and lone surrogates as \\uXXXX
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean isLoneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }
}
