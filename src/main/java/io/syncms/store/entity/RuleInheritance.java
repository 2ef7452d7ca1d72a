package io.syncms.store.entity;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code inheritFrom} of a rule: the rule inherits everything it does not set itself from the
 * rule at {@code path} ({@code "Type.itemprop"}). {@code extract} is one.core's optional
 * {@code "CollectionItemType"} / {@code "MapItemType"}; {@code null} when inheritFrom is a plain string.
 */
public record RuleInheritance(String path, String extract) {

    public static final String COLLECTION_ITEM_TYPE = "CollectionItemType";
    public static final String MAP_ITEM_TYPE = "MapItemType";

    public RuleInheritance {
        Objects.requireNonNull(path, "path");
        if (extract != null && !COLLECTION_ITEM_TYPE.equals(extract) && !MAP_ITEM_TYPE.equals(extract)) {
            throw new IllegalArgumentException("Unknown inheritFrom extract option: " + extract);
        }
    }

    public static RuleInheritance of(String path) {
        return new RuleInheritance(path, null);
    }

    public Optional<String> extractOption() {
        return Optional.ofNullable(extract);
    }
}
