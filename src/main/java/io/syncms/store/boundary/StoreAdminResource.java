package io.syncms.store.boundary;

import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import io.syncms.store.control.ObjectStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The store itself, for operators: its state ({@code GET /api/store}) and a check of everything in it
 * ({@code POST /api/store/check}, {@code ?repair=true} puts damaged items in quarantine).
 */
@Path("store")
@RequestScoped
@RequiresRole(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class StoreAdminResource {

    @Inject
    StoreRuntime runtime;

    @GET
    public JsonObject state() {
        ObjectStore store = runtime.instance().store();
        return Json.createObjectBuilder()
                .add("epoch", store.epoch())
                .add("lastSeq", store.lastSeq())
                .add("takesWrites", store.takesWrites())
                .add("quarantinedCount", store.quarantinedCount())
                .add("lastOpen", StoreReports.recovery(store.lastRecovery()))
                .build();
    }

    /** Reads and verifies the whole store; takes as long as reading it does (seconds per GB). */
    @POST
    @Path("check")
    public JsonObject check(@QueryParam("repair") @DefaultValue("false") boolean repair) {
        return StoreReports.check(runtime.instance().store().check(repair));
    }
}
