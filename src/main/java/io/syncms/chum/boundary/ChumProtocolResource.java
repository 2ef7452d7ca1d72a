package io.syncms.chum.boundary;

import io.syncms.platform.entity.TraceParent;

import io.syncms.security.boundary.AuthenticatesItself;
import io.syncms.chum.control.ChumExporter;
import io.syncms.chum.control.ChumWire;
import io.syncms.chum.control.ChumWire.ChangesRequest;
import io.syncms.chum.control.ChumWire.ContentRequest;
import io.syncms.chum.control.ChumWire.FinishRequest;
import io.syncms.chum.control.ChumWire.NextRequest;
import io.syncms.chum.control.ChumWire.WaitRequest;
import io.syncms.chum.control.ContentFrames;
import io.syncms.chum.entity.ChumException;
import io.syncms.platform.boundary.JsonBodies;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Chum protocol over HTTP: this instance's {@link ChumExporter}, one {@code POST} per exporter
 * method, below {@code /api/chum-protocol/}. Bodies are JSON ({@link ChumWire}); after the handshake
 * every request carries {@code Authorization: Bearer <token>}. Failures are problems
 * ({@link ChumProblems}): 401, 403, 409, 400, 410. Stateless, so one instance serves every request
 * (no per-request injection on the protocol's hot path).
 *
 * <ul>
 *   <li>{@code challenge} {@code {"importerNonce"}} → {@code {"nonce","protocolVersion","instanceName","personId",
 *       "publicKey","ephemeralKey","expiresAt","signature"}}
 *   <li>{@code handshake} (the signed request) → {@code {"idleTimeoutMillis","lifetimeMillis","storeEpoch","lastSeq",
 *       "confirmation"}}
 *   <li>{@code changes} {@code {"afterSeq","limit"}} and {@code changes/next} {@code {"cursor","limit"}} →
 *       {@code {"upToSeq","checkpointSeq","total","entries":[{"kind","hash"}],"nextCursor"}}
 *   <li>{@code objects} {@code {"entries":[…]}} → {@code {"objects":[{"kind","hash","microdata"}]}}
 *   <li>{@code content} {@code {"kind","hashes":[…]}} → {@code application/octet-stream}, framed ({@link ContentFrames})
 *   <li>{@code wait} {@code {"afterSeq","timeoutMillis"}} → {@code {"changed","upToSeq","checkpointSeq","closed","closeReason"}}
 *   <li>{@code finish} {@code {"reason","message"}} → 204
 * </ul>
 */
@Path("chum-protocol")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@AuthenticatesItself
@Tag(name = "Chum protocol", description = "The module-to-module Chum wire protocol (version 2): peers call it, not applications.")
public class ChumProtocolResource {

    private static final Logger LOG = Logger.getLogger(ChumProtocolResource.class.getName());
    /** What a long poll's answer may take beyond its wait before the container gives up on it. */
    private static final long WAIT_MARGIN_MILLIS = 30_000;

    @Inject
    Chums chums;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @POST
    @Path("challenge")
    @Operation(operationId = "chumChallenge", summary = "Ask for a challenge to prove the paired key with (bounded per address and in all)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ChumWireMessage")))
    @APIResponse(responseCode = "200", description = "The challenge", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "ChumWireMessage")))
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public JsonObject challenge(String body, @Context HttpServletRequest request) {
        return ChumWire.challenge(exporter().challenge(ChumWire.challengeRequest(JsonBodies.object(body)), request.getRemoteAddr()));
    }

    @POST
    @Path("handshake")
    @Operation(operationId = "chumHandshake", summary = "Prove the paired key, exchange ephemeral X25519 keys, get a session token")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ChumWireMessage")))
    @APIResponse(responseCode = "200", description = "The grant: session token and the exporter's proof", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "ChumWireMessage")))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public JsonObject handshake(String body, @HeaderParam(TraceParent.HEADER) String traceparent) {
        return ChumWire.grant(exporter().handshake(ChumWire.handshakeRequest(JsonBodies.object(body)),
                TraceParent.parse(traceparent).orElse(null)));
    }

    @POST
    @Path("changes")
    @Operation(operationId = "chumChanges", summary = "A page of what the session's person may access, after a write-log position")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ChumWireMessage")))
    @APIResponse(responseCode = "200", description = "A page of changes", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "ChumWireMessage")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "410", ref = "Gone")
    public JsonObject changes(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        ChangesRequest request = ChumWire.changesRequest(JsonBodies.object(body));
        return ChumWire.page(exporter().changesAfter(ChumWire.bearerToken(authorization), request.afterSeq(), request.limit()));
    }

    @POST
    @Path("changes/next")
    @Operation(operationId = "chumNextChanges", summary = "The next page of a listing")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ChumWireMessage")))
    @APIResponse(responseCode = "200", description = "A page of changes", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "ChumWireMessage")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "410", ref = "Gone")
    public JsonObject nextChanges(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        NextRequest request = ChumWire.nextRequest(JsonBodies.object(body));
        return ChumWire.page(exporter().nextChanges(ChumWire.bearerToken(authorization), request.cursor(), request.limit()));
    }

    @POST
    @Path("objects")
    @Operation(operationId = "chumObjects", summary = "Objects and ID objects by hash, as microdata")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ChumWireMessage")))
    @APIResponse(responseCode = "200", description = "The objects", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "ChumWireMessage")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "410", ref = "Gone")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public JsonObject objects(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        return ChumWire.objects(exporter().fetchObjects(ChumWire.bearerToken(authorization),
                ChumWire.objectsRequest(JsonBodies.object(body))));
    }

    /**
     * Checks the whole request first (a refusal is a plain problem answer), then streams the items
     * as the store reads them. A refusal that arises while streaming (a grant revoked meanwhile)
     * ends the stream with a failure frame.
     */
    @POST
    @Path("content")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @Operation(operationId = "chumContent", summary = "BLOBs or CLOBs by hash, streamed as content frames")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ChumWireMessage")))
    @APIResponse(responseCode = "200", description = "Content frames (docs/chum.md)", content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(ref = "Binary")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "410", ref = "Gone")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response content(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        String token = ChumWire.bearerToken(authorization);
        ContentRequest request = ChumWire.contentRequest(JsonBodies.object(body));
        ChumExporter exporter = exporter();
        exporter.checkContent(token, request.kind(), request.hashes());
        StreamingOutput frames = output -> {
            ContentFrames.Writer writer = new ContentFrames.Writer(output);
            try {
                exporter.fetchContent(token, request.kind(), request.hashes(), writer);
            } catch (ChumException e) {
                writer.fail(e.code(), e.getMessage());
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Streaming Chum content failed", e);
                writer.fail("CHUM-EXPORT1", "The exporter failed while streaming: " + e);
                return;
            }
            writer.end();
        };
        return Response.ok(frames, MediaType.APPLICATION_OCTET_STREAM).build();
    }

    /**
     * The long poll: suspended, and the exporter's wait holds no thread either (its looks run on the
     * managed scheduled executor when something is written, at the deadline, or when the session ends).
     */
    @POST
    @Path("wait")
    @Operation(operationId = "chumWait", summary = "Long poll: answers when something the person may access is written, or at the timeout")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ChumWireMessage")))
    @APIResponse(responseCode = "200", description = "The change notice", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "ChumWireMessage")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "410", ref = "Gone")
    public void waitForChanges(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body,
                               @Suspended AsyncResponse response) {
        try {
            WaitRequest request = ChumWire.waitRequest(JsonBodies.object(body));
            response.setTimeout(Math.max(0, request.timeoutMillis()) + WAIT_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
            exporter().waitForChangesAsync(ChumWire.bearerToken(authorization), request.afterSeq(), request.timeoutMillis(),
                    scheduler).whenComplete((notice, failure) -> response.resume(failure == null ? ChumWire.notice(notice)
                            : failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure));
        } catch (RuntimeException e) {
            response.resume(e);
        }
    }

    @POST
    @Path("finish")
    @Operation(operationId = "chumFinish", summary = "End the session: both sides write their Chum log")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ChumWireMessage")))
    @APIResponse(responseCode = "204", description = "Finished")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "410", ref = "Gone")
    public Response finish(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        FinishRequest request = ChumWire.finishRequest(JsonBodies.object(body));
        exporter().finish(ChumWire.bearerToken(authorization), request.reason(), request.message());
        return Response.noContent().build();
    }

    private ChumExporter exporter() {
        return chums.exporter();
    }
}
