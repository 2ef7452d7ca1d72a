package io.syncms.store.boundary;

import io.syncms.platform.boundary.JsonBodies;
import io.syncms.platform.boundary.Problems;
import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.MissingRoleException;
import io.syncms.security.entity.Role;
import io.syncms.store.control.RecipeObjects;
import io.syncms.store.control.HashPreview;
import io.syncms.store.control.OneJson;
import io.syncms.store.control.RecipeRegistry;
import io.syncms.store.control.StoreInstance;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.StoreOutcome;
import io.syncms.store.entity.StoreResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import io.syncms.platform.boundary.ApiLimits;
import io.syncms.platform.entity.ApiSetting;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.util.List;

/** ONE objects as JSON, and as their exact microdata for {@code Accept: text/html}. */
@Path("objects")
@RequestScoped
@RequiresRole(Role.APP)
public class ObjectsResource {

    static final String MICRODATA = "text/html;charset=UTF-8";
    static final String NDJSON = "application/x-ndjson";

    @Inject
    StoreRuntime runtime;

    @Inject
    Problems problems;

    @Inject
    ApiLimits limits;

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
        requireAdminForRecipe(object, caller);
        StoreResult result = instance.storeObject(object);
        return StoreJson.stored(result, uri.getBaseUriBuilder().path("objects").path(result.hash()).build());
    }

    /**
     * Many objects as JSON lines, stored bottom-up in commits of up to 10,000 lines; the answer has a
     * line per object ({@link ObjectBatch}).
     */
    @POST
    @Consumes(NDJSON)
    @Produces(NDJSON)
    public Response storeBatch(InputStream body, @Context SecurityContext caller) {
        StoreInstance instance = runtime.instance();
        ObjectBatch.Target target = new ObjectBatch.Target() {
            @Override
            public List<StoreOutcome> storeAll(List<OneObject> objects) {
                return instance.store().storeObjects(objects);
            }

            @Override
            public StoreResult storeOne(OneObject object) {
                requireAdminForRecipe(object, caller);
                return instance.storeObject(object);
            }

            @Override
            public RecipeRegistry registry() {
                return instance.registry();
            }
        };
        ObjectBatch batch = new ObjectBatch(target, new ObjectBatch.Limits((int) limits.get(ApiSetting.MAX_JSON_BYTES),
                limits.get(ApiSetting.MAX_BATCH_BYTES), (int) limits.get(ApiSetting.MAX_BATCH_LINES)), problems::of);
        StreamingOutput answer = out -> batch.run(body, out);
        return Response.ok(answer, NDJSON).build();
    }

    /**
     * The hash, ID hash and exact microdata the object would be stored under, without storing it; what it
     * references need not be stored.
     */
    @POST
    @Path("hash")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject hash(String body) {
        StoreInstance instance = runtime.instance();
        HashPreview.Preview preview = new HashPreview(instance.registry()).of(oneJson.fromJson(JsonBodies.object(body), instance.registry()));
        JsonObjectBuilder json = Json.createObjectBuilder().add("hash", preview.hash()).add("microdata", preview.microdata());
        if (preview.idHash() != null) {
            json.add("idHash", preview.idHash()).add("idMicrodata", preview.idMicrodata());
        }
        return json.build();
    }

    private static void requireAdminForRecipe(OneObject object, SecurityContext caller) {
        if (RecipeObjects.RECIPE_TYPE.equals(object.type()) && !caller.isUserInRole(Role.ADMIN.claimName())) {
            throw new MissingRoleException("Storing a Recipe object registers a recipe: that needs the role [admin]");
        }
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
