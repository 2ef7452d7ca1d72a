package io.syncms.store.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.store.entity.ItemType;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.Recipe;
import io.syncms.store.entity.RecipeRule;
import io.syncms.store.entity.StoreOptions;
import io.syncms.store.entity.StoreResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredRecipesTest {

    private static final Recipe TASK = new Recipe("App$Task", List.of(
            RecipeRule.id("title", ItemType.string()), RecipeRule.of("done", ItemType.bool())));
    private static final Recipe OTHER_TASK = new Recipe("App$Task", List.of(RecipeRule.id("title", ItemType.string())));

    @TempDir
    Path directory;

    private ObjectStore open() {
        return new ObjectStore(directory, RecipeRegistry.withCoreRecipes(), StoreOptions.defaults().withFsync(false)).open();
    }

    private static OneObject task(String title) {
        return OneObject.builder("App$Task").put("title", title).put("done", false).build();
    }

    @Test
    void aRegisteredRecipeIsStoredAndRegisteredAgainAfterAReopen() {
        String taskHash;
        try (ObjectStore store = open()) {
            StoreResult stored = new StoredRecipes(store).register(TASK);
            assertTrue(stored.created());
            assertEquals(TASK, store.registry().get("App$Task"));
            taskHash = store.storeObject(task("write tests")).hash();
        }
        try (ObjectStore store = open()) {
            assertFalse(store.registry().has("App$Task"));
            assertEquals(1, new StoredRecipes(store).restore());
            assertEquals(TASK, store.registry().get("App$Task"));
            assertEquals(task("write tests"), store.readObject(taskHash));
        }
    }

    @Test
    void registeringTheSameRecipeAgainIsANoOpAndADifferentOneIsRefused() {
        try (ObjectStore store = open()) {
            StoredRecipes recipes = new StoredRecipes(store);
            StoreResult first = recipes.register(TASK);
            StoreResult again = recipes.register(TASK);
            assertEquals(first.hash(), again.hash());
            assertFalse(again.created());

            long seq = store.lastSeq();
            assertEquals("OR-ADDR1", assertThrows(OneValidationException.class, () -> recipes.register(OTHER_TASK)).code());
            assertEquals(seq, store.lastSeq(), "nothing stored");
            Recipe person = new Recipe("Person", List.of(RecipeRule.id("email", ItemType.string()), RecipeRule.of("age", ItemType.integer())));
            assertEquals("OR-ADDR1", assertThrows(OneValidationException.class, () -> recipes.register(person)).code());
        }
    }

    @Test
    void invalidRecipeObjectsAreRejectedWithTheOneCoreCodes() {
        try (ObjectStore store = open()) {
            StoredRecipes recipes = new StoredRecipes(store);
            OneObject missingItemprop = OneObject.builder("Recipe").put("name", "Broken").put("rule", List.of(java.util.Map.of("isId", true))).build();
            assertEquals("O2M-RTYC2", assertThrows(OneValidationException.class, () -> recipes.register(missingItemprop)).code());
            OneObject badName = OneObject.builder("Recipe").put("name", "Bad Name").put("rule", List.of()).build();
            assertTrue(assertThrows(OneValidationException.class, () -> recipes.register(badName)).code().startsWith("URC-"));
            assertEquals("URC-ERCP2", assertThrows(OneValidationException.class, () -> recipes.register(task("x"))).code());
            assertEquals(0, store.lastSeq());
        }
    }

    @Test
    void ofStoredVersionsThatDifferTheOldestIsTheRecipe() {
        RecipeObjects objects = new RecipeObjects();
        try (ObjectStore store = open()) {
            // a later, different version stored past the registration (as a peer might send it)
            new StoredRecipes(store).register(TASK);
            store.storeObject(objects.toRecipeObject(OTHER_TASK));
        }
        try (ObjectStore store = open()) {
            new StoredRecipes(store).restore();
            assertEquals(TASK, store.registry().get("App$Task"));
        }
    }

    @Test
    void aRecipeObjectThatArrivedAnotherWayIsStoredButNeverRegistered() {
        RecipeObjects objects = new RecipeObjects();
        try (ObjectStore store = open()) {
            new StoredRecipes(store);
            // what a Chum does with a Recipe object a peer sent: stores it, like any object
            store.storeObject(objects.toRecipeObject(TASK));
        }
        try (ObjectStore store = open()) {
            assertEquals(0, new StoredRecipes(store).restore());
            assertFalse(store.registry().has("App$Task"));
        }
    }

    @Test
    void aStoreFromBeforeTheListRegistersWhatItStoredOnceAndNothingReceivedLater() throws java.io.IOException {
        RecipeObjects objects = new RecipeObjects();
        try (ObjectStore store = open()) {
            new StoredRecipes(store).register(TASK);
        }
        // the store as an earlier version left it: Recipe objects, no list
        java.nio.file.Files.delete(directory.resolve(StoredRecipes.LIST_FILE));
        try (ObjectStore store = open()) {
            assertEquals(1, new StoredRecipes(store).restore());
            assertEquals(TASK, store.registry().get("App$Task"));
            store.storeObject(objects.toRecipeObject(new Recipe("App$Received", List.of(RecipeRule.id("x", ItemType.string())))));
        }
        try (ObjectStore store = open()) {
            assertEquals(1, new StoredRecipes(store).restore());
            assertFalse(store.registry().has("App$Received"));
        }
    }

    @Test
    void aDamagedListStopsTheOpenRatherThanDroppingEveryRecipe() throws java.io.IOException {
        try (ObjectStore store = open()) {
            new StoredRecipes(store).register(TASK);
        }
        java.nio.file.Files.writeString(directory.resolve(StoredRecipes.LIST_FILE), "{\"recipes\":[");
        try (ObjectStore store = open()) {
            assertThrows(IllegalStateException.class, () -> new StoredRecipes(store));
        }
    }
}
