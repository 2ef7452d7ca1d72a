package io.syncms.store.boundary;

import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 text content, streamed like BLOBs. The bytes are stored as sent (they must be well-formed
 * UTF-8, else 400 {@code OS-UTF1}); a charset other than UTF-8 is refused with 415.
 */
@Path("clobs")
@RequestScoped
@RequiresRole(Role.APP)
public class ClobsResource {

    static final String UTF8_TEXT = "text/plain;charset=UTF-8";

    @Inject
    StoreRuntime runtime;

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Response store(InputStream body, @Context HttpHeaders headers, @Context UriInfo uri) {
        String charset = headers.getMediaType().getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
            throw new NotSupportedException("CLOBs are UTF-8 text, not " + charset);
        }
        StoreResult result = runtime.instance().store().storeClob(body);
        return StoreJson.stored(result, uri.getAbsolutePathBuilder().path(result.hash()).build());
    }

    @GET
    @Path("{hash}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response read(@PathParam("hash") String hash) {
        ObjectStore store = runtime.instance().store();
        return ContentStreams.download(store, ReferenceKind.CLOB, hash, UTF8_TEXT);
    }
}
