package io.syncms.store.control;

import io.syncms.store.entity.ItemType;
import io.syncms.store.entity.JsRegExp;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.Recipe;
import io.syncms.store.entity.RecipeRule;
import io.syncms.store.entity.RuleInheritance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Converts between the rule model and stored ONE {@code Recipe} objects ({@code name},
 * {@code rule}: an array of nested rule objects whose {@code itemtype} and {@code inheritFrom} are
 * stringifiable), and renders rules the way one.core prints them.
 *
 * <p>A Recipe object may come from JSON (Sets and RegExps tagged) or from parsed microdata
 * (plain JSON: arrays and strings), so {@code allowedTypes} may be a Set or a list and
 * {@code regexp} a {@link JsRegExp} or a string. Invalid recipes are rejected with the
 * {@code URC-*} codes of one.core's recipe checks. Not modelled: {@code crdtConfig} (ignored).
 */
public final class RecipeObjects {

    public static final String RECIPE_TYPE = "Recipe";
    /** The longest type name and itemprop: so every name fits the journal's records, with room to spare. */
    public static final int MAX_NAME_LENGTH = 256;
    /** The most rules a recipe (or a nested object type) has. */
    public static final int MAX_RULES = 1000;

    private static final Pattern FORBIDDEN_NAME_CHARS = Pattern.compile("[<>.\\s]");

    private static final Set<String> RULE_KEYS = Set.of("itemprop", "isId", "optional", "itemtype", "inheritFrom");

    private final SortedStringifier stringifier = new SortedStringifier();

    /** The Recipe ONE object for a recipe (without {@code crdtConfig}). */
    public OneObject toRecipeObject(Recipe recipe) {
        List<Object> rules = new ArrayList<>(recipe.rules().size());
        recipe.rules().forEach(rule -> rules.add(ruleObject(rule)));
        return OneObject.builder(RECIPE_TYPE).put("name", recipe.name()).put("rule", rules).build();
    }

