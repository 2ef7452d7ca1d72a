package io.syncms.syncms.boundary;

import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import io.syncms.syncms.boundary.SyncMsBodies.DeliveryBody;
import io.syncms.syncms.boundary.SyncMsBodies.DeliveryList;
import io.syncms.syncms.boundary.SyncMsBodies.GroupList;
import io.syncms.syncms.boundary.SyncMsBodies.GroupStatus;
import io.syncms.syncms.boundary.SyncMsBodies.JoinRequest;
import io.syncms.syncms.boundary.SyncMsBodies.SyncInReceipt;
import io.syncms.syncms.boundary.SyncMsBodies.SyncInRequest;
import io.syncms.syncms.boundary.SyncMsBodies.SyncInSwitch;
import io.syncms.syncms.boundary.SyncMsBodies.SyncOutReceipt;
import io.syncms.syncms.boundary.SyncMsBodies.SyncOutRequest;
import io.syncms.syncms.entity.ParticipantConfig;
import io.syncms.platform.entity.Problem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The SyncMS REST API: one participant per group and instance, driven through its lifecycle. Joining
 * and leaving a group is an administrator's act; the participant's lifecycle, messages and deliveries
 * are the application's; both may read statuses. Every step that waits for the group (initialize,
 * clock sync, a delivered sync-out) answers when it is done, 409 if it cannot be or timed out.
 */
@Path("groups")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RequiresRole(Role.APP)
@Tag(name = "SyncMS", description = "Synchronized messaging groups: sync-out at a common instant, fair sync-in.")
public class GroupsResource {

    static final int MAX_DELIVERIES_PER_PAGE = 10_000;
    private static final String SEQUENCE = "^[0-9]{1,18}$";
    private static final String GROUP = "The group's name: 1-128 letters, digits, '.', '_' or '-'.";

    @Inject
    SyncMsRegistry registry;

    @Inject
    SettingsConfig settingsConfig;

    @Inject
    DeliveryStreams streams;

    @GET
    @RequiresRole({Role.ADMIN, Role.APP})
    @Operation(operationId = "listGroups", summary = "This instance's participants, one per group")
    @APIResponse(responseCode = "200", description = "Every group this instance takes part in",
            content = @Content(schema = @Schema(ref = "GroupList")))
    public GroupList list() {
        return new GroupList(registry.all().stream().map(participant -> GroupStatus.of(participant.status())).toList());
    }

