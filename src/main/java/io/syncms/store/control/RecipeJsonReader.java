package io.syncms.store.control;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.store.entity.ItemType;
import io.syncms.store.entity.Recipe;
import io.syncms.store.entity.RecipeRule;
import io.syncms.store.entity.RuleInheritance;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads recipes in the data format of {@code core-recipes.json} (the test vectors'
 * {@code recipes.json}): {@code {"recipes":[{"name","versioned","rules":[...]}]}}.
 *
 * <p>That format spells out every flag; {@code isId:false}, {@code optional:false} and an
 * {@code implicit} string itemtype are read as "not set by the rule", which is how one.core's
 * core recipes are written (and how their rules appear in Recipe objects and error messages).
 */
public final class RecipeJsonReader {

    public List<Recipe> readRecipes(InputStream json) {
        try (JsonReader reader = JSON.createReader(json)) {
            JsonArray recipes = reader.readObject().getJsonArray("recipes");
            List<Recipe> result = new ArrayList<>(recipes.size());
            for (JsonValue recipe : recipes) {
                result.add(readRecipe(recipe.asJsonObject()));
            }
            return result;
        }
    }

    public Recipe readRecipe(JsonObject json) {
        String name = json.getString("name");
        Recipe recipe = new Recipe(name, readRules(json.getJsonArray("rules")));
        if (json.containsKey("versioned") && json.getBoolean("versioned") != recipe.versioned()) {
            throw new IllegalArgumentException("Recipe " + name + ": \"versioned\" does not match its ID rules");
        }
        return recipe;
    }

    private List<RecipeRule> readRules(JsonArray rules) {
        List<RecipeRule> result = new ArrayList<>(rules.size());
        for (JsonValue rule : rules) {
            result.add(readRule(rule.asJsonObject()));
        }
        return result;
    }

    private RecipeRule readRule(JsonObject json) {
        Boolean isId = json.getBoolean("isId", false) ? Boolean.TRUE : null;
        Boolean optional = json.getBoolean("optional", false) ? Boolean.TRUE : null;
        ItemType itemtype = null;
        if (json.containsKey("itemtype")) {
            JsonObject type = json.getJsonObject("itemtype");
            itemtype = type.getBoolean("implicit", false) ? null : readItemType(type);
        }
        return new RecipeRule(json.getString("itemprop"), isId, optional, itemtype, readInheritance(json.get("inheritFrom")));
    }

    private static RuleInheritance readInheritance(JsonValue json) {
        if (json == null || json.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (json instanceof JsonString path) {
            return RuleInheritance.of(path.getString());
        }
        JsonObject options = json.asJsonObject();
        return new RuleInheritance(options.getString("rule"), options.getString("extract", null));
    }

    private ItemType readItemType(JsonObject json) {
        String name = json.getString("type");
        ItemType.Kind kind = ItemType.Kind.fromJsName(name)
                .orElseThrow(() -> new IllegalArgumentException("Unknown item type " + name));
        return switch (kind) {
            case STRING -> json.containsKey("regexp") ? ItemType.string(json.getString("regexp")) : ItemType.string();
            case INTEGER -> ItemType.integer();
            case NUMBER -> ItemType.number();
            case BOOLEAN -> ItemType.bool();
            case STRINGIFIABLE -> ItemType.stringifiable();
            case REFERENCE_TO_OBJ -> ItemType.referenceToObj(allowedTypes(json));
            case REFERENCE_TO_ID -> ItemType.referenceToId(allowedTypes(json));
            case REFERENCE_TO_BLOB -> ItemType.referenceToBlob();
            case REFERENCE_TO_CLOB -> ItemType.referenceToClob();
            case ARRAY -> ItemType.array(readItemType(json.getJsonObject("item")));
            case BAG -> ItemType.bag(readItemType(json.getJsonObject("item")));
            case SET -> ItemType.set(readItemType(json.getJsonObject("item")));
            case MAP -> ItemType.map(readItemType(json.getJsonObject("key")), readItemType(json.getJsonObject("value")));
            case OBJECT -> ItemType.object(readRules(json.getJsonArray("rules")));
        };
    }

    private static Set<String> allowedTypes(JsonObject json) {
        if (!json.containsKey("allowedTypes")) {
            return null;
        }
        Set<String> types = new LinkedHashSet<>();
        json.getJsonArray("allowedTypes").getValuesAs(JsonString.class).forEach(type -> types.add(type.getString()));
        return types;
    }
}