    /**
     * A rule as the plain object one.core has in its recipes: only what the rule sets, item types
     * with {@code allowedTypes} as a Set and {@code regexp} as a RegExp.
     */
    public Map<String, Object> ruleObject(RecipeRule rule) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("itemprop", rule.itemprop());
        if (rule.declaredIsId() != null) {
            object.put("isId", rule.declaredIsId());
        }
        if (rule.declaredOptional() != null) {
            object.put("optional", rule.declaredOptional());
        }
        if (rule.declaredItemtype() != null) {
            object.put("itemtype", itemTypeObject(rule.declaredItemtype()));
        }
        rule.inheritFrom().ifPresent(inheritance -> object.put("inheritFrom", inheritance.extractOption()
                .<Object>map(extract -> Map.of("rule", inheritance.path(), "extract", extract))
                .orElse(inheritance.path())));
        return object;
    }

    private Map<String, Object> itemTypeObject(ItemType type) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", type.type().jsName());
        if (type.item() != null) {
            object.put("item", itemTypeObject(type.item()));
        }
        if (type.key() != null) {
            object.put("key", itemTypeObject(type.key()));
            object.put("value", itemTypeObject(type.value()));
        }
        if (type.rules() != null) {
            List<Object> rules = new ArrayList<>();
            type.rules().forEach(rule -> rules.add(ruleObject(rule)));
            object.put("rules", rules);
        }
        type.regexp().ifPresent(regexp -> object.put("regexp", new JsRegExp(regexp)));
        if (type.allowedTypes() != null) {
            object.put("allowedTypes", new LinkedHashSet<>(type.allowedTypes()));
        }
        return object;
    }

    /**
     * The recipe a stored Recipe object describes.
     *
     * @throws OneValidationException with a {@code URC-*} code if it is not a valid recipe
     */
    public Recipe fromRecipeObject(OneObject recipeObject) {
        if (!RECIPE_TYPE.equals(recipeObject.type())) {
            throw new OneValidationException("URC-ERCP2", "Not a \"Recipe\" object but \"" + recipeObject.type() + "\"");
        }
        Object name = recipeObject.get("name");
        if (!(name instanceof String typeName) || !isValidName(typeName)) {
            throw new OneValidationException("URC-ERCP3", "Type \"" + stringifier.describe(name)
                    + "\" must not be empty, must not contain <, >, ., or whitespace, and "
                    + "JSON.stringify(recipeName) must equal the recipe-name surrounded by quotes");
        }
        if (typeName.length() > MAX_NAME_LENGTH) {
            throw new OneValidationException("OS-LIMIT1", "A type name has at most " + MAX_NAME_LENGTH + " characters, not "
                    + typeName.length());
        }
        if (!(recipeObject.get("rule") instanceof List<?> rules)) {
            throw new OneValidationException("URC-ERCP4", "Recipe for \"" + typeName + "\" must be array of RecipeRule");
        }
        return new Recipe(typeName, readRules(rules, false));
    }

    private List<RecipeRule> readRules(List<?> rules, boolean nested) {
        if (rules.size() > MAX_RULES) {
            throw new OneValidationException("OS-LIMIT1", "A recipe has at most " + MAX_RULES + " rules at each level, not "
                    + rules.size());
        }
        List<RecipeRule> result = new ArrayList<>(rules.size());
        Set<String> seen = new HashSet<>();
        for (int index = 0; index < rules.size(); index++) {
            RecipeRule rule = readRule(rules.get(index), index, nested);
            if (!seen.add(rule.itemprop())) {
                throw new OneValidationException("URC-CIT1", "\"" + rule.itemprop() + "\" found more than once in rules");
            }
            result.add(rule);
        }
        return result;
    }

    private RecipeRule readRule(Object value, int index, boolean nested) {
        if (!(value instanceof Map<?, ?> rule)) {
            throw new OneValidationException("URC-ERECI1", "Not an object but \"" + typeName(value) + "\"");
        }
        for (Object key : rule.keySet()) {
            if (!RULE_KEYS.contains(key)) {
                throw new OneValidationException("URC-ERECI3", "Rule #" + index + " has an unknown property " + key);
            }
        }
        if (!(rule.get("itemprop") instanceof String itemprop) || !isValidItemprop(itemprop)) {
            throw new OneValidationException("URC-ERECI8",
                    "Rule #" + index + ": mandatory \"itemprop\" must not contain <, >, ., or whitespace");
        }
        if (itemprop.length() > MAX_NAME_LENGTH) {
            throw new OneValidationException("OS-LIMIT1", "Rule #" + index + ": an itemprop has at most " + MAX_NAME_LENGTH
                    + " characters, not " + itemprop.length());
        }
        Boolean isId = flag(rule, "isId", index);
        if (nested && isId != null) {
            throw new OneValidationException("URC-ERECI2", "Rule #" + index + " \"isId\" is set but not allowed in a nested rule");
        }
        Boolean optional = flag(rule, "optional", index);
        ItemType itemtype = rule.containsKey("itemtype") ? readItemType(rule.get("itemtype"), index) : null;
        RuleInheritance inheritance = rule.containsKey("inheritFrom") ? readInheritance(rule.get("inheritFrom"), index) : null;
        return new RecipeRule(itemprop, isId, optional, itemtype, inheritance);
    }

    private Boolean flag(Map<?, ?> rule, String name, int index) {
        if (!rule.containsKey(name)) {
            return null;
        }
        if (rule.get(name) instanceof Boolean value) {
            return value;
        }
        throw new OneValidationException("URC-ERECI5",
                "Rule #" + index + ": \"" + name + "\" must be boolean but is " + typeName(rule.get(name)));
    }

    private RuleInheritance readInheritance(Object value, int index) {
        if (value instanceof String path) {
            return RuleInheritance.of(checkedPath(path, index));
        }
        if (value instanceof Map<?, ?> options && options.get("rule") instanceof String path
                && options.keySet().stream().allMatch(key -> key.equals("rule") || key.equals("extract"))) {
            Object extract = options.get("extract");
            if (extract == null || RuleInheritance.COLLECTION_ITEM_TYPE.equals(extract)
                    || RuleInheritance.MAP_ITEM_TYPE.equals(extract)) {
                return new RuleInheritance(checkedPath(path, index), (String) extract);
            }
        }
        throw new OneValidationException("URC-ERECI28", "Rule #" + index + ": \"inheritFrom\" is an object, therefore it "
                + "must be of type RuleInheritanceWithOptions; value: \"" + stringifier.describe(value) + "\"");
    }

    private static String checkedPath(String path, int index) {
        if (!path.matches("[^.<>\\s]+(\\.[^.<>\\s\"]+)+")) {
            throw new OneValidationException("URC-ERECI27", "Rule #" + index + ": \"inheritFrom\" is a string, therefore it "
                    + "must be a path of type Recipe.itemprop[.itemprop] but it does not look like one; value: \"" + path + "\"");
        }
        return path;
    }

    private ItemType readItemType(Object value, int index) {
        if (!(value instanceof Map<?, ?> type) || !(type.get("type") instanceof String name)) {
            throw new OneValidationException("URC-ERECI19",
                    "Rule #" + index + ": \"itemtype\" must be an object with a \"type\" but is " + stringifier.describe(value));
        }
        ItemType.Kind kind = ItemType.Kind.fromJsName(name).orElseThrow(() -> new OneValidationException("URC-ERECI19",
                "Rule #" + index + ": unknown item type \"" + name + "\""));
        Set<String> allowedKeys = switch (kind) {
            case STRING -> Set.of("type", "regexp");
            case REFERENCE_TO_OBJ, REFERENCE_TO_ID -> Set.of("type", "allowedTypes");
            case ARRAY, BAG, SET -> Set.of("type", "item");
            case MAP -> Set.of("type", "key", "value");
            case OBJECT -> Set.of("type", "rules");
            default -> Set.of("type");
        };
        for (Object key : type.keySet()) {
            if (!allowedKeys.contains(key)) {
                throw new OneValidationException("URC-ERECI33",
                        "Rule #" + index + ": " + name + " has no option \"" + key + "\"");
            }
        }
        return switch (kind) {
            case STRING -> type.containsKey("regexp") ? ItemType.string(regexp(type.get("regexp"), index)) : ItemType.string();
            case INTEGER -> ItemType.integer();
            case NUMBER -> ItemType.number();
            case BOOLEAN -> ItemType.bool();
            case STRINGIFIABLE -> ItemType.stringifiable();
            case REFERENCE_TO_OBJ -> ItemType.referenceToObj(allowedTypes(type, index));
            case REFERENCE_TO_ID -> ItemType.referenceToId(allowedTypes(type, index));
            case REFERENCE_TO_BLOB -> ItemType.referenceToBlob();
            case REFERENCE_TO_CLOB -> ItemType.referenceToClob();
            case ARRAY -> ItemType.array(item(type, index, name));
            case BAG -> ItemType.bag(item(type, index, name));
            case SET -> ItemType.set(item(type, index, name));
            case MAP -> {
                if (!type.containsKey("key") || !type.containsKey("value")) {
                    throw new OneValidationException("URC-ERECI31",
                            "Rule #" + index + ": \"Key\" option and \"Value\" option are missing in the map definion of \"" + name + "\"");
                }
                yield ItemType.map(readItemType(type.get("key"), index), readItemType(type.get("value"), index));
            }
            case OBJECT -> {
                if (!(type.get("rules") instanceof List<?> rules) || rules.isEmpty()) {
                    throw new OneValidationException("URC-ERECI23", "Rule #" + index
                            + ": optional \"rules\" must be non-empty array of RecipeRule objects; Property \"rules\": "
                            + stringifier.describe(type.get("rules")));
                }
                yield ItemType.object(readRules(rules, true));
            }
        };
    }

    private ItemType item(Map<?, ?> type, int index, String name) {
        if (!type.containsKey("item")) {
            throw new OneValidationException("URC-ERECI32", "Rule #" + index + ": \"Item\" option is missing in the definion of \"" + name + "\"");
        }
        return readItemType(type.get("item"), index);
    }

    private String regexp(Object value, int index) {
        String source = value instanceof JsRegExp regExp ? regExp.source() : value instanceof String text ? text : null;
        if (source != null) {
            try {
                ItemType.string(source);
                return source;
            } catch (IllegalArgumentException e) {
                throw new OneValidationException("URC-ERECI22", "Rule #" + index + ": \"regexp\" cannot be used: " + e.getMessage());
            }
        }
        throw new OneValidationException("URC-ERECI22", "Rule #" + index + ": \"regexp\" is not a RegExp object " + stringifier.describe(value));
    }

    private Set<String> allowedTypes(Map<?, ?> type, int index) {
        if (!type.containsKey("allowedTypes")) {
            return null;
        }
        Object value = type.get("allowedTypes");
        if (value instanceof Collection<?> names && !names.isEmpty() && names.stream().allMatch(String.class::isInstance)) {
            Set<String> result = new LinkedHashSet<>();
            names.forEach(typeName -> result.add((String) typeName));
            return result;
        }
        throw new OneValidationException("URC-ERECI14", "Rule #" + index
                + ": \"allowedTypes\" must be a Set of ONE object type strings or \"*\",\nbut it is currently set to " + stringifier.describe(value));
    }

    private boolean isValidName(String name) {
        return !name.isEmpty() && !FORBIDDEN_NAME_CHARS.matcher(name).find()
                && stringifier.quote(name).equals("\"" + name + "\"");
    }

    private boolean isValidItemprop(String itemprop) {
        // one.core forbids <, >, . and whitespace; a quote would also break the itemprop attribute
        return isValidName(itemprop);
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
