package io.syncms.store.boundary;

import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.control.OneJson;
import io.syncms.store.entity.ObjectNotFoundException;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.Version;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Versioned objects by ID hash: the current version and the history. */
@Path("ids/{idHash}")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RequiresRole(Role.APP)
public class IdsResource {

    @Inject
    StoreRuntime runtime;

    private final OneJson oneJson = new OneJson();

    /** {@code {"hash","object"}} of the head; 404 if the ID has no version here. */
    @GET
    public JsonObject current(@PathParam("idHash") String idHash) {
        ObjectStore store = runtime.instance().store();
        Version head = store.head(idHash).orElseThrow(() -> new ObjectNotFoundException(ReferenceKind.ID, idHash));
        return StoreJson.current(head.hash(), oneJson.toJson(store.readObject(head.hash())));
    }

    /** {@code {"versions":[{"hash","nodeHash","seq","timestamp"}]}}, oldest first; the last is the head. */
    @GET
    @Path("versions")
    public JsonObject versions(@PathParam("idHash") String idHash) {
        ObjectStore store = runtime.instance().store();
        if (store.typeOfId(idHash).isEmpty()) {
            throw new ObjectNotFoundException(ReferenceKind.ID, idHash);
        }
        return StoreJson.versions(store.versions(idHash));
    }
}
