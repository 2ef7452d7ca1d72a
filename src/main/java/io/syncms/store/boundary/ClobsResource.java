package io.syncms.store.boundary;

import io.syncms.platform.boundary.UploadLimit;
import io.syncms.platform.control.MediaTypes;
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
import jakarta.ws.rs.NotSupportedException;
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

/**
 * UTF-8 text content, streamed like BLOBs. The bytes are stored as sent (they must be well-formed
 * UTF-8, else 400 {@code OS-UTF1}); a charset other than UTF-8 is refused with 415.
 */
@Path("clobs")
@RequestScoped
@RequiresRole(Role.APP)
@Tag(name = "Store")
public class ClobsResource {

    static final String UTF8_TEXT = "text/plain;charset=UTF-8";

    @Inject
    StoreRuntime runtime;

    @Inject
    ApiLimits limits;

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "storeClob", summary = "Store a CLOB: UTF-8 text (streamed)")
    @RequestBody(content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(ref = "Text")))
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(schema = @Schema(ref = "Stored")))
    @APIResponse(responseCode = "200", description = "Stored already", content = @Content(schema = @Schema(ref = "Stored")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    public Response store(InputStream body, @Context HttpHeaders headers, @Context UriInfo uri) {
        MediaTypes.charset(headers.getMediaType()).filter(charset -> !MediaTypes.isUtf8(charset)).ifPresent(charset -> {
            throw new NotSupportedException("CLOBs are UTF-8 text, not " + charset);
        });
        StoreResult result = runtime.instance().store().storeClob(UploadLimit.of(body, headers.getLength(), limits.get(ApiSetting.MAX_CONTENT_BYTES)));
        return StoreBodies.Stored.response(result, uri.getAbsolutePathBuilder().path(result.hash()).build());
    }

    @GET
    @Path("{hash}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "readClob", summary = "Read a CLOB (streamed)")
    @APIResponse(responseCode = "200", description = "The CLOB", content = @Content(mediaType = MediaType.TEXT_PLAIN,
            schema = @Schema(ref = "Text")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response read(@PathParam("hash") String hash) {
        ObjectStore store = runtime.instance().store();
        return ContentStreams.download(store, ReferenceKind.CLOB, hash, UTF8_TEXT);
    }
}
