package io.syncms.store.entity;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code itemtype} of a recipe rule: what kind of value a property holds and, for
 * collections, maps and nested objects, what is inside.
 *
 * <p>{@code regexp} is the source text of a JavaScript RegExp; it is tested with {@link JsPattern#find}
 * (like {@code RegExp.prototype.test}), in linear time.
 */
public final class ItemType {

    /** The item type names of one.core. */
    public enum Kind {
        STRING("string"),
        INTEGER("integer"),
        NUMBER("number"),
        BOOLEAN("boolean"),
        STRINGIFIABLE("stringifiable"),
        REFERENCE_TO_OBJ("referenceToObj"),
        REFERENCE_TO_ID("referenceToId"),
        REFERENCE_TO_BLOB("referenceToBlob"),
        REFERENCE_TO_CLOB("referenceToClob"),
        ARRAY("array"),
        BAG("bag"),
        SET("set"),
        MAP("map"),
        OBJECT("object");

        private final String jsName;

        Kind(String jsName) {
            this.jsName = jsName;
        }

        public String jsName() {
            return jsName;
        }

        public static Optional<Kind> fromJsName(String name) {
            for (Kind kind : values()) {
                if (kind.jsName.equals(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }

        public boolean isReference() {
            return this == REFERENCE_TO_OBJ || this == REFERENCE_TO_ID || this == REFERENCE_TO_BLOB || this == REFERENCE_TO_CLOB;
        }

        /** array, bag or set: has an {@code item} type. */
        public boolean isCollection() {
            return this == ARRAY || this == BAG || this == SET;
        }
    }

    private static final ItemType STRING = new ItemType(Kind.STRING, null, null, null, null, null, null);

    private final Kind type;
    private final ItemType item;
    private final ItemType key;
    private final ItemType value;
    private final List<RecipeRule> rules;
    private final String regexp;
    private final JsPattern pattern;
    private final Set<String> allowedTypes;

    private ItemType(Kind type, ItemType item, ItemType key, ItemType value, List<RecipeRule> rules,
            String regexp, Set<String> allowedTypes) {
        this.type = Objects.requireNonNull(type, "type");
        this.item = item;
        this.key = key;
        this.value = value;
        this.rules = rules == null ? null : List.copyOf(rules);
        this.regexp = regexp;
        this.pattern = regexp == null ? null : JsPattern.compile(regexp);
        this.allowedTypes = allowedTypes == null ? null : Collections.unmodifiableSet(new TreeSet<>(allowedTypes));
    }

    public static ItemType string() {
        return STRING;
    }

    /** @throws IllegalArgumentException if the expression is not a RegExp that can be checked in linear time */
    public static ItemType string(String regexp) {
        return new ItemType(Kind.STRING, null, null, null, null, Objects.requireNonNull(regexp, "regexp"), null);
    }

    public static ItemType integer() {
        return simple(Kind.INTEGER);
    }

    public static ItemType number() {
        return simple(Kind.NUMBER);
    }

    public static ItemType bool() {
        return simple(Kind.BOOLEAN);
    }

    public static ItemType stringifiable() {
        return simple(Kind.STRINGIFIABLE);
    }

    /** @param allowedTypes target type names or "*"; {@code null} if the rule does not say */
    public static ItemType referenceToObj(Set<String> allowedTypes) {
        return new ItemType(Kind.REFERENCE_TO_OBJ, null, null, null, null, null, allowedTypes);
    }

    /** @param allowedTypes target type names or "*"; {@code null} if the rule does not say */
    public static ItemType referenceToId(Set<String> allowedTypes) {
        return new ItemType(Kind.REFERENCE_TO_ID, null, null, null, null, null, allowedTypes);
    }

    public static ItemType referenceToBlob() {
        return simple(Kind.REFERENCE_TO_BLOB);
    }

    public static ItemType referenceToClob() {
        return simple(Kind.REFERENCE_TO_CLOB);
    }

    public static ItemType array(ItemType item) {
        return collection(Kind.ARRAY, item);
    }

    public static ItemType bag(ItemType item) {
        return collection(Kind.BAG, item);
    }

    public static ItemType set(ItemType item) {
        return collection(Kind.SET, item);
    }

    public static ItemType map(ItemType key, ItemType value) {
        return new ItemType(Kind.MAP, null, Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"),
                null, null, null);
    }

    public static ItemType object(List<RecipeRule> rules) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("A nested object needs at least one rule");
        }
        return new ItemType(Kind.OBJECT, null, null, null, rules, null, null);
    }

    /** A copy of this item type with other nested parts (used when resolving rule inheritance). */
    public ItemType withParts(ItemType newItem, ItemType newKey, ItemType newValue, List<RecipeRule> newRules) {
        return new ItemType(type, newItem, newKey, newValue, newRules, regexp, allowedTypes);
    }

    private static ItemType simple(Kind kind) {
        return new ItemType(kind, null, null, null, null, null, null);
    }

    private static ItemType collection(Kind kind, ItemType item) {
        return new ItemType(kind, Objects.requireNonNull(item, "item"), null, null, null, null, null);
    }

    public Kind type() {
        return type;
    }

    /** Item type of an array, bag or set; {@code null} otherwise. */
    public ItemType item() {
        return item;
    }

    /** Key type of a map; {@code null} otherwise. */
    public ItemType key() {
        return key;
    }

    /** Value type of a map; {@code null} otherwise. */
    public ItemType value() {
        return value;
    }

    /** Rules of a nested object; {@code null} otherwise. */
    public List<RecipeRule> rules() {
        return rules;
    }

    public Optional<String> regexp() {
        return Optional.ofNullable(regexp);
    }

    /** The compiled {@link #regexp()}, {@code null} if there is none. */
    public JsPattern pattern() {
        return pattern;
    }

    /** Allowed target types of an object or ID reference (sorted); {@code null} if not given. */
    public Set<String> allowedTypes() {
        return allowedTypes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ItemType that
                && type == that.type
                && Objects.equals(item, that.item)
                && Objects.equals(key, that.key)
                && Objects.equals(value, that.value)
                && Objects.equals(rules, that.rules)
                && Objects.equals(regexp, that.regexp)
                && Objects.equals(allowedTypes, that.allowedTypes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, item, key, value, rules, regexp, allowedTypes);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{type=").append(type.jsName());
        if (item != null) {
            text.append(", item=").append(item);
        }
        if (key != null) {
            text.append(", key=").append(key).append(", value=").append(value);
        }
        if (rules != null) {
            text.append(", rules=").append(rules);
        }
        if (regexp != null) {
            text.append(", regexp=").append(regexp);
        }
        if (allowedTypes != null) {
            text.append(", allowedTypes=").append(allowedTypes);
        }
        return text.append('}').toString();
    }
}
