package io.syncms.store.boundary;

import io.syncms.platform.boundary.UploadLimit;
import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import io.syncms.platform.boundary.ApiLimits;
import io.syncms.platform.entity.ApiSetting;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Binary content, streamed to disk on upload and from disk on download. */
@Path("blobs")
@RequestScoped
@RequiresRole(Role.APP)
@Tag(name = "Store", description = "ONE's content-addressed object store: objects, versions, BLOBs, CLOBs, recipes, access.")
public class BlobsResource {

    @Inject
    StoreRuntime runtime;

    @Inject
    ApiLimits limits;

    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "storeBlob", summary = "Store a BLOB (streamed)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(ref = "Binary")))
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(schema = @Schema(ref = "Stored")))
    @APIResponse(responseCode = "200", description = "Stored already", content = @Content(schema = @Schema(ref = "Stored")))
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    public Response store(InputStream body, @Context HttpHeaders headers, @Context UriInfo uri) {
        StoreResult result = runtime.instance().store().storeBlob(UploadLimit.of(body, headers.getLength(), limits.get(ApiSetting.MAX_CONTENT_BYTES)));
        return StoreBodies.Stored.response(result, uri.getAbsolutePathBuilder().path(result.hash()).build());
    }

    @GET
    @Path("{hash}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(operationId = "readBlob", summary = "Read a BLOB (streamed)")
    @APIResponse(responseCode = "200", description = "The BLOB", content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(ref = "Binary")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response read(@PathParam("hash") String hash) {
        ObjectStore store = runtime.instance().store();
        return ContentStreams.download(store, ReferenceKind.BLOB, hash, MediaType.APPLICATION_OCTET_STREAM);
    }
}
