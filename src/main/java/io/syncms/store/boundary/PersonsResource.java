package io.syncms.store.boundary;

import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What a person may access. A person that nothing is granted to gets empty lists, not 404: grants
 * name persons by ID hash, and their Person objects may live on another instance.
 */
@Path("persons/{idHash}")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RequiresRole(Role.APP)
@Tag(name = "Store")
public class PersonsResource {

    @Inject
    StoreRuntime runtime;

    /** {@code {"person","objects":[…],"idHashes":[…]}}: roots granted by Access and by IdAccess, directly or through groups. */
    @GET
    @Path("accessible")
    @Operation(operationId = "getAccessible", summary = "What a person may access")
    @APIResponse(responseCode = "200", description = "The person's roots", content = @Content(schema = @Schema(ref = "AccessibleRoots")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public StoreBodies.Accessible accessible(@PathParam("idHash") String idHash) {
        return StoreBodies.Accessible.of(idHash, runtime.instance().access().accessibleRoots(idHash));
    }
}