    @PUT
    @Path("{group}")
    @RequiresRole(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "joinGroup", summary = "Join a group", description = "Idempotent: the same request again answers 200; another one for a group "
            + "this instance is in already is a 409.")
    @APIResponse(responseCode = "201", description = "Joined", content = @Content(schema = @Schema(ref = "GroupStatus")))
    @APIResponse(responseCode = "200", description = "Joined so already", content = @Content(schema = @Schema(ref = "GroupStatus")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response join(@PathParam("group") @Parameter(description = GROUP) String group, JoinRequest body, @Context UriInfo uri) {
        ParticipantConfig config = body.toConfig(group, settingsConfig.forGroup(group));
        Optional<SyncMs> same = registry.find(group).filter(existing -> existing.config().equals(config));
        if (same.isPresent()) {
            return Response.ok(GroupStatus.of(same.get().status())).build();
        }
        SyncMs participant = registry.join(config);
        return Response.created(uri.getAbsolutePath()).entity(GroupStatus.of(participant.status())).build();
    }

    @DELETE
    // no body when it succeeds: a client that accepts only problems (as generated clients do here) is answered too
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("{group}")
    @RequiresRole(Role.ADMIN)
    @Operation(operationId = "leaveGroup", summary = "Leave a group", description = "The other participants see this one crash.")
    @APIResponse(responseCode = "204", description = "Left")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response leave(@PathParam("group") @Parameter(description = GROUP) String group) {
        registry.leave(group);
        return Response.noContent().build();
    }

    @GET
    @Path("{group}")
    @RequiresRole({Role.ADMIN, Role.APP})
    @Operation(operationId = "getGroup", summary = "The participant's status: state, clock, slaves, counters, settings")
    @APIResponse(responseCode = "200", description = "The status", content = @Content(schema = @Schema(ref = "GroupStatus")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public GroupStatus status(@PathParam("group") @Parameter(description = GROUP) String group) {
        return GroupStatus.of(registry.get(group).status());
    }

    @POST
    @Path("{group}/initialize")
    @Operation(operationId = "initializeGroup", summary = "Initialize: wait until every listed participant has joined")
    @APIResponse(responseCode = "200", description = "Done; the participant's status", content = @Content(schema = @Schema(ref = "GroupStatus")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public void initialize(@PathParam("group") @Parameter(description = GROUP) String group, @Suspended AsyncResponse response) {
        resumeWithStatus(response, registry.get(group).initialize());
    }

    @POST
    @Path("{group}/clock-sync")
    @Operation(operationId = "clockSync", summary = "Synchronize the clock with the master's (Cristian's algorithm)")
    @APIResponse(responseCode = "200", description = "Done; the participant's status", content = @Content(schema = @Schema(ref = "GroupStatus")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public void clockSync(@PathParam("group") @Parameter(description = GROUP) String group, @Suspended AsyncResponse response) {
        resumeWithStatus(response, registry.get(group).clockSync());
    }

    @POST
    @Path("{group}/listen")
    @Operation(operationId = "listen", summary = "Start delivering messages")
    @APIResponse(responseCode = "200", description = "Done; the participant's status", content = @Content(schema = @Schema(ref = "GroupStatus")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public void listen(@PathParam("group") @Parameter(description = GROUP) String group, @Suspended AsyncResponse response) {
        resumeWithStatus(response, registry.get(group).listen(null));
    }

    @POST
    @Path("{group}/sync-out")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "syncOut", summary = "Master: send a message every participant delivers at the same instant (now + D)",
            description = "Answers when it is delivered here, or at once with resolveImmediately.")
    @APIResponse(responseCode = "200", description = "Delivered (or sent)", content = @Content(schema = @Schema(ref = "SyncOutReceipt")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    public void syncOut(@PathParam("group") @Parameter(description = GROUP) String group, SyncOutRequest body,
                        @Suspended AsyncResponse response) {
        SyncMs participant = registry.get(group);
        resume(response, participant.syncOut(body.message(), body.immediately()),
                receipt -> Response.ok(new SyncOutReceipt(receipt.messageId(), SyncMsBodies.toMillis(receipt.deliverAtMicros()),
                        receipt.deliverAtMicros())).build());
    }

    @POST
    @Path("{group}/sync-in")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "syncIn", summary = "Slave: send a message stamped with the synchronized send time",
            description = "The master delivers sync-in messages in send-time order after max_wait while sync-in is enabled.")
    @APIResponse(responseCode = "202", description = "Sent", content = @Content(schema = @Schema(ref = "SyncInReceipt")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    public void syncIn(@PathParam("group") @Parameter(description = GROUP) String group, SyncInRequest body,
                       @Suspended AsyncResponse response) {
        SyncMs participant = registry.get(group);
        resume(response, participant.syncIn(body.message()), receipt -> Response.accepted(new SyncInReceipt(receipt.messageId(),
                SyncMsBodies.toMillis(receipt.sentAtMicros()), receipt.sentAtMicros(), receipt.seq())).build());
    }

    @PUT
    @Path("{group}/sync-in")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "switchSyncIn", summary = "Master: enable or disable sync-in")
    @APIResponse(responseCode = "200", description = "Done; the participant's status", content = @Content(schema = @Schema(ref = "GroupStatus")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public void switchSyncIn(@PathParam("group") @Parameter(description = GROUP) String group, SyncInSwitch body,
                             @Suspended AsyncResponse response) {
        SyncMs participant = registry.get(group);
        resumeWithStatus(response, body.enabled() ? participant.enableSyncIn() : participant.disableSyncIn());
    }

    @GET
    @Path("{group}/deliveries")
    @Operation(operationId = "listDeliveries", summary = "Deliveries after a sequence number, oldest first")
    @APIResponse(responseCode = "200", description = "A page of deliveries", content = @Content(schema = @Schema(ref = "DeliveryList")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public DeliveryList deliveries(@PathParam("group") @Parameter(description = GROUP) String group,
                                   @QueryParam("after") @DefaultValue("0") @Pattern(regexp = SEQUENCE)
                                   @Parameter(description = "Only deliveries with a greater seq") String after,
                                   @QueryParam("limit") @DefaultValue("1000") @Pattern(regexp = SEQUENCE)
                                   @Parameter(description = "At most this many, 1-" + MAX_DELIVERIES_PER_PAGE) String limit) {
        long afterSeq = number("after", after, 0, Long.MAX_VALUE);
        int max = (int) number("limit", limit, 1, MAX_DELIVERIES_PER_PAGE);
        return new DeliveryList(registry.get(group).deliveriesAfter(afterSeq, max).stream().map(DeliveryBody::of).toList());
    }

    @GET
    @Path("{group}/deliveries/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamDeliveries", summary = "Deliveries as server-sent events", description = "Unnamed events (EventSource.onmessage receives them), "
            + "each with id = seq and a Delivery as data; resumes after Last-Event-ID or after=. A slow client is dropped and resumes.")
    @APIResponse(responseCode = "200", description = "The event stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(ref = "Delivery")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public void stream(@PathParam("group") @Parameter(description = GROUP) String group,
                       @QueryParam("after") @DefaultValue("0") @Pattern(regexp = SEQUENCE) String after,
                       @HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink, @Context Sse sse) {
        SyncMs participant = registry.get(group);
        long resumeAfter = lastEventId == null ? number("after", after, 0, Long.MAX_VALUE)
                : number("Last-Event-ID", lastEventId.trim(), 0, Long.MAX_VALUE);
        streams.subscribe(participant, resumeAfter, sink, sse);
    }

    private static long number(String name, String text, long min, long max) {
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", not \"" + text + "\"");
    }

    private void resumeWithStatus(AsyncResponse response, CompletionStage<SyncMs> step) {
        resume(response, step, participant -> Response.ok(GroupStatus.of(participant.status())).build());
    }

    private static <T> void resume(AsyncResponse response, CompletionStage<T> step, Function<T, Response> ok) {
        step.whenComplete((value, error) -> {
            if (error != null) {
                response.resume(error);
            } else {
                response.resume(ok.apply(value));
            }
        });
    }
}
