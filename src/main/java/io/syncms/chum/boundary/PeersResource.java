package io.syncms.chum.boundary;

import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import io.syncms.chum.entity.ChumNotFoundException;
import io.syncms.chum.entity.TrustedPeer;
import io.syncms.platform.boundary.JsonBodies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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
public class PeersResource {

    @Inject
    Chums chums;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response pair(String body, @Context UriInfo uri) {
        TrustedPeer peer = ChumJson.peer(JsonBodies.object(body));
        boolean added = chums.pair(peer);
        Response.ResponseBuilder response = added
                ? Response.created(uri.getAbsolutePathBuilder().path(peer.personId()).build()) : Response.ok();
        return response.entity(ChumJson.peer(peer)).build();
    }

    /** Pairs, or replaces the pairing of the person (ending its running Chums if the key or URL changed). */
    @PUT
    @Path("{personId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("personId") String personId, String body, @Context UriInfo uri) {
        TrustedPeer peer = ChumJson.peer(personId, JsonBodies.object(body));
        boolean replaced = chums.replacePairing(peer).isPresent();
        Response.ResponseBuilder response = replaced ? Response.ok() : Response.created(uri.getAbsolutePath());
        return response.entity(ChumJson.peer(peer)).build();
    }

    @GET
    public JsonObject list() {
        return ChumJson.peers(chums.peers());
    }

    @GET
    @Path("{personId}")
    public JsonObject peer(@PathParam("personId") String personId) {
        return ChumJson.peer(chums.peer(personId).orElseThrow(() ->
                new ChumNotFoundException("Person " + personId + " is not a trusted peer")));
    }

    @DELETE
    @Path("{personId}")
    public Response unpair(@PathParam("personId") String personId) {
        chums.unpair(personId);
        return Response.noContent().build();
    }
}
