package io.syncms.chum.boundary;

import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import io.syncms.chum.control.ChumSession;
import io.syncms.chum.entity.ChumJobStatus;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.platform.boundary.JsonBodies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Chums of this instance: {@code POST} a {@code ChumSyncOptions} to start one (202, {@code {"id"}},
 * {@code Location} of its status), {@code GET} its status or all of them, {@code DELETE} to stop it
 * cleanly (both sides write their log; 200 with the final status, or 202 with the current one if it
 * has not ended within {@code syncms.chum.stop-timeout}).
 */
@Path("chums")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RequiresRole(Role.ADMIN)
public class ChumsResource {

    @Inject
    Chums chums;

    @Inject
    ChumConfig config;

    @Inject
    ChumEvents events;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(String body, @Context UriInfo uri) {
        ChumSession session = chums.start(ChumJson.options(JsonBodies.object(body), chums.defaults()));
        return Response.accepted(ChumJson.started(session.id()))
                .location(uri.getAbsolutePathBuilder().path(session.id()).build()).build();
    }

    @GET
    public JsonObject list() {
        return ChumJson.statuses(chums.statuses(), chums.jobs().list());
    }

    @GET
    @Path("{id}")
    public JsonObject status(@PathParam("id") String id) {
        return statusOf(id);
    }

    /**
     * The Chum's status as server-sent events, while it runs (see {@link ChumEvents}). A client that
     * comes back ({@code Last-Event-ID}) to an ended Chum that is no job gets 204, which tells an
     * {@code EventSource} not to reconnect again.
     */
    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@PathParam("id") String id, @HeaderParam("Last-Event-ID") String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        statusOf(id);
        boolean over = chums.jobs().find(id).isEmpty()
                && chums.find(id).map(session -> session.status().state().ended()).orElse(true);
        if (over && lastEventId != null) {
            throw new WebApplicationException(Response.noContent().build());
        }
        events.subscribe(id, sink, sse);
    }

    /** Stops a Chum on both sides, and a job for good: 200 with the final status, 202 with the current one if it takes longer. */
    @DELETE
    @Path("{id}")
    public void stop(@PathParam("id") String id, @Suspended AsyncResponse response) {
        statusOf(id);
        Optional<ChumJobStatus> job = chums.jobs().find(id);
        response.setTimeout(config.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
        response.setTimeoutHandler(late -> late.resume(Response.accepted(current(id, job)).build()));
        chums.stop(id).whenComplete((status, failure) -> response.resume(current(id, job)));
    }

    /** @throws io.syncms.chum.entity.ChumNotFoundException if neither a Chum nor a job has that id here */
    private JsonObject statusOf(String id) {
        Optional<ChumStatus> status = chums.find(id).map(ChumSession::status);
        Optional<ChumJobStatus> job = chums.jobs().find(id);
        if (status.isEmpty() && job.isEmpty()) {
            chums.get(id);
        }
        return ChumJson.status(status, job);
    }

    /** The Chum's status now; for a stopped job whose last run is forgotten here, the job as {@code STOPPED}. */
    private JsonObject current(String id, Optional<ChumJobStatus> job) {
        Optional<ChumStatus> status = chums.find(id).map(ChumSession::status);
        if (status.isPresent() || job.isEmpty()) {
            return ChumJson.status(status.orElseGet(() -> chums.get(id).status()));
        }
        return ChumJson.stoppedJob(job.get());
    }
}
