package io.syncms.store.boundary;

import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * What a person may access. A person that nothing is granted to gets empty lists, not 404: grants
 * name persons by ID hash, and their Person objects may live on another instance.
 */
@Path("persons/{idHash}")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RequiresRole(Role.APP)
public class PersonsResource {

    @Inject
    StoreRuntime runtime;

    /** {@code {"person","objects":[…],"idHashes":[…]}}: roots granted by Access and by IdAccess, directly or through groups. */
    @GET
    @Path("accessible")
    public JsonObject accessible(@PathParam("idHash") String idHash) {
        return StoreJson.accessible(idHash, runtime.instance().access().accessibleRoots(idHash));
    }
}
