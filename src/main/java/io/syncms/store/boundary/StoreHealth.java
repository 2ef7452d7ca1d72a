package io.syncms.store.boundary;

import io.syncms.store.control.ObjectStore;
import io.syncms.store.control.StoreInstance;
import io.syncms.store.entity.StoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the object store is open and takes calls. */
@ApplicationScoped
public class StoreHealth {

    @Inject
    StoreRuntime runtime;

    @Produces
    @Readiness
    HealthCheck store() {
        return () -> {
            try {
                StoreInstance instance = runtime.instance();
                ObjectStore store = instance.store();
                return HealthCheckResponse.named("store").up()
                        .withData("instance", instance.settings().instanceName())
                        .withData("directory", store.directory().toString())
                        .withData("lastSeq", store.lastSeq())
                        .build();
            } catch (StoreException e) {
                return HealthCheckResponse.named("store").down().withData("reason", e.getMessage()).build();
            }
        };
    }
}
