package io.syncms.syncms.entity;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Immutable values of every {@link Setting}; those not given keep their defaults. */
public final class GroupSettings {

    private final Map<Setting, Long> values;

    private GroupSettings(Map<Setting, Long> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static GroupSettings defaults() {
        EnumMap<Setting, Long> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            values.put(setting, setting.defaultValue());
        }
        return new GroupSettings(values);
    }

    public GroupSettings with(Setting setting, long value) {
        EnumMap<Setting, Long> copy = new EnumMap<>(values);
        copy.put(setting, setting.checked(value));
        return new GroupSettings(copy);
    }

    public GroupSettings with(Map<Setting, Long> overrides) {
        GroupSettings result = this;
        for (Map.Entry<Setting, Long> override : overrides.entrySet()) {
            result = result.with(override.getKey(), override.getValue());
        }
        return result;
    }

    public long get(Setting setting) {
        return values.get(setting);
    }

    public long micros(Setting setting) {
        return get(setting) * 1_000L;
    }

    public Map<Setting, Long> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GroupSettings that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
