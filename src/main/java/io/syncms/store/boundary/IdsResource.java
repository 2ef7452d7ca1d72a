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

/** Versioned objects by ID hash: the current version and the history. */
@Path("ids/{idHash}")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RequiresRole(Role.APP)
@Tag(name = "Store")
public class IdsResource {

    @Inject
    StoreRuntime runtime;

    private final OneJson oneJson = new OneJson();

    /** {@code {"hash","object"}} of the head; 404 if the ID has no version here. */
    @GET
    @Operation(operationId = "getCurrentVersion", summary = "The current version of a versioned object")
    @APIResponse(responseCode = "200", description = "The head", content = @Content(schema = @Schema(ref = "CurrentVersion")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public StoreBodies.Current current(@PathParam("idHash") String idHash) {
        ObjectStore store = runtime.instance().store();
        Version head = store.head(idHash).orElseThrow(() -> new ObjectNotFoundException(ReferenceKind.ID, idHash));
        return new StoreBodies.Current(head.hash(), oneJson.toJson(store.readObject(head.hash())));
    }

    /** {@code {"versions":[{"hash","nodeHash","seq","creationTimeMs"}]}}, oldest first; the last is the head. */
    @GET
    @Path("versions")
    @Operation(operationId = "listVersions", summary = "The versions of a versioned object, oldest first")
    @APIResponse(responseCode = "200", description = "The versions", content = @Content(schema = @Schema(ref = "VersionList")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public StoreBodies.VersionList versions(@PathParam("idHash") String idHash) {
        ObjectStore store = runtime.instance().store();
        if (store.typeOfId(idHash).isEmpty()) {
            throw new ObjectNotFoundException(ReferenceKind.ID, idHash);
        }
        return new StoreBodies.VersionList(store.versions(idHash).stream().map(StoreBodies.VersionBody::of).toList());
    }
}
