package io.syncms.platform.control;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Reads a setting by its name under the one prefix {@code syncms.}, else by the name the first releases
 * gave it ({@code one.store.dir}, {@code chum.page-size}, {@code api.token}, …), which is still honoured
 * with a warning, once per name.
 */
public final class ConfigKeys {

    private static final Logger LOG = Logger.getLogger(ConfigKeys.class.getName());
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private ConfigKeys() {
    }

    public static <T> Optional<T> read(Config config, String key, String legacyKey, Class<T> type) {
        Optional<T> current = config.getOptionalValue(key, type);
        if (current.isPresent()) {
            return current;
        }
        Optional<T> legacy = config.getOptionalValue(legacyKey, type);
        if (legacy.isPresent() && WARNED.add(legacyKey)) {
            LOG.warning(() -> "The setting " + legacyKey + " is read as " + key + ", its name from now on");
        }
        return legacy;
    }
}
