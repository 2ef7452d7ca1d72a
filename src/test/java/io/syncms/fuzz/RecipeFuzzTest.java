package io.syncms.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.syncms.platform.boundary.JsonBodies;
import io.syncms.store.control.OneJson;
import io.syncms.store.control.RecipeObjects;
import io.syncms.store.control.RecipeRegistry;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.Recipe;
import java.nio.charset.StandardCharsets;

/** A Recipe object as {@code POST /api/recipes} takes it (or a peer sends it). */
class RecipeFuzzTest {

    private static final RecipeRegistry CORE = RecipeRegistry.withCoreRecipes();
    private final OneJson oneJson = new OneJson();
    private final RecipeObjects recipes = new RecipeObjects();

    /** A recipe or a URC-/OS- code; an accepted recipe survives its way into a Recipe object and back. */
    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void aRecipeObjectIsARecipeOrRefused(byte[] bytes) {
        Recipe recipe;
        try {
            OneObject object = oneJson.fromJson(JsonBodies.object(new String(bytes, StandardCharsets.UTF_8)), CORE);
            recipe = recipes.fromRecipeObject(object);
        } catch (IllegalArgumentException | OneValidationException refused) {
            return;
        }
        Recipe again = recipes.fromRecipeObject(recipes.toRecipeObject(recipe));
        if (!again.equals(recipe)) {
            throw new AssertionError(recipe + " came back as " + again);
        }
    }
}
