package io.syncms.store.control;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.platform.control.DurableFile;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.Recipe;
import io.syncms.store.entity.StoreException;
import io.syncms.store.entity.StoreResult;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Application recipes that outlive a restart: each is a {@code Recipe} object in the store, listed in
 * {@code registered-recipes.json} of the store directory, and {@link #restore()} registers the listed
 * ones when the store is opened. Only recipes registered here are listed: a {@code Recipe} object that
 * arrived some other way (a Chum) is stored like any object but never becomes a registered recipe by
 * itself. A store from before the list existed lists all its stored Recipe objects once, when it is
 * first opened.
 *
 * <p>A type's recipe decides the hashes of its objects, so it never changes once registered: a
 * recipe for a type that has a different one is refused ({@code OR-ADDR1}), and of several stored
 * versions of one Recipe ID the oldest valid one is the type's recipe (later versions that differ
 * came from elsewhere, are logged and ignored). Registering the same recipe again is a no-op.
 */
public final class StoredRecipes {

    private static final Logger LOG = Logger.getLogger(StoredRecipes.class.getName());
    /** The list of the Recipe objects registered on this instance, in the store directory. */
    public static final String LIST_FILE = "registered-recipes.json";

    private final ObjectStore store;
    private final RecipeRegistry registry;
    private final MicrodataSerializer serializer;
    private final RecipeObjects recipeObjects = new RecipeObjects();
    private final Path listFile;
    private final Set<String> registered = new LinkedHashSet<>();

    public StoredRecipes(ObjectStore store) {
        this.store = store;
        this.registry = store.registry();
        this.serializer = new MicrodataSerializer(registry);
        this.listFile = store.directory().resolve(LIST_FILE);
        loadList();
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
            if (registered.add(stored.hash())) {
                saveList();
            }
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

    /** Registers the listed recipes that the registry does not have yet; returns how many. */
    public synchronized int restore() {
        int restored = 0;
        for (String hash : List.copyOf(registered)) {
            Optional<Recipe> recipe = readRecipe(hash);
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

    private Optional<Recipe> readRecipe(String hash) {
        try {
            return Optional.of(registry.fromRecipeObject(store.readObject(hash)));
        } catch (OneValidationException | StoreException e) {
            LOG.log(Level.WARNING, "Stored Recipe object " + hash + " is not a usable recipe", e);
            return Optional.empty();
        }
    }

    private void loadList() {
        if (!Files.exists(listFile)) {
            // a store from before the list: what it stored was registered here, as nothing else stored recipes
            for (String idHash : store.idHashes(RecipeObjects.RECIPE_TYPE)) {
                store.versions(idHash).forEach(version -> registered.add(version.hash()));
            }
            saveList();
            return;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(Files.readString(listFile, StandardCharsets.UTF_8)))) {
            for (JsonValue hash : reader.readObject().getJsonArray("recipes")) {
                registered.add(((JsonString) hash).getString());
            }
        } catch (IOException | RuntimeException e) {
            // a damaged list is an error, not an empty one: it would silently drop every application recipe
            throw new IllegalStateException("The list of registered recipes " + listFile + " cannot be read: " + e, e);
        }
    }

    private void saveList() {
        try {
            DurableFile.write(listFile, JSON.createObjectBuilder().add("recipes", JSON.createArrayBuilder(registered)).build()
                    .toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("The list of registered recipes " + listFile + " cannot be written", e);
        }
    }

    private void requireCompatible(Recipe recipe) {
        registry.find(recipe.name()).filter(known -> !known.equals(recipe)).ifPresent(known -> {
            throw new OneValidationException("OR-ADDR1", "A different recipe for type \"" + recipe.name() + "\" already exists");
        });
    }
}
