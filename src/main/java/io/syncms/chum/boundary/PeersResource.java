package io.syncms.chum.boundary;

import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import io.syncms.chum.entity.ChumNotFoundException;
import io.syncms.chum.entity.TrustedPeer;
import io.syncms.chum.boundary.ChumBodies.Peer;
import io.syncms.chum.boundary.ChumBodies.PeerList;
import io.syncms.platform.entity.Problem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
 * Pairing: the owners of other instances this instance Chums with. {@code POST}
 * {@code {"personId","publicKey","url"}} (the values {@code GET /api/instance} of the other
 * instance shows, and its base URL) registers one: 201, 200 if it is paired exactly so already, 409
 * if it is paired with another key or URL. Replacing a pairing is its own call, {@code PUT
 * /api/peers/{personId}} (201 or 200), which ends that person's running Chums; so does {@code DELETE}.
 */
@Path("peers")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RequiresRole(Role.ADMIN)
@Tag(name = "Chum")
public class PeersResource {

    @Inject
    Chums chums;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "pairPeer", summary = "Pair with the owner of another instance")
    @APIResponse(responseCode = "201", description = "Paired", content = @Content(schema = @Schema(ref = "Peer")))
    @APIResponse(responseCode = "200", description = "Paired exactly so already", content = @Content(schema = @Schema(ref = "Peer")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response pair(Peer body, @Context UriInfo uri) {
        TrustedPeer peer = body.toPeer(null);
        boolean added = chums.pair(peer);
        Response.ResponseBuilder response = added
                ? Response.created(uri.getAbsolutePathBuilder().path(peer.personId()).build()) : Response.ok();
        return response.entity(Peer.of(peer)).build();
    }

    /** Pairs, or replaces the pairing of the person (ending its running Chums if the key or URL changed). */
    @PUT
    @Path("{personId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replacePeer", summary = "Pair, or replace the pairing of the person", description = "A changed key or URL ends the person's running Chums.")
    @APIResponse(responseCode = "201", description = "Paired", content = @Content(schema = @Schema(ref = "Peer")))
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(schema = @Schema(ref = "Peer")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response replace(@PathParam("personId") String personId, Peer body, @Context UriInfo uri) {
        TrustedPeer peer = body.toPeer(personId);
        boolean replaced = chums.replacePairing(peer).isPresent();
        Response.ResponseBuilder response = replaced ? Response.ok() : Response.created(uri.getAbsolutePath());
        return response.entity(Peer.of(peer)).build();
    }

    @GET
    @Operation(operationId = "listPeers", summary = "Every trusted peer")
    @APIResponse(responseCode = "200", description = "The peers", content = @Content(schema = @Schema(ref = "PeerList")))
    public PeerList list() {
        return new PeerList(chums.peers().stream().map(Peer::of).toList());
    }

    @GET
    @Path("{personId}")
    @Operation(operationId = "getPeer", summary = "A trusted peer")
    @APIResponse(responseCode = "200", description = "The peer", content = @Content(schema = @Schema(ref = "Peer")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Peer peer(@PathParam("personId") String personId) {
        return Peer.of(chums.peer(personId).orElseThrow(() ->
                new ChumNotFoundException("Person " + personId + " is not a trusted peer")));
    }

    @DELETE
    // no body when it succeeds: a client that accepts only problems (as generated clients do here) is answered too
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("{personId}")
    @Operation(operationId = "unpairPeer", summary = "Unpair: ends the person's Chums and Chum tokens at once")
    @APIResponse(responseCode = "204", description = "Unpaired")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response unpair(@PathParam("personId") String personId) {
        chums.unpair(personId);
        return Response.noContent().build();
    }
}
