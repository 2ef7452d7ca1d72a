package io.syncms.store.control;

import io.syncms.store.entity.ItemType;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.Recipe;
import io.syncms.store.entity.RecipeRule;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecipeRegistryTest {

    private static final String H1 = "0f69db43a925bc5509c37143ffe18e9c11895ad6ec7c50386bcd4c87100b7152";
    private static final String H2 = "58c379901b18278fa72f55f57d15f041b524655e2bbe55bef73383e35c2eae0a";

    private final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
    private final MicrodataSerializer serializer = new MicrodataSerializer(registry);
    private final OneJson oneJson = new OneJson();
    private final RecipeObjects recipeObjects = new RecipeObjects();

    @Test
    void coreRecipesFromTheClasspath() {
        assertEquals(Set.of("Access", "Chum", "Group", "IdAccess", "Instance", "Keys", "Person", "Recipe",
                "VersionNodeChange", "VersionNodeEdge", "VersionNodeMerge"), registry.types());
        OneVectors.recipes().getJsonArray("recipes").getValuesAs(JsonObject.class).forEach(recipe ->
                assertEquals(recipe.getBoolean("versioned"), registry.get(recipe.getString("name")).versioned(), recipe.getString("name")));
        Recipe person = registry.get("Person");
        assertEquals(List.of(RecipeRule.id("email", null), RecipeRule.optional("name", null)), person.rules());
    }

    @Test
    void unknownTypeIsRejectedWithTheOneCoreCode() {
        OneValidationException e = assertThrows(OneValidationException.class, () -> registry.get("NoSuchType"));
        assertEquals("OR-GR1", e.code());
        assertEquals("OR-GR1: Type \"NoSuchType\" not found in recipes", e.getMessage());
        assertFalse(registry.find("NoSuchType").isPresent());
    }

    @Test
    void aTypeCannotBeRegisteredTwice() {
        Recipe again = new Recipe("Person", List.of(RecipeRule.id("email", ItemType.string())));
        assertEquals("OR-ADDR1", assertThrows(OneValidationException.class, () -> registry.register(again)).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Access", "Chum", "Group", "Keys", "Recipe", "VersionNodeChange", "VersionNodeEdge"})
    void coreRecipeObjectsDescribeTheCoreRecipes(String type) {
        JsonObject vector = OneVectors.vector("recipe-core-" + type);
        OneObject recipeObject = oneJson.fromJson(vector.getJsonObject("object"), registry);

        assertEquals(registry.get(type), registry.fromRecipeObject(recipeObject));
        assertEquals(recipeObject, recipeObjects.toRecipeObject(registry.get(type)));
        assertEquals(vector.getString("microdata"), serializer.toMicrodata(recipeObjects.toRecipeObject(registry.get(type))));
    }

    @Test
    void recipeReadFromParsedMicrodataIsTheSame() {
        JsonObject vector = OneVectors.vector("recipe-core-Keys");
        OneObject parsed = new MicrodataParser().parse(vector.getString("microdata"), registry);

        assertEquals(registry.get("Keys"), registry.fromRecipeObject(parsed));
    }

    @Test
    void customRecipeFromARecipeObject() {
        RecipeRegistry own = RecipeRegistry.withCoreRecipes();
        OneObject recipeObject = oneJson.fromJson(OneVectors.vector("recipe-custom-booleans").getJsonObject("object"), own);
        Recipe note = own.fromRecipeObject(recipeObject);
        own.register(note);

        assertEquals("MyApp$Note", note.name());
        assertTrue(note.versioned());
        assertEquals(List.of("title"), note.idRules().stream().map(RecipeRule::itemprop).toList());

        OneObject object = OneObject.builder("MyApp$Note")
                .put("title", "Hello <World>")
                .put("body", "text & more")
                .put("readers", List.of(H2, H1))
                .put("copyOfBody", "copy")
                .put("meta", Map.of("a", "x", "z", 3))
                .build();
        MicrodataSerializer ownSerializer = new MicrodataSerializer(own);

        assertEquals("<div itemscope itemtype=\"//refin.io/MyApp$Note\">"
                        + "<span itemprop=\"title\">Hello &lt;World&gt;</span>"
                        + "<span itemprop=\"body\">text &amp; more</span>"
                        + "<ul itemprop=\"readers\"><li><a data-type=\"id\">" + H1 + "</a></li><li><a data-type=\"id\">" + H2 + "</a></li></ul>"
                        + "<span itemprop=\"copyOfBody\">copy</span>"
                        + "<div itemprop=\"meta\"><span itemprop=\"z\">3</span><span itemprop=\"a\">x</span></div>"
                        + "</div>",
                ownSerializer.toMicrodata(object));
        assertEquals("<div data-id-object=\"true\" itemscope itemtype=\"//refin.io/MyApp$Note\">"
                + "<span itemprop=\"title\">Hello &lt;World&gt;</span></div>", ownSerializer.toIdMicrodata(object));
        assertEquals(object.properties().size(), new MicrodataParser().parse(ownSerializer.toMicrodata(object), own).properties().size());
    }

    @Test
    void inheritedRuleTakesTheTargetsTypeAndOptionalButNotIsId() {
        RecipeRegistry own = RecipeRegistry.withCoreRecipes();
        own.register(own.fromRecipeObject(oneJson.fromJson(OneVectors.vector("recipe-custom-booleans").getJsonObject("object"), own)));
        RecipeRule copyOfBody = own.get("MyApp$Note").rules().get(3);

        RecipeRule resolved = own.resolve(copyOfBody);

        assertEquals(new RecipeRule("copyOfBody", false, true, ItemType.string("^[^<>]*$"), null), resolved);
        OneObject withoutCopy = OneObject.builder("MyApp$Note").put("title", "t").put("readers", List.of())
                .put("meta", Map.of("a", "x")).build();
        // copyOfBody may be missing (optional is inherited), the mandatory nested meta.z may not
        OneValidationException missing = assertThrows(OneValidationException.class,
                () -> new MicrodataSerializer(own).toMicrodata(withoutCopy));
        assertEquals("O2M-RTYC2: Mandatory property \"z\" missing; Rule: {\"itemprop\":\"z\",\"itemtype\":{\"type\":\"integer\"}}",
                missing.getMessage());
        OneObject badCopy = OneObject.builder("MyApp$Note").put("title", "t").put("readers", List.of())
                .put("copyOfBody", "a<b").put("meta", Map.of("z", 1, "a", "x")).build();
        assertEquals("O2M-RTYC3", assertThrows(OneValidationException.class,
                () -> new MicrodataSerializer(own).toMicrodata(badCopy)).code(), "regexp inherited from body");
    }

    @Test
    void recipeObjectWithUnknownRuleKeyIsNotARecipe() {
        OneObject recipeObject = oneJson.fromJson(OneVectors.vector("recipe-nested-extra-key-ignored").getJsonObject("object"), registry);

        assertEquals("URC-ERECI3", assertThrows(OneValidationException.class, () -> registry.fromRecipeObject(recipeObject)).code());
    }

    @Test
    void invalidRecipeObjectsAreRejected() {
        assertEquals("URC-ERCP2", codeOf(OneObject.builder("Person").put("email", "x").build()));
        assertEquals("URC-ERCP3", codeOf(recipe("Bad.Name", List.of(Map.of("itemprop", "a")))));
        assertEquals("URC-ERCP3", codeOf(recipe("Bad Name", List.of(Map.of("itemprop", "a")))));
        assertEquals("URC-ERCP4", codeOf(OneObject.builder("Recipe").put("name", "T").build()));
        assertEquals("URC-ERECI8", codeOf(recipe("T", List.of(Map.of("itemprop", "a<b")))));
        assertEquals("URC-ERECI5", codeOf(recipe("T", List.of(Map.of("itemprop", "a", "isId", "yes")))));
        assertEquals("URC-CIT1", codeOf(recipe("T", List.of(Map.of("itemprop", "a"), Map.of("itemprop", "a")))));
        assertEquals("URC-ERECI19", codeOf(recipe("T", List.of(Map.of("itemprop", "a", "itemtype", Map.of("type", "float"))))));
        assertEquals("URC-ERECI32", codeOf(recipe("T", List.of(Map.of("itemprop", "a", "itemtype", Map.of("type", "bag"))))));
        assertEquals("URC-ERECI33", codeOf(recipe("T", List.of(Map.of("itemprop", "a",
                "itemtype", Map.of("type", "integer", "regexp", "x"))))));
        assertEquals("URC-ERECI22", codeOf(recipe("T", List.of(Map.of("itemprop", "a",
                "itemtype", Map.of("type", "string", "regexp", "(unclosed"))))));
        assertEquals("URC-ERECI2", codeOf(recipe("T", List.of(Map.of("itemprop", "a", "itemtype", Map.of("type", "object",
                "rules", List.of(Map.of("itemprop", "n", "isId", true))))))));
    }

    @Test
    void namesRulesAndRegexpsHaveLimitsThatAreCheckedWhenTheRecipeIsRead() {
        assertEquals("OS-LIMIT1", codeOf(recipe("T".repeat(RecipeObjects.MAX_NAME_LENGTH + 1), List.of(Map.of("itemprop", "a")))));
        assertEquals("OS-LIMIT1", codeOf(recipe("T", List.of(Map.of("itemprop", "a".repeat(RecipeObjects.MAX_NAME_LENGTH + 1))))));
        List<Map<String, Object>> rules = new java.util.ArrayList<>();
        for (int i = 0; i <= RecipeObjects.MAX_RULES; i++) {
            rules.add(Map.of("itemprop", "p" + i));
        }
        assertEquals("OS-LIMIT1", codeOf(recipe("T", rules)));
        OneValidationException backReference = assertThrows(OneValidationException.class, () -> registry.fromRecipeObject(
                recipe("T", List.of(Map.of("itemprop", "a", "itemtype", Map.of("type", "string", "regexp", "(a)\\1"))))));
        assertEquals("URC-ERECI22", backReference.code());
        assertTrue(backReference.getMessage().contains("linear time"), backReference.getMessage());
    }

    @Test
    void aPatternThatBacktracksForeverElsewhereChecksAValueInLinearTime() {
        RecipeRegistry own = RecipeRegistry.withCoreRecipes();
        own.register(own.fromRecipeObject(recipe("Evil", List.of(Map.of("itemprop", "a",
                "itemtype", Map.of("type", "string", "regexp", "^(a+)+$"))))));
        OneObject attack = OneObject.builder("Evil").put("a", "a".repeat(50_000) + "!").build();
        long started = System.nanoTime();
        assertEquals("O2M-RTYC3", assertThrows(OneValidationException.class,
                () -> new MicrodataSerializer(own).toMicrodata(attack)).code());
        long millis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        // a backtracking engine would need longer than the age of the universe; 10 s is only a guard for a busy machine
        assertTrue(millis < 10_000, "checked in " + millis + " ms");
    }

    @Test
    void recipeBuiltInJavaSerializesObjectsOfItsType() {
        RecipeRegistry own = new RecipeRegistry();
        own.register(new Recipe("Test$Counter", List.of(
                RecipeRule.id("name", ItemType.string()),
                RecipeRule.of("count", ItemType.integer()),
                RecipeRule.optional("tags", ItemType.set(ItemType.string())))));

        OneObject counter = OneObject.builder("Test$Counter").put("name", "c").put("count", 2).put("tags", Set.of("b", "a")).build();

        assertEquals("<div itemscope itemtype=\"//refin.io/Test$Counter\"><span itemprop=\"name\">c</span>"
                + "<span itemprop=\"count\">2</span><ul itemprop=\"tags\"><li>a</li><li>b</li></ul></div>",
                new MicrodataSerializer(own).toMicrodata(counter));
    }

    private String codeOf(OneObject recipeObject) {
        return assertThrows(OneValidationException.class, () -> registry.fromRecipeObject(recipeObject)).code();
    }

    private static OneObject recipe(String name, List<Map<String, Object>> rules) {
        return OneObject.builder("Recipe").put("name", name).put("rule", rules).build();
    }
}
