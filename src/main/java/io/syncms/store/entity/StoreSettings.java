package io.syncms.store.entity;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where this instance keeps its object store and who it is.
 *
 * @param instanceName the instance's name ({@code one.instance.name})
 * @param directory    the store directory ({@code one.store.dir})
 * @param ownerEmail   the email of the owner Person ({@code one.owner.email})
 * @param options      how the store writes: {@code one.store.fsync}, {@code one.store.inline-max-bytes},
 *                     {@code one.store.cache-bytes}
 */
public record StoreSettings(String instanceName, Path directory, String ownerEmail, StoreOptions options) {

    private static final Pattern UNSAFE_PATH_CHARS = Pattern.compile("[^A-Za-z0-9._-]");

    public StoreSettings {
        Objects.requireNonNull(instanceName, "instanceName");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(ownerEmail, "ownerEmail");
        Objects.requireNonNull(options, "options");
    }

    /** Settings with the default store options but for fsync. */
    public StoreSettings(String instanceName, Path directory, String ownerEmail, boolean fsync) {
        this(instanceName, directory, ownerEmail, StoreOptions.defaults().withFsync(fsync));
    }

    /** Whether writes are forced to the device before they are acknowledged. */
    public boolean fsync() {
        return options.fsync();
    }

    public StoreSettings withOptions(StoreOptions newOptions) {
        return new StoreSettings(instanceName, directory, ownerEmail, newOptions);
    }

    /**
     * The settings with the defaults filled in: the instance name {@code syncms-<host name>}, the
     * directory {@code <user home>/.syncms/stores/<instance name>} (the name made safe as a file
     * name, so instances with different names never share a store) and the owner
     * {@code owner@<instance name>.local}. A blank value counts as unset.
     *
     * @param userHome the home directory; when there is none (null, blank or "?", as in some
     *                 containers) the working directory takes its place
     */
    public static StoreSettings withDefaults(Optional<String> instanceName, Optional<String> directory,
            Optional<String> ownerEmail, boolean fsync, String hostName, String userHome) {
        String name = present(instanceName).orElseGet(() -> "syncms-" + hostName);
        Path dir = present(directory).map(Path::of).orElseGet(() -> home(userHome)
                .resolve(".syncms").resolve("stores").resolve(fileName(name)));
        String email = present(ownerEmail).orElseGet(() -> "owner@" + fileName(name).toLowerCase() + ".local");
        return new StoreSettings(name, dir.toAbsolutePath().normalize(), email, fsync);
    }

    /** The name with every character but letters, digits, '.', '_' and '-' replaced; never "." or "..". */
    static String fileName(String name) {
        String safe = UNSAFE_PATH_CHARS.matcher(name).replaceAll("_");
        return safe.chars().allMatch(c -> c == '.') ? "_" + safe : safe;
    }

    private static Optional<String> present(Optional<String> value) {
        return value.map(String::strip).filter(text -> !text.isEmpty());
    }

    private static Path home(String userHome) {
        if (userHome == null || userHome.isBlank() || userHome.equals("?")) {
            return Path.of("").toAbsolutePath();
        }
        return Path.of(userHome);
    }
}
