package io.syncms.testing.deployment;

import io.syncms.syncms.boundary.SyncMs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only endpoints added to the deployment: what CDI observers saw, and the injected SyncMs. */
@Path("test-probe")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class TestProbeResource {

    @Inject
    ObservedDeliveries observed;

    /** Resolved when asked for: an instance without syncms.group and the rest has none. */
    @Inject
    jakarta.enterprise.inject.Instance<SyncMs> configuredParticipant;

    @GET
    @Path("observed/{group}")
    public JsonObject observed(@PathParam("group") String group) {
        return Json.createObjectBuilder()
                .add("observes", observed.observed(group))
                .add("observesAsync", observed.observedAsync(group))
                .build();
    }

    /** The heap in use after a full collection: to compare before and after a load. */
    @GET
    @Path("heap")
    public JsonObject heap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return Json.createObjectBuilder().add("usedBytes", runtime.totalMemory() - runtime.freeMemory())
                .add("maxBytes", runtime.maxMemory()).build();
    }

    @GET
    @Path("configured")
    public JsonObject configured() {
        SyncMs configured = configuredParticipant.get();
        return Json.createObjectBuilder().add("group", configured.group()).add("role", configured.role().label())
                .add("id", configured.id()).add("state", configured.state().name()).build();
    }
}
