package io.syncms.store.boundary;

import io.syncms.platform.boundary.JsonBodies;
import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.MissingRoleException;
import io.syncms.security.entity.Role;
import io.syncms.store.control.RecipeObjects;
import io.syncms.store.control.OneJson;
import io.syncms.store.control.StoreInstance;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.StoreResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/** ONE objects as JSON, and as their exact microdata for {@code Accept: text/html}. */
@Path("objects")
@RequestScoped
@RequiresRole(Role.APP)
public class ObjectsResource {

    static final String MICRODATA = "text/html;charset=UTF-8";

    @Inject
    StoreRuntime runtime;

    private final OneJson oneJson = new OneJson();

    /**
     * A {@code Recipe} object also registers its recipe, as {@code POST /api/recipes} does, so it needs
     * the admin role too.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response store(String body, @Context UriInfo uri, @Context SecurityContext caller) {
        StoreInstance instance = runtime.instance();
        OneObject object = oneJson.fromJson(JsonBodies.object(body), instance.registry());
        if (RecipeObjects.RECIPE_TYPE.equals(object.type()) && !caller.isUserInRole(Role.ADMIN.claimName())) {
            throw new MissingRoleException("Storing a Recipe object registers a recipe: that needs the role [admin]");
        }
        StoreResult result = instance.storeObject(object);
        return StoreJson.stored(result, uri.getBaseUriBuilder().path("objects").path(result.hash()).build());
    }

    @GET
    @Path("{hash}")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject read(@PathParam("hash") String hash) {
        return oneJson.toJson(runtime.instance().store().readObject(hash));
    }

    // a lower server quality than JSON: clients that accept anything get JSON
    @GET
    @Path("{hash}")
    @Produces("text/html;qs=0.5")
    public Response readMicrodata(@PathParam("hash") String hash) {
        return Response.ok(runtime.instance().store().readMicrodata(hash), MICRODATA).build();
    }
}
