package io.syncms.testing.deployment;

import io.syncms.store.control.AccessService;
import io.syncms.store.control.InstanceIdentity;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.control.RecipeRegistry;
import io.syncms.store.control.StoredRecipes;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only endpoint: what Java code gets when it injects the store's parts. */
@Path("store-probe")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class StoreProbeResource {

    @Inject
    ObjectStore store;

    @Inject
    AccessService access;

    @Inject
    InstanceIdentity identity;

    @Inject
    RecipeRegistry registry;

    @Inject
    StoredRecipes recipes;

    @GET
    public JsonObject injected() {
        return Json.createObjectBuilder()
                .add("directory", store.directory().toString())
                .add("lastSeq", store.lastSeq())
                .add("registryIsTheStores", registry == store.registry())
                .add("types", Json.createArrayBuilder(registry.types()))
                .add("instance", identity.instanceName())
                .add("ownerRoots", access.accessibleRoots(identity.ownerIdHash()).objects().size())
                .add("recipes", recipes != null)
                .build();
    }
}
