package io.syncms.store.control;

import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.Recipe;
import io.syncms.store.entity.StoreException;
import io.syncms.store.entity.StoreResult;
import io.syncms.store.entity.Version;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Application recipes that outlive a restart: each is a {@code Recipe} object in the store, and
 * {@link #restore()} registers the stored ones when the store is opened.
 *
 * <p>A type's recipe decides the hashes of its objects, so it never changes once registered: a
 * recipe for a type that has a different one is refused ({@code OR-ADDR1}), and of several stored
 * versions of one Recipe ID the oldest valid one is the type's recipe (later versions that differ
 * came from elsewhere, are logged and ignored). Registering the same recipe again is a no-op.
 */
public final class StoredRecipes {

    private static final Logger LOG = Logger.getLogger(StoredRecipes.class.getName());

    private final ObjectStore store;
    private final RecipeRegistry registry;
    private final MicrodataSerializer serializer;
    private final RecipeObjects recipeObjects = new RecipeObjects();

    public StoredRecipes(ObjectStore store) {
        this.store = store;
        this.registry = store.registry();
        this.serializer = new MicrodataSerializer(registry);
    }

    /**
     * Stores a {@code Recipe} object, then registers the recipe it describes.
     *
     * @throws OneValidationException the one.core code if the object is not a valid Recipe object
     *         or not a valid recipe ({@code URC-*}), {@code OR-ADDR1} if the type has a different recipe
     */
    public StoreResult register(OneObject recipeObject) {
        if (RecipeObjects.RECIPE_TYPE.equals(recipeObject.type())) {
            // the Recipe recipe's own checks first, so the codes are those of storing the object
            serializer.toMicrodata(recipeObject);
        }
        Recipe recipe = registry.fromRecipeObject(recipeObject);
        // one at a time, so two different recipes for a new type cannot both be stored
        synchronized (this) {
            requireCompatible(recipe);
            StoreResult stored = store.storeObject(recipeObject);
            if (!registry.has(recipe.name())) {
                registry.register(recipe);
            }
            return stored;
        }
    }

    /** As {@link #register(OneObject)}, for a recipe built in Java. */
    public StoreResult register(Recipe recipe) {
        return register(recipeObjects.toRecipeObject(recipe));
    }

    /** Registers the recipes of the stored Recipe objects that the registry does not have; returns how many. */
    public synchronized int restore() {
        int restored = 0;
        for (String idHash : store.idHashes(RecipeObjects.RECIPE_TYPE)) {
            Optional<Recipe> recipe = oldestValid(idHash);
            if (recipe.isPresent() && restore(recipe.get())) {
                restored++;
            }
        }
        return restored;
    }

    private boolean restore(Recipe recipe) {
        Optional<Recipe> known = registry.find(recipe.name());
        if (known.isEmpty()) {
            registry.register(recipe);
            return true;
        }
        if (!known.get().equals(recipe)) {
            LOG.warning(() -> "The stored recipe of \"" + recipe.name() + "\" differs from the registered one, which is kept");
        }
        return false;
    }

    private Optional<Recipe> oldestValid(String idHash) {
        Recipe oldest = null;
        for (Version version : store.versions(idHash)) {
            Optional<Recipe> recipe = readRecipe(version.hash());
            if (recipe.isPresent() && oldest == null) {
                oldest = recipe.get();
            } else if (recipe.isPresent() && !oldest.equals(recipe.get())) {
                LOG.warning(() -> "Recipe object " + version.hash() + " would change the recipe of \"" + recipe.get().name()
                        + "\"; a type's recipe never changes, so it is ignored");
            }
        }
        return Optional.ofNullable(oldest);
    }

    private Optional<Recipe> readRecipe(String hash) {
        try {
            return Optional.of(registry.fromRecipeObject(store.readObject(hash)));
        } catch (OneValidationException | StoreException e) {
            LOG.log(Level.WARNING, "Stored Recipe object " + hash + " is not a usable recipe", e);
            return Optional.empty();
        }
    }

    private void requireCompatible(Recipe recipe) {
        registry.find(recipe.name()).filter(known -> !known.equals(recipe)).ifPresent(known -> {
            throw new OneValidationException("OR-ADDR1", "A different recipe for type \"" + recipe.name() + "\" already exists");
        });
    }
}
