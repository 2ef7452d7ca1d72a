package io.syncms.store.boundary;

import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who this instance is: {@code {"name","owner":{"email","idHash"},"publicKey"}} (raw Ed25519 key, Base64). */
@Path("instance")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RequiresRole({Role.ADMIN, Role.APP})
@Tag(name = "Store")
public class InstanceResource {

    @Inject
    StoreRuntime runtime;

    @GET
    @Operation(operationId = "getInstance", summary = "Who this instance is: what a peer pairs with")
    @APIResponse(responseCode = "200", description = "This instance", content = @Content(schema = @Schema(ref = "Instance")))
    public StoreBodies.Instance instance() {
        return StoreBodies.Instance.of(runtime.instance().identity());
    }
}
