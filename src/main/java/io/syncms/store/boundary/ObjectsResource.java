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
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import io.syncms.platform.control.MediaTypes;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Variant;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** ONE objects as JSON, and as their exact microdata for {@code Accept: text/html}. */
@Path("objects")
@RequestScoped
@RequiresRole(Role.APP)
@Tag(name = "Store")
public class ObjectsResource {

    static final String MICRODATA = "text/html;charset=UTF-8";
    static final String NDJSON = "application/x-ndjson";
    /** JSON first: it is what a client gets that accepts both equally (or anything). */
    private static final List<Variant> VARIANTS = Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE, MediaType.TEXT_HTML_TYPE).build();

    @Inject
    StoreRuntime runtime;

    @Inject
    Problems problems;

    @Inject
    ApiLimits limits;

    private final OneJson oneJson = new OneJson();

    /**
     * One object as JSON, or many as JSON lines ({@code application/x-ndjson}): stored bottom-up in commits
     * of up to 10,000 lines, the answer has a line per object ({@link ObjectBatch}). A {@code Recipe}
     * object also registers its recipe, as {@code POST /api/recipes} does, so it needs the admin role too.
     * One method for both, so that the contract shows one operation with both bodies.
     */
    @POST
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @Produces({MediaType.APPLICATION_JSON, NDJSON})
    @Operation(operationId = "storeObject", summary = "Store a ONE object (JSON), or many (JSON lines)",
            description = "A ONE object's members are its recipe's; what it references must be stored first (in a batch: "
            + "earlier). A Recipe object also registers its recipe (admin role). A batch is stored bottom-up in commits of up to "
            + "10,000 lines; its answer has one line per object: {\"hash\",\"idHash\",\"status\"} or {\"line\",\"problem\"}.")
    @RequestBody(content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "OneObject")),
            @Content(mediaType = NDJSON, schema = @Schema(ref = "OneObject"))})
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "Stored")))
    @APIResponse(responseCode = "200", description = "Stored already; for a batch, one result line per object", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Stored")),
            @Content(mediaType = NDJSON, schema = @Schema(ref = "BatchLine"))})
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response store(InputStream body, @Context HttpHeaders headers, @Context Request request, @Context UriInfo uri,
                          @Context SecurityContext caller) throws IOException {
        boolean batch = MediaTypes.isJsonLines(headers.getMediaType());
        // the answer has the body's form: a client that cannot take it is told so before anything is stored
        MediaType answer = batch ? MediaType.valueOf(NDJSON) : MediaType.APPLICATION_JSON_TYPE;
        if (request.selectVariant(Variant.mediaTypes(answer).build()) == null) {
            throw new NotAcceptableException("A " + (batch ? "batch" : "single object") + " is answered as " + answer
                    + ", which the request does not accept");
        }
        if (batch) {
            return storeBatch(body, caller);
        }
        // RequestBodyGuard has bounded the JSON body and checked its UTF-8
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        StoreInstance instance = runtime.instance();
        OneObject object = oneJson.fromJson(JsonBodies.object(text), instance.registry());
        requireAdminForRecipe(object, caller);
        StoreResult result = instance.storeObject(object);
        return StoreBodies.Stored.response(result, uri.getBaseUriBuilder().path("objects").path(result.hash()).build());
    }

    private Response storeBatch(InputStream body, SecurityContext caller) {
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
    @Operation(operationId = "hashObject", summary = "The hash, ID hash and microdata of a ONE object, without storing it")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "OneObject")))
    @APIResponse(responseCode = "200", description = "The preview", content = @Content(schema = @Schema(ref = "HashPreview")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public StoreBodies.Preview hash(String body) {
        StoreInstance instance = runtime.instance();
        return StoreBodies.Preview.of(new HashPreview(instance.registry()).of(oneJson.fromJson(JsonBodies.object(body), instance.registry())));
    }

    private static void requireAdminForRecipe(OneObject object, SecurityContext caller) {
        if (RecipeObjects.RECIPE_TYPE.equals(object.type()) && !caller.isUserInRole(Role.ADMIN.claimName())) {
            throw new MissingRoleException("Storing a Recipe object registers a recipe: that needs the role [admin]");
        }
    }

    /**
     * The object as JSON, or as its exact microdata for {@code Accept: text/html}; a client that accepts
     * anything gets JSON. One method for both, so that the contract shows one operation with both answers.
     */
    @GET
    @Path("{hash}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(operationId = "readObject", summary = "Read a ONE object: JSON, or its exact microdata for Accept: text/html")
    @APIResponse(responseCode = "200", description = "The object", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "OneObject")),
            @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(ref = "Text"))})
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response read(@PathParam("hash") String hash, @Context Request request) {
        Variant variant = request.selectVariant(VARIANTS);
        if (variant != null && MediaType.TEXT_HTML_TYPE.isCompatible(variant.getMediaType())) {
            return Response.ok(runtime.instance().store().readMicrodata(hash), MICRODATA).build();
        }
        return Response.ok(oneJson.toJson(runtime.instance().store().readObject(hash)), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
