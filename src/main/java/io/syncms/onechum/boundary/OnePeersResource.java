package io.syncms.onechum.boundary;

import io.syncms.chum.entity.ChumNotFoundException;
import io.syncms.onechum.boundary.OneChumBodies.OnePeerInfo;
import io.syncms.onechum.boundary.OneChumBodies.OnePeerList;
import io.syncms.onechum.boundary.OneChumBodies.OnePeerRegistration;
import io.syncms.onechum.control.OnePeers;
import io.syncms.platform.entity.Problem;
import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import io.syncms.store.boundary.StoreRuntime;
import io.syncms.store.control.StoreInstance;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The ONE instances allowed to connect to {@code /one-chum/<credential>} and Chum over one.core's protocol:
 * {@code POST} registers one and answers its credential, once; {@code DELETE} ends its access.
 */
@Path("one-peers")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RequiresRole(Role.ADMIN)
@Tag(name = "Chum")
public class OnePeersResource {

    @Inject
    OneChums chums;

    @Inject
    StoreRuntime store;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerOnePeer", summary = "Allow a ONE instance to connect and Chum",
            description = "Answers the credential the peer's URL must carry; it is not kept and not shown again.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(ref = "OnePeer")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response register(OnePeerRegistration body, @Context UriInfo uri) {
        StoreInstance instance = store.instance();
        String localPerson = body.localPersonId() != null ? body.localPersonId() : instance.identity().ownerIdHash();
        if (!chums.isPerson(localPerson)) {
            throw new IllegalArgumentException("localPersonId " + localPerson + " is no person stored here");
        }
        OnePeers.Registered registered = chums.peers().register(body.remotePersonId(), localPerson,
                body.chumName() != null ? body.chumName() : "chum",
                body.localInstanceName() != null ? body.localInstanceName() : instance.identity().instanceName(),
                body.remoteInstanceName(), body.keepRunning() == null || body.keepRunning());
        return Response.created(uri.getAbsolutePathBuilder().path(registered.peer().id()).build())
                .entity(OnePeerInfo.of(registered.peer(), registered.credential())).build();
    }

    @GET
    @Operation(operationId = "listOnePeers", summary = "Every registered ONE peer (without credentials)")
    @APIResponse(responseCode = "200", description = "The peers", content = @Content(schema = @Schema(ref = "OnePeerList")))
    public OnePeerList list() {
        return new OnePeerList(chums.peers().list().stream().map(peer -> OnePeerInfo.of(peer, null)).toList());
    }

    @DELETE
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("{id}")
    @Operation(operationId = "removeOnePeer", summary = "End a ONE peer's access: its credential no longer connects, "
            + "and its connected Chum ends")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response remove(@PathParam("id") String id) {
        if (!chums.peers().remove(id)) {
            throw new ChumNotFoundException("No ONE peer " + id);
        }
        chums.disconnect(id);
        return Response.noContent().build();
    }
}
