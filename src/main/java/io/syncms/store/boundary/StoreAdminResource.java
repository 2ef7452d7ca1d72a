package io.syncms.store.boundary;

import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import io.syncms.store.control.ObjectStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The store itself, for operators: its state ({@code GET /api/store}) and a check of everything in it
 * ({@code POST /api/store/check}, {@code ?repair=true} puts damaged items in quarantine).
 */
@Path("store")
@RequestScoped
@RequiresRole(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Store")
public class StoreAdminResource {

    @Inject
    StoreRuntime runtime;

    @GET
    @Operation(operationId = "getStore", summary = "The store's state: epoch, write-log position, whether it takes writes, what its last open found")
    @APIResponse(responseCode = "200", description = "The state", content = @Content(schema = @Schema(ref = "StoreState")))
    public StoreBodies.State state() {
        ObjectStore store = runtime.instance().store();
        return new StoreBodies.State(store.epoch(), store.lastSeq(), store.takesWrites(), store.quarantinedCount(),
                StoreBodies.Recovery.of(store.lastRecovery()));
    }

    /** Reads and verifies the whole store; takes as long as reading it does (seconds per GB). */
    @POST
    @Path("check")
    @Operation(operationId = "checkStore", summary = "Read and verify the whole store", description = "With repair=true, damaged items go to quarantine "
            + "and orphan files are deleted. Takes as long as reading the store does (seconds per GB).")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(schema = @Schema(ref = "StoreCheck")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public StoreBodies.Check check(@QueryParam("repair") @DefaultValue("false") @Pattern(regexp = "true|false") String repair) {
        return StoreBodies.Check.of(runtime.instance().store().check(Boolean.parseBoolean(repair)));
    }
}
