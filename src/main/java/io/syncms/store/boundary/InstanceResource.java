package io.syncms.store.boundary;

import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Who this instance is: {@code {"name","owner":{"email","idHash"},"publicKey"}} (raw Ed25519 key, Base64). */
@Path("instance")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RequiresRole({Role.ADMIN, Role.APP})
public class InstanceResource {

    @Inject
    StoreRuntime runtime;

    @GET
    public JsonObject instance() {
        return StoreJson.instance(runtime.instance().identity());
    }
}
