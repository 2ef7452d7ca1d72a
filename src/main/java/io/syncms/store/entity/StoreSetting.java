package io.syncms.store.entity;

/**
 * The store's settings, each default written once: key {@code syncms.<key>} (environment
 * {@code SYNCMS_<KEY>}, e.g. {@code SYNCMS_STORE_DIR}); the first releases' {@code one.<key>} is still
 * read. Settings without a default are derived (see {@link StoreSettings#withDefaults}).
 */
public enum StoreSetting {
    INSTANCE_NAME("instance.name", null),
    OWNER_EMAIL("owner.email", null),
    STORE_DIR("store.dir", null),
    FSYNC("store.fsync", "true"),
    INLINE_MAX_BYTES("store.inline-max-bytes", "262144"),
    CACHE_BYTES("store.cache-bytes", "67108864");

    private final String key;
    private final String defaultValue;

    StoreSetting(String key, String defaultValue) {
        this.key = key;
        this.defaultValue = defaultValue;
    }

    public String configKey() {
        return "syncms." + key;
    }

    public String legacyKey() {
        return "one." + key;
    }

    /** The default, null for a derived setting. */
    public String defaultValue() {
        return defaultValue;
    }
}
