package io.syncms.store.entity;

import java.util.List;
import java.util.Objects;

/**
 * The recipe of a ONE object type: its name and the ordered rules that decide which properties
 * exist and in which order they are written. A type is versioned iff at least one rule is an ID
 * rule (ID properties are not inherited).
 */
public final class Recipe {

    private final String name;
    private final List<RecipeRule> rules;
    private final List<RecipeRule> idRules;

    public Recipe(String name, List<RecipeRule> rules) {
        this.name = Objects.requireNonNull(name, "name");
        this.rules = List.copyOf(rules);
        this.idRules = this.rules.stream().filter(RecipeRule::isId).toList();
    }

    public String name() {
        return name;
    }

    public boolean versioned() {
        return !idRules.isEmpty();
    }

    public List<RecipeRule> rules() {
        return rules;
    }

    /** The ID rules in recipe order: the properties of the ID object. */
    public List<RecipeRule> idRules() {
        return idRules;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Recipe that && name.equals(that.name) && rules.equals(that.rules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, rules);
    }

    @Override
    public String toString() {
        return "Recipe{" + name + ", versioned=" + versioned() + ", rules=" + rules + "}";
    }
}
