package io.syncms.store.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.StoreResult;
import io.syncms.store.entity.StoreSettings;
import io.syncms.store.entity.StoreUnavailableException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreInstanceTest {

    @TempDir
    Path directory;

    private StoreSettings settings() {
        return new StoreSettings("laptop", directory.resolve("store"), "me@example.com", false);
    }

    private static OneObject noteRecipe() {
        return OneObject.builder("Recipe").put("name", "App$Note")
                .put("rule", List.of(Map.of("itemprop", "text"))).build();
    }

    @Test
    void opensTheStoreWithIdentityAccessAndStoredRecipes() {
        String publicKey;
        String noteHash;
        try (StoreInstance instance = StoreInstance.open(settings())) {
            assertEquals("laptop", instance.identity().instanceName());
            assertTrue(instance.store().head(instance.identity().ownerIdHash()).isPresent());
            publicKey = instance.identity().publicKeyBase64();

            StoreResult recipe = instance.storeObject(noteRecipe());
            assertTrue(instance.registry().has("App$Note"), "a stored Recipe object registers its recipe");
            noteHash = instance.storeObject(OneObject.builder("App$Note").put("text", "hi").build()).hash();
            assertEquals(recipe.hash(), instance.storeObject(noteRecipe()).hash());
        }
        try (StoreInstance reopened = StoreInstance.open(settings())) {
            assertEquals(publicKey, reopened.identity().publicKeyBase64());
            assertEquals("hi", reopened.store().readObject(noteHash).get("text"));
        }
    }

    @Test
    void aStoreThatIsOpenElsewhereIsUnavailable() {
        try (StoreInstance first = StoreInstance.open(settings())) {
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> StoreInstance.open(settings()));
            assertEquals("OS-LOCKED1", e.code());
            assertTrue(first.store().lastSeq() > 0);
        }
    }
}
