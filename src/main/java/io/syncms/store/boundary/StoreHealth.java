package io.syncms.store.boundary;

import io.syncms.store.control.ObjectStore;
import io.syncms.store.control.StoreInstance;
import io.syncms.store.entity.StoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the object store is open and takes writes. Health is open to anyone, so it names no
 * directory and repeats no exception text: a DOWN check gives the store's error code, the log the rest.
 */
@ApplicationScoped
public class StoreHealth {

    private static final java.util.Map<String, String> REASONS = java.util.Map.of(
            "OS-STARTING1", "the store opens when the application has started",
            "OS-OPEN1", "the store could not be opened; the server log says why",
            "OS-LOCKED1", "another process has the store open",
            "OS-CLOSED1", "the store is closed (the application is stopping)",
            "OS-FAILED1", "the store stopped taking writes after an I/O failure; a restart repairs it");

    @Inject
    StoreRuntime runtime;

    @Produces
    @Readiness
    HealthCheck store() {
        return () -> {
            try {
                Optional<StoreInstance> opened = runtime.openedInstance();
                if (opened.isEmpty()) {
                    return HealthCheckResponse.named("store").down().withData("code", "OS-STARTING1")
                            .withData("reason", REASONS.get("OS-STARTING1")).build();
                }
                StoreInstance instance = opened.get();
                ObjectStore store = instance.store();
                if (!store.takesWrites()) {
                    return HealthCheckResponse.named("store").down().withData("code", "OS-FAILED1")
                            .withData("reason", REASONS.get("OS-FAILED1")).build();
                }
                return HealthCheckResponse.named("store").up()
                        .withData("instance", instance.settings().instanceName())
                        .withData("lastSeq", store.lastSeq())
                        .build();
            } catch (StoreException e) {
                return HealthCheckResponse.named("store").down().withData("code", e.code())
                        .withData("reason", REASONS.getOrDefault(e.code(), "the store does not take calls; the server log says why"))
                        .build();
            }
        };
    }
}
