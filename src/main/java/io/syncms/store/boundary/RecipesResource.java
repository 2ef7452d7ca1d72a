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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Registers application recipes: the body is a ONE {@code Recipe} object, which is stored. */
@Path("recipes")
@RequestScoped
@RequiresRole(Role.ADMIN)
@Tag(name = "Store")
public class RecipesResource {

    @Inject
    StoreRuntime runtime;

    private final OneJson oneJson = new OneJson();

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerRecipe", summary = "Register a recipe (a ONE Recipe object), and store it", description = "Its regexp rules must run on RE2J.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "OneObject")))
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(schema = @Schema(ref = "Stored")))
    @APIResponse(responseCode = "200", description = "Stored already", content = @Content(schema = @Schema(ref = "Stored")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response register(String body, @Context UriInfo uri) {
        StoreInstance instance = runtime.instance();
        StoreResult result = instance.recipes().register(oneJson.fromJson(JsonBodies.object(body), instance.registry()));
        return StoreBodies.Stored.response(result, uri.getBaseUriBuilder().path("objects").path(result.hash()).build());
    }
}
