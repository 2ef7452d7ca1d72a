package io.syncms.store.boundary;

import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import io.syncms.platform.boundary.JsonBodies;
import io.syncms.store.control.OneJson;
import io.syncms.store.control.StoreInstance;
import io.syncms.store.entity.StoreResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Registers application recipes: the body is a ONE {@code Recipe} object, which is stored. */
@Path("recipes")
@RequestScoped
@RequiresRole(Role.ADMIN)
public class RecipesResource {

    @Inject
    StoreRuntime runtime;

    private final OneJson oneJson = new OneJson();

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response register(String body, @Context UriInfo uri) {
        StoreInstance instance = runtime.instance();
        StoreResult result = instance.recipes().register(oneJson.fromJson(JsonBodies.object(body), instance.registry()));
        return StoreJson.stored(result, uri.getBaseUriBuilder().path("objects").path(result.hash()).build());
    }
}
