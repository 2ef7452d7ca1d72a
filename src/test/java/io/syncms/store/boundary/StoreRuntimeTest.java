package io.syncms.store.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.syncms.store.control.StoreInstance;
import io.syncms.store.entity.StoreSetting;
import io.syncms.store.entity.StoreSettings;
import io.syncms.store.entity.StoreUnavailableException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreRuntimeTest {

    @TempDir
    Path directory;

    private StoreRuntime runtime() {
        StoreRuntime runtime = new StoreRuntime();
        Map<StoreSetting, String> values = Map.of(StoreSetting.INSTANCE_NAME, "test", StoreSetting.STORE_DIR, directory.toString(),
                StoreSetting.FSYNC, "false", StoreSetting.CACHE_BYTES, Long.toString(8L << 20));
        runtime.source = setting -> Optional.ofNullable(values.get(setting));
        return runtime;
    }

    @Test
    void opensAtStartupAndClosesAtShutdown() {
        StoreRuntime runtime = runtime();
        runtime.openAtStartup(new Object());
        StoreInstance instance = runtime.instance();
        assertSame(instance.store(), runtime.objectStore());
        assertEquals("owner@test.local", runtime.instanceIdentity().ownerEmail());

        runtime.close();
        assertEquals("OS-CLOSED1", assertThrows(StoreUnavailableException.class, runtime::instance).code());
        // released: the directory can be opened again
        StoreInstance.open(new StoreSettings("test", directory, "owner@test.local", false)).close();
    }

    @Test
    void aStoreThatCannotBeOpenedDoesNotStopTheStartButEveryCallIsUnavailable() {
        try (StoreInstance elsewhere = StoreInstance.open(new StoreSettings("other", directory, "o@example.com", false))) {
            StoreRuntime runtime = runtime();
            runtime.openAtStartup(new Object());
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, runtime::instance);
            assertEquals("OS-OPEN1", e.code());
            }
    }
}
