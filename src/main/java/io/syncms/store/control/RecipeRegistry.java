package io.syncms.store.control;

import io.syncms.store.entity.ItemType;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.Recipe;
import io.syncms.store.entity.RecipeRule;
import io.syncms.store.entity.RuleInheritance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recipes known to this instance, by type name. Thread-safe; recipes can be added but not
 * replaced or removed (a type's recipe decides its hashes).
 */
public final class RecipeRegistry {

    /** Classpath resource with one.core's core recipes (the test vectors' {@code recipes.json}). */
    public static final String CORE_RECIPES_RESOURCE = "/io/syncms/store/core-recipes.json";

    private static final int MAX_INHERITANCE_DEPTH = 32;

    private final Map<String, Recipe> recipes = new ConcurrentHashMap<>();
    private final RecipeObjects recipeObjects = new RecipeObjects();

    /** A registry with the core recipes (Person, Group, Access, Instance, Recipe, ...). */
    public static RecipeRegistry withCoreRecipes() {
        RecipeRegistry registry = new RecipeRegistry();
        try (InputStream json = RecipeRegistry.class.getResourceAsStream(CORE_RECIPES_RESOURCE)) {
            if (json == null) {
                throw new IllegalStateException("Missing classpath resource " + CORE_RECIPES_RESOURCE);
            }
            new RecipeJsonReader().readRecipes(json).forEach(registry::register);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return registry;
    }

    /** @throws OneValidationException {@code OR-ADDR1} if the type already has a recipe */
    public void register(Recipe recipe) {
        Objects.requireNonNull(recipe, "recipe");
        if (recipes.putIfAbsent(recipe.name(), recipe) != null) {
            throw new OneValidationException("OR-ADDR1", "A recipe for type \"" + recipe.name() + "\" already exists");
        }
    }

    public Optional<Recipe> find(String type) {
        return type == null ? Optional.empty() : Optional.ofNullable(recipes.get(type));
    }

    /** @throws OneValidationException {@code OR-GR1} if there is no recipe for the type */
    public Recipe get(String type) {
        return find(type).orElseThrow(() -> new OneValidationException(
                "OR-GR1", "Type \"" + (type == null ? "undefined" : type) + "\" not found in recipes"));
    }

    public boolean has(String type) {
        return find(type).isPresent();
    }

    public boolean isVersioned(String type) {
        return find(type).map(Recipe::versioned).orElse(false);
    }

    public Set<String> types() {
        return new TreeSet<>(recipes.keySet());
    }

    /**
     * The recipe a stored ONE {@code Recipe} object describes (to register application types).
     *
     * @throws OneValidationException with a {@code URC-*} code if it is not a valid recipe
     */
    public Recipe fromRecipeObject(OneObject recipeObject) {
        return recipeObjects.fromRecipeObject(recipeObject);
    }

    /**
     * The rule with {@code inheritFrom} resolved, as one.core's {@code resolveRuleInheritance}:
     * a rule that inherits takes every property it does not set itself from the target rule
     * ({@code "Type.itemprop"}, only the first itemprop of the path is used), except that
     * {@code isId} is never inherited. Rules nested in item types are resolved too.
     *
     * @throws OneValidationException {@code OR-GR1}/{@code OR-GR01} for an unknown target,
     *         {@code OR-RSRI1}/{@code OR-RSRI2} for an impossible extract option
     */
    public RecipeRule resolve(RecipeRule rule) {
        if (rule.inheritFrom().isPresent()) {
            return resolveInheritance(rule, 0);
        }
        ItemType itemtype = rule.declaredItemtype();
        return itemtype == null ? rule : rule.withItemtype(resolveNested(itemtype));
    }

    private ItemType resolveNested(ItemType type) {
        if (type.item() == null && type.key() == null && type.rules() == null) {
            return type;
        }
        List<RecipeRule> rules = null;
        if (type.rules() != null) {
            rules = new ArrayList<>(type.rules().size());
            for (RecipeRule nested : type.rules()) {
                rules.add(resolve(nested));
            }
        }
        return type.withParts(
                type.item() == null ? null : resolveNested(type.item()),
                type.key() == null ? null : resolveNested(type.key()),
                type.value() == null ? null : resolveNested(type.value()),
                rules);
    }

    private RecipeRule resolveInheritance(RecipeRule source, int depth) {
        if (depth > MAX_INHERITANCE_DEPTH) {
            throw new OneValidationException("OR-GR03", "Rule inheritance of \"" + source.itemprop() + "\" does not end (circle?)");
        }
        RuleInheritance inheritance = source.inheritFrom().orElseThrow();
        RecipeRule target = ruleAt(inheritance.path());
        if (target.inheritFrom().isPresent()) {
            target = resolveInheritance(target, depth + 1);
        }
        Boolean isId = source.declaredIsId() != null ? source.declaredIsId() : target.declaredIsId();
        Boolean optional = source.declaredOptional() != null ? source.declaredOptional() : target.declaredOptional();
        ItemType itemtype = source.declaredItemtype() != null ? source.declaredItemtype() : target.declaredItemtype();

        // one.core applies the extract option only to item types that have an "item" (array, bag,
        // set); "MapItemType" therefore never converts a map and fails on a collection.
        String extract = inheritance.extract();
        if (extract != null && itemtype != null && itemtype.item() != null) {
            if (RuleInheritance.COLLECTION_ITEM_TYPE.equals(extract)) {
                itemtype = itemtype.item();
            } else {
                throw new OneValidationException("OR-RSRI2", "The rule itemtype must be map");
            }
        }
        if (source.declaredIsId() == null && Boolean.TRUE.equals(isId)) {
            isId = false;
        }
        return new RecipeRule(source.itemprop(), isId, optional, itemtype, null);
    }

    private RecipeRule ruleAt(String path) {
        String[] parts = path.split("\\.");
        Recipe recipe = get(parts[0]);
        String itemprop = parts.length > 1 ? parts[1] : null;
        return recipe.rules().stream()
                .filter(rule -> rule.itemprop().equals(itemprop))
                .findFirst()
                .orElseThrow(() -> new OneValidationException("OR-GR01",
                        "Could not find a rule in recipe \"" + recipe.name() + "\" using path " + path));
    }
}
