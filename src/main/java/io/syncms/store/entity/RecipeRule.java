package io.syncms.store.entity;

import java.util.Objects;
import java.util.Optional;

/**
 * One rule of a recipe: a property ({@code itemprop}) and the type of its value.
 *
 * <p>A rule remembers which of {@code isId}, {@code optional} and {@code itemtype} it sets itself
 * ({@code declared...()} return {@code null} when not set): this decides what a rule with
 * {@code inheritFrom} takes from its target, and it is how one.core prints a rule in error
 * messages and in Recipe objects ({@code {"isId":true,"itemprop":"email"}}). The plain accessors
 * give the effective values: not set means {@code false}, and a missing itemtype means
 * {@code string}.
 */
public final class RecipeRule {

    private final String itemprop;
    private final Boolean isId;
    private final Boolean optional;
    private final ItemType itemtype;
    private final RuleInheritance inheritFrom;

    /**
     * @param isId {@code null} if the rule does not set it
     * @param optional {@code null} if the rule does not set it
     * @param itemtype {@code null} if the rule does not set it (a string, unless inherited)
     * @param inheritFrom {@code null} if the rule does not inherit
     */
    public RecipeRule(String itemprop, Boolean isId, Boolean optional, ItemType itemtype, RuleInheritance inheritFrom) {
        this.itemprop = Objects.requireNonNull(itemprop, "itemprop");
        this.isId = isId;
        this.optional = optional;
        this.itemtype = itemtype;
        this.inheritFrom = inheritFrom;
    }

    /** A mandatory non-ID property of the given type. */
    public static RecipeRule of(String itemprop, ItemType itemtype) {
        return new RecipeRule(itemprop, null, null, itemtype, null);
    }

    /** An ID property (which makes the type versioned). */
    public static RecipeRule id(String itemprop, ItemType itemtype) {
        return new RecipeRule(itemprop, true, null, itemtype, null);
    }

    /** An optional property. */
    public static RecipeRule optional(String itemprop, ItemType itemtype) {
        return new RecipeRule(itemprop, null, true, itemtype, null);
    }

    public String itemprop() {
        return itemprop;
    }

    public boolean isId() {
        return Boolean.TRUE.equals(isId);
    }

    public boolean optional() {
        return Boolean.TRUE.equals(optional);
    }

    /** The item type, {@code string} when the rule does not set one. */
    public ItemType itemtype() {
        return itemtype == null ? ItemType.string() : itemtype;
    }

    public Boolean declaredIsId() {
        return isId;
    }

    public Boolean declaredOptional() {
        return optional;
    }

    public ItemType declaredItemtype() {
        return itemtype;
    }

    public Optional<RuleInheritance> inheritFrom() {
        return Optional.ofNullable(inheritFrom);
    }

    public RecipeRule withItemtype(ItemType newItemtype) {
        return new RecipeRule(itemprop, isId, optional, newItemtype, inheritFrom);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecipeRule that
                && itemprop.equals(that.itemprop)
                && Objects.equals(isId, that.isId)
                && Objects.equals(optional, that.optional)
                && Objects.equals(itemtype, that.itemtype)
                && Objects.equals(inheritFrom, that.inheritFrom);
    }

    @Override
    public int hashCode() {
        return Objects.hash(itemprop, isId, optional, itemtype, inheritFrom);
    }

    @Override
    public String toString() {
        return "RecipeRule{" + itemprop
                + (isId == null ? "" : ", isId=" + isId)
                + (optional == null ? "" : ", optional=" + optional)
                + (itemtype == null ? "" : ", itemtype=" + itemtype)
                + (inheritFrom == null ? "" : ", inheritFrom=" + inheritFrom)
                + "}";
    }
}
