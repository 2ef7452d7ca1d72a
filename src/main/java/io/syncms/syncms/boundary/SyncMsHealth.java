package io.syncms.syncms.boundary;

import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the Hazelcast member that carries the groups is running. */
@ApplicationScoped
public class SyncMsHealth {

    @Inject
    HazelcastInstance hazelcast;

    @Inject
    SyncMsRegistry registry;

    @Produces
    @Readiness
    HealthCheck datastore() {
        return () -> {
            boolean running = hazelcast.getLifecycleService().isRunning();
            return HealthCheckResponse.named("syncms")
                    .status(running)
                    .withData("clusterMembers", running ? hazelcast.getCluster().getMembers().size() : 0)
                    .withData("groups", registry.all().size())
                    .build();
        };
    }
}
