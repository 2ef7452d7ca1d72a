package io.syncms.store.control;

import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.StoreResult;
import io.syncms.store.entity.StoreSettings;

import java.util.logging.Logger;

/**
 * The object store of this running instance with what belongs to it: the recipes (core ones and
 * the stored application recipes), the instance identity and the access index. Opened as a whole,
 * closed as a whole.
 */
public final class StoreInstance implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StoreInstance.class.getName());

    private final StoreSettings settings;
    private final ObjectStore store;
    private final StoredRecipes recipes;
    private final InstanceIdentity identity;
    private final AccessService access;

    private StoreInstance(StoreSettings settings, ObjectStore store, StoredRecipes recipes, InstanceIdentity identity,
            AccessService access) {
        this.settings = settings;
        this.store = store;
        this.recipes = recipes;
        this.identity = identity;
        this.access = access;
    }

    /**
     * Opens the store directory (creating it if needed, recovering from a crash), registers the
     * stored recipes, loads the identity and indexes the grants.
     *
     * @throws io.syncms.store.entity.StoreUnavailableException {@code OS-LOCKED1} if another process has the store open
     */
    public static StoreInstance open(StoreSettings settings) {
        ObjectStore store = new ObjectStore(settings.directory(), RecipeRegistry.withCoreRecipes(),
                settings.options()).open();
        try {
            StoredRecipes recipes = new StoredRecipes(store);
            int restored = recipes.restore();
            InstanceIdentity identity = InstanceIdentity.load(store, settings.instanceName(), settings.ownerEmail());
            AccessService access = new AccessService(store);
            LOG.info(() -> "Object store of instance " + settings.instanceName() + " open at " + store.directory()
                    + " (fsync " + settings.fsync() + ", " + restored + " stored recipes, last seq " + store.lastSeq()
                    + ", recovery: " + store.lastRecovery() + ")");
            return new StoreInstance(settings, store, recipes, identity, access);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Stores an object; a {@code Recipe} object also registers its recipe ({@link StoredRecipes#register}). */
    public StoreResult storeObject(OneObject object) {
        return RecipeObjects.RECIPE_TYPE.equals(object.type()) ? recipes.register(object) : store.storeObject(object);
    }

    public StoreSettings settings() {
        return settings;
    }

    public ObjectStore store() {
        return store;
    }

    public RecipeRegistry registry() {
        return store.registry();
    }

    public StoredRecipes recipes() {
        return recipes;
    }

    public InstanceIdentity identity() {
        return identity;
    }

    public AccessService access() {
        return access;
    }

    @Override
    public void close() {
        access.close();
        store.close();
    }
}
