package io.syncms.store.boundary;

import io.syncms.store.control.AccessService;
import io.syncms.store.control.InstanceIdentity;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.control.RecipeRegistry;
import io.syncms.store.control.StoreInstance;
import io.syncms.store.control.StoredRecipes;
import io.syncms.platform.control.ConfigKeys;
import io.syncms.store.entity.StoreSetting;
import io.syncms.store.entity.StoreSettings;
import io.syncms.store.entity.StoreUnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Opens this instance's object store when the application starts and closes it when it stops.
 * Java code gets the parts with {@code @Inject ObjectStore}, {@code AccessService},
 * {@code InstanceIdentity}, {@code RecipeRegistry} and {@code StoredRecipes} (register application
 * recipes there, so they are stored and outlive a restart).
 *
 * <p>Settings ({@link StoreSetting}; MicroProfile Config, environment variables such as
 * {@code SYNCMS_STORE_DIR} override; the first releases' {@code one.*} names are still read):
 * {@code syncms.instance.name} (default {@code syncms-<host name>}), {@code syncms.store.dir} (default
 * {@code ~/.syncms/stores/<instance name>}), {@code syncms.owner.email} (default
 * {@code owner@<instance name>.local}), {@code syncms.store.fsync} (default true),
 * {@code syncms.store.inline-max-bytes} (BLOBs and CLOBs up to this size live in the database, larger
 * ones in files of their own; default 262144) and {@code syncms.store.cache-bytes} (the database's
 * block cache; default 67108864).
 *
 * <p>If the store cannot be opened (another process holds it, a damaged database), the application
 * still starts: readiness reports the reason and every store call fails with 503.
 */
@ApplicationScoped
public class StoreRuntime {

    private static final Logger LOG = Logger.getLogger(StoreRuntime.class.getName());

    @Inject
    StoreMetrics metrics;

    private volatile StoreInstance instance;
    private volatile RuntimeException openFailure;
    private volatile boolean closed;

    void openAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            instance();
        } catch (StoreUnavailableException e) {
            // logged when the open failed; the application starts, not ready, so the reason can be seen
        }
    }

    /**
     * The open store instance, opened on first use.
     *
     * @throws StoreUnavailableException {@code OS-OPEN1} if it could not be opened (that is not retried:
     *         restart the application), {@code OS-CLOSED1} once the application stops
     */
    public StoreInstance instance() {
        StoreInstance open = instance;
        if (open != null) {
            return open;
        }
        synchronized (this) {
            if (closed) {
                throw StoreUnavailableException.closed();
            }
            if (instance == null && openFailure == null) {
                StoreSettings settings = settings();
                try {
                    instance = StoreInstance.open(settings);
                    watch(instance);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "The object store at " + settings.directory() + " cannot be opened", e);
                    openFailure = e;
                }
            }
            if (instance == null) {
                throw new StoreUnavailableException("OS-OPEN1", "The object store could not be opened: " + openFailure.getMessage(),
                        openFailure);
            }
            return instance;
        }
    }

    /** Metrics are figures, not a reason to refuse the store: a failure to register them is logged. */
    private void watch(StoreInstance opened) {
        try {
            metrics.watch(opened.store());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The object store's metrics could not be registered", e);
        }
    }

    /**
     * The store instance if it is open, without opening it: empty while the application starts. A
     * health probe asks this way, on a thread of Payara's that has no application context (opening the
     * store there would register its metrics without one).
     *
     * @throws StoreUnavailableException as {@link #instance()} once opening failed, or the application stops
     */
    public Optional<StoreInstance> openedInstance() {
        StoreInstance open = instance;
        if (open != null) {
            return Optional.of(open);
        }
        synchronized (this) {
            return closed || openFailure != null ? Optional.of(instance()) : Optional.ofNullable(instance);
        }
    }

    StoreSettings settings() {
        StoreSettings settings = StoreSettings.withDefaults(text(StoreSetting.INSTANCE_NAME), text(StoreSetting.STORE_DIR),
                text(StoreSetting.OWNER_EMAIL), Boolean.parseBoolean(value(StoreSetting.FSYNC)), hostName(),
                System.getProperty("user.home"));
        return settings.withOptions(settings.options().withInlineLimit(Integer.parseInt(value(StoreSetting.INLINE_MAX_BYTES)))
                .withCacheBytes(Long.parseLong(value(StoreSetting.CACHE_BYTES))));
    }

    /** Where the settings come from: MicroProfile Config (a unit test puts its own values here). */
    Function<StoreSetting, Optional<String>> source = setting ->
            ConfigKeys.read(ConfigProvider.getConfig(), setting.configKey(), setting.legacyKey(), String.class);

    private Optional<String> text(StoreSetting setting) {
        return source.apply(setting);
    }

    private String value(StoreSetting setting) {
        return text(setting).map(String::strip).orElse(setting.defaultValue());
    }

    /** Where this instance keeps its store (and other files of its own, such as a generated API token). */
    public java.nio.file.Path directory() {
        return settings().directory();
    }

    @Produces
    @Dependent
    ObjectStore objectStore() {
        return instance().store();
    }

    @Produces
    @Dependent
    AccessService accessService() {
        return instance().access();
    }

    @Produces
    @Dependent
    InstanceIdentity instanceIdentity() {
        return instance().identity();
    }

    @Produces
    @Dependent
    RecipeRegistry recipeRegistry() {
        return instance().registry();
    }

    @Produces
    @Dependent
    StoredRecipes storedRecipes() {
        return instance().recipes();
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        if (instance != null) {
            instance.close();
            LOG.info("Object store at " + instance.store().directory() + " closed");
            instance = null;
        }
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
