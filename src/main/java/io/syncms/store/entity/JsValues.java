package io.syncms.store.entity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Deep, immutable copies of property values in the representation {@link OneObject} documents. */
final class JsValues {

    private JsValues() {}

    static Object normalize(Object value) {
        if (value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof JsRegExp
                || value instanceof JsMap) {
            return value;
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            // JS has no distinguishable -0 in microdata or JSON ("0" either way)
            return d == 0.0 ? 0.0 : d;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(normalize(item)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Set<?> set) {
            Set<Object> copy = new LinkedHashSet<>();
            set.forEach(item -> copy.add(normalize(item)));
            return Collections.unmodifiableSet(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> {
                if (!(key instanceof String name)) {
                    throw new IllegalArgumentException(
                            "Keys of a plain object must be strings (use JsMap for a JS Map): " + key);
                }
                copy.put(name, normalize(item));
            });
            return Collections.unmodifiableMap(copy);
        }
        throw new IllegalArgumentException(
                "Unsupported value type for a ONE object property: " + value.getClass().getName());
    }
}
