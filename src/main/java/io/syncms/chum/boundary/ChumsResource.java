package io.syncms.chum.boundary;

import io.syncms.platform.entity.TraceParent;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import io.syncms.chum.control.ChumSession;
import io.syncms.chum.entity.ChumJobStatus;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.chum.boundary.ChumBodies.ChumList;
import io.syncms.chum.entity.ChumOptions;
import io.syncms.chum.boundary.ChumBodies.ChumSyncOptions;
import io.syncms.chum.boundary.ChumBodies.Job;
import io.syncms.chum.boundary.ChumBodies.Started;
import io.syncms.chum.boundary.ChumBodies.Status;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
@Tag(name = "Chum", description = "Object synchronization with paired instances, as REFINIO ONE's Chum.")
public class ChumsResource {

    @Inject
    Chums chums;

    @Inject
    ChumConfig config;

    @Inject
    ChumEvents events;

    @Inject
    io.syncms.onechum.boundary.OneChums oneChums;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startChum", summary = "Start a Chum with a paired peer", description = "With keepRunning, or a one-shot "
            + "Chum with repeatEveryMs, it is a persistent job: kept across restarts, retried with exponential backoff, stopped only by DELETE.")
    @APIResponse(responseCode = "202", description = "Started; Location is its status",
            content = @Content(schema = @Schema(ref = "ChumStarted")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response start(ChumSyncOptions body, @HeaderParam(TraceParent.HEADER)
                          @Parameter(description = "W3C Trace Context: the Chum continues the caller's trace") String traceparent,
                          @Context UriInfo uri) {
        String id = body.isOne() ? startOne(body) : chums.start(body.toOptions(chums.defaults()), traceparent, body.repeatEvery()).id();
        return Response.accepted(new Started(id)).location(uri.getAbsolutePathBuilder().path(id).build()).build();
    }

    /** A Chum with a ONE peer: the options as for a Chum with an instance, the peer dialed at its ws:// URL. */
    private String startOne(ChumSyncOptions body) {
        if (body.remoteUrl() == null || body.remoteInstanceName() == null) {
            throw new IllegalArgumentException("A Chum with \"protocol\": \"one\" needs remoteUrl and remoteInstanceName");
        }
        if (body.repeatEveryMs() != null) {
            throw new IllegalArgumentException("repeatEveryMs is for Chums with instances of this module");
        }
        ChumOptions options = body.toOptions(chums.defaults());
        if (!oneChums.isPerson(options.localPersonId())) {
            throw new IllegalArgumentException("localPersonId " + options.localPersonId() + " is no person stored here");
        }
        return oneChums.start(body.remoteUrl(), new io.syncms.onechum.entity.OneChumOptions(options.chumName(),
                options.localInstanceName(), options.remoteInstanceName(), options.localPersonId(), options.remotePersonId(),
                options.keepRunning(), config.onePollIntervalMillis()));
    }

    @GET
    @Operation(operationId = "listChums", summary = "Every Chum kept here, and every job")
    @APIResponse(responseCode = "200", description = "Chums and jobs", content = @Content(schema = @Schema(ref = "ChumList")))
    public ChumList list() {
        List<Job> jobs = chums.jobs().list().stream().map(Job::of).toList();
        Map<String, Job> jobsById = jobs.stream().collect(Collectors.toMap(Job::id, job -> job));
        List<Status> all = new java.util.ArrayList<>(chums.statuses().stream()
                .map(status -> Status.of(status, jobsById.get(status.id()))).toList());
        oneChums.statuses().forEach(status -> all.add(Status.of(status, null)));
        return new ChumList(all, jobs);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getChum", summary = "A Chum's or job's status")
    @APIResponse(responseCode = "200", description = "The status", content = @Content(schema = @Schema(ref = "ChumStatus")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Status status(@PathParam("id") String id) {
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
    @Operation(operationId = "streamChumEvents", summary = "A Chum's status as server-sent events", description = "Unnamed events, one whole ChumStatus each "
            + "whenever it changes, while the Chum runs or the job exists; 204 to a reconnecting client once it is over.")
    @APIResponse(responseCode = "200", description = "The event stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(ref = "ChumStatus")))
    @APIResponse(responseCode = "204", description = "Over: do not reconnect")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public void events(@PathParam("id") String id, @HeaderParam("Last-Event-ID") String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        statusOf(id);
        boolean over = chums.jobs().find(id).isEmpty() && chums.find(id).map(session -> session.status().state().ended())
                .or(() -> oneChums.find(id).map(status -> status.state().ended())).orElse(true);
        if (over && lastEventId != null) {
            throw new WebApplicationException(Response.noContent().build());
        }
        events.subscribe(id, sink, sse);
    }

    /** Stops a Chum on both sides, and a job for good: 200 with the final status, 202 with the current one if it takes longer. */
    @DELETE
    @Path("{id}")
    @Operation(operationId = "stopChum", summary = "Stop a Chum on both sides, and a job for good")
    @APIResponse(responseCode = "200", description = "Stopped; the final status", content = @Content(schema = @Schema(ref = "ChumStatus")))
    @APIResponse(responseCode = "202", description = "Still stopping after syncms.chum.stop-timeout; the current status",
            content = @Content(schema = @Schema(ref = "ChumStatus")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public void stop(@PathParam("id") String id, @Suspended AsyncResponse response) {
        if (oneChums.find(id).isPresent()) {
            response.setTimeout(config.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
            ChumStatus before = oneChums.find(id).orElseThrow();
            response.setTimeoutHandler(late -> late.resume(Response.accepted(Status.of(oneChums.find(id).orElse(before), null))
                    .build()));
            oneChums.stop(id).whenComplete((status, failure) -> response.resume(Status.of(status, null)));
            return;
        }
        statusOf(id);
        Optional<ChumJobStatus> job = chums.jobs().find(id);
        response.setTimeout(config.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
        response.setTimeoutHandler(late -> late.resume(Response.accepted(current(id, job)).build()));
        chums.stop(id).whenComplete((status, failure) -> response.resume(current(id, job)));
    }

    /** @throws io.syncms.chum.entity.ChumNotFoundException if neither a Chum nor a job has that id here */
    private Status statusOf(String id) {
        Optional<ChumStatus> one = oneChums.find(id);
        if (one.isPresent()) {
            return Status.of(one.get(), null);
        }
        Optional<ChumStatus> status = chums.find(id).map(ChumSession::status);
        Optional<ChumJobStatus> job = chums.jobs().find(id);
        if (status.isEmpty() && job.isEmpty()) {
            chums.get(id);
        }
        return Status.of(status, job);
    }

    /** The Chum's status now; for a stopped job whose last run is forgotten here, the job as {@code STOPPED}. */
    private Status current(String id, Optional<ChumJobStatus> job) {
        Optional<ChumStatus> status = chums.find(id).map(ChumSession::status);
        if (status.isPresent() || job.isEmpty()) {
            return Status.of(status.orElseGet(() -> chums.get(id).status()), null);
        }
        return Status.between(job.get(), "STOPPED");
    }
}
