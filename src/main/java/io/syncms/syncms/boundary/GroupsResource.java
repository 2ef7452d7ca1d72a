package io.syncms.syncms.boundary;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.platform.boundary.JsonBodies;
import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import io.syncms.syncms.entity.ParticipantConfig;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
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

/**
 * The SyncMS REST API: one participant per group and instance, driven through its lifecycle. Joining
 * and leaving a group is an administrator's act; the participant's lifecycle, messages and deliveries
 * are the application's; both may read statuses.
 */
@Path("groups")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RequiresRole(Role.APP)
public class GroupsResource {

    static final int MAX_DELIVERIES_PER_PAGE = 10_000;

    @Inject
    SyncMsRegistry registry;

    @Inject
    SettingsConfig settingsConfig;

    @Inject
    DeliveryStreams streams;

    @GET
    @RequiresRole({Role.ADMIN, Role.APP})
    public JsonObject list() {
        JsonArrayBuilder groups = JSON.createArrayBuilder();
        registry.all().forEach(participant -> groups.add(SyncMsJson.status(participant.status())));
        return JSON.createObjectBuilder().add("groups", groups).build();
    }

    @PUT
    @Path("{group}")
    @RequiresRole(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response join(@PathParam("group") String group, String body, @Context UriInfo uri) {
        ParticipantConfig config = SyncMsJson.joinRequest(group, JsonBodies.object(body), settingsConfig.forGroup(group));
        // idempotent: the same request again answers 200 with the participant; a different one is a 409
        Optional<SyncMs> same = registry.find(group).filter(existing -> existing.config().equals(config));
        if (same.isPresent()) {
            return Response.ok(SyncMsJson.status(same.get().status())).build();
        }
        SyncMs participant = registry.join(config);
        return Response.created(uri.getAbsolutePath()).entity(SyncMsJson.status(participant.status())).build();
    }

    @DELETE
    @Path("{group}")
    @RequiresRole(Role.ADMIN)
    public Response leave(@PathParam("group") String group) {
        registry.leave(group);
        return Response.noContent().build();
    }

    @GET
    @Path("{group}")
    @RequiresRole({Role.ADMIN, Role.APP})
    public JsonObject status(@PathParam("group") String group) {
        return SyncMsJson.status(registry.get(group).status());
    }

    @POST
    @Path("{group}/initialize")
    public void initialize(@PathParam("group") String group, @Suspended AsyncResponse response) {
        resumeWithStatus(response, registry.get(group).initialize());
    }

    @POST
    @Path("{group}/clock-sync")
    public void clockSync(@PathParam("group") String group, @Suspended AsyncResponse response) {
        resumeWithStatus(response, registry.get(group).clockSync());
    }

    @POST
    @Path("{group}/listen")
    public void listen(@PathParam("group") String group, @Suspended AsyncResponse response) {
        resumeWithStatus(response, registry.get(group).listen(null));
    }

    @POST
    @Path("{group}/sync-out")
    @Consumes(MediaType.APPLICATION_JSON)
    public void syncOut(@PathParam("group") String group, String text, @Suspended AsyncResponse response) {
        SyncMs participant = registry.get(group);
        JsonObject body = JsonBodies.object(text);
        boolean immediately = SyncMsJson.flag(body, "resolveImmediately", false);
        resume(response, participant.syncOut(SyncMsJson.message(body), immediately),
                receipt -> Response.ok(SyncMsJson.syncOutReceipt(receipt.messageId(), receipt.deliverAtMicros())).build());
    }

    @POST
    @Path("{group}/sync-in")
    @Consumes(MediaType.APPLICATION_JSON)
    public void syncIn(@PathParam("group") String group, String text, @Suspended AsyncResponse response) {
        SyncMs participant = registry.get(group);
        resume(response, participant.syncIn(SyncMsJson.message(JsonBodies.object(text))), receipt -> Response.accepted(
                SyncMsJson.syncInReceipt(receipt.messageId(), receipt.sentAtMicros(), receipt.seq())).build());
    }

    @PUT
    @Path("{group}/sync-in")
    @Consumes(MediaType.APPLICATION_JSON)
    public void switchSyncIn(@PathParam("group") String group, String text, @Suspended AsyncResponse response) {
        SyncMs participant = registry.get(group);
        boolean enabled = SyncMsJson.requiredFlag(JsonBodies.object(text), "enabled");
        resumeWithStatus(response, enabled ? participant.enableSyncIn() : participant.disableSyncIn());
    }

    @GET
    @Path("{group}/deliveries")
    public JsonObject deliveries(@PathParam("group") String group, @QueryParam("after") @DefaultValue("0") String after,
            @QueryParam("limit") @DefaultValue("1000") String limit) {
        long afterSeq = number("after", after, 0, Long.MAX_VALUE);
        int max = (int) number("limit", limit, 1, MAX_DELIVERIES_PER_PAGE);
        JsonArrayBuilder array = JSON.createArrayBuilder();
        registry.get(group).deliveriesAfter(afterSeq, max).forEach(d -> array.add(SyncMsJson.delivery(d)));
        return JSON.createObjectBuilder().add("deliveries", array).build();
    }

    @GET
    @Path("{group}/deliveries/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@PathParam("group") String group, @QueryParam("after") @DefaultValue("0") String after,
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
        resume(response, step, participant -> Response.ok(SyncMsJson.status(participant.status())).build());
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
