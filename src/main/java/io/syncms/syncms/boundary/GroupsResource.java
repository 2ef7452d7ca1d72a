package io.syncms.syncms.boundary;

import io.syncms.syncms.entity.ParticipantConfig;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
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
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** The SyncMS REST API: one participant per group and instance, driven through its lifecycle. */
@Path("groups")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class GroupsResource {

    static final int MAX_DELIVERIES_PER_PAGE = 10_000;

    @Inject
    SyncMsRegistry registry;

    @Inject
    SettingsConfig settingsConfig;

    @Inject
    DeliveryStreams streams;

    @GET
    public JsonArray list() {
        JsonArrayBuilder groups = Json.createArrayBuilder();
        registry.all().forEach(participant -> groups.add(SyncMsJson.status(participant.status())));
        return groups.build();
    }

    @PUT
    @Path("{group}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response join(@PathParam("group") String group, JsonObject body, @Context UriInfo uri) {
        ParticipantConfig config = SyncMsJson.joinRequest(group, body, settingsConfig.forGroup(group));
        SyncMs participant = registry.join(config);
        return Response.created(uri.getAbsolutePath()).entity(SyncMsJson.status(participant.status())).build();
    }

    @DELETE
    @Path("{group}")
    public Response leave(@PathParam("group") String group) {
        registry.leave(group);
        return Response.noContent().build();
    }

    @GET
    @Path("{group}")
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
    public void syncOut(@PathParam("group") String group, JsonObject body, @Suspended AsyncResponse response) {
        SyncMs participant = registry.get(group);
        boolean immediately = SyncMsJson.flag(body == null ? JsonObject.EMPTY_JSON_OBJECT : body, "resolveImmediately", false);
        resume(response, participant.syncOut(SyncMsJson.message(body), immediately),
                receipt -> Response.ok(SyncMsJson.syncOutReceipt(receipt.messageId(), receipt.deliverAtMicros())).build());
    }

    @POST
    @Path("{group}/sync-in")
    @Consumes(MediaType.APPLICATION_JSON)
    public void syncIn(@PathParam("group") String group, JsonObject body, @Suspended AsyncResponse response) {
        SyncMs participant = registry.get(group);
        resume(response, participant.syncIn(SyncMsJson.message(body)), receipt -> Response.accepted(
                SyncMsJson.syncInReceipt(receipt.messageId(), receipt.sentAtMicros(), receipt.seq())).build());
    }

    @PUT
    @Path("{group}/sync-in")
    @Consumes(MediaType.APPLICATION_JSON)
    public void switchSyncIn(@PathParam("group") String group, JsonObject body, @Suspended AsyncResponse response) {
        SyncMs participant = registry.get(group);
        boolean enabled = SyncMsJson.requiredFlag(body, "enabled");
        resumeWithStatus(response, enabled ? participant.enableSyncIn() : participant.disableSyncIn());
    }

    @GET
    @Path("{group}/deliveries")
    public JsonArray deliveries(@PathParam("group") String group, @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("1000") int limit) {
        if (after < 0) {
            throw new IllegalArgumentException("after must not be negative");
        }
        if (limit < 1 || limit > MAX_DELIVERIES_PER_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_DELIVERIES_PER_PAGE);
        }
        JsonArrayBuilder array = Json.createArrayBuilder();
        registry.get(group).deliveriesAfter(after, limit).forEach(d -> array.add(SyncMsJson.delivery(d)));
        return array.build();
    }

    @GET
    @Path("{group}/deliveries/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@PathParam("group") String group, @QueryParam("after") @DefaultValue("0") long after,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink, @Context Sse sse) {
        SyncMs participant = registry.get(group);
        long resumeAfter = lastEventId == null ? after : parseEventId(lastEventId);
        streams.subscribe(participant, resumeAfter, sink, sse);
    }

    private static long parseEventId(String lastEventId) {
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Last-Event-ID must be a delivery seq number");
        }
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
