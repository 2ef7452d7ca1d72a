package io.syncms.players.boundary;

import io.syncms.players.boundary.PlayerBodies.PlayerToken;
import io.syncms.players.boundary.PlayerBodies.PlayerTokenRequest;
import io.syncms.players.control.PlayerTokens;
import io.syncms.security.boundary.RequiresRole;
import io.syncms.security.entity.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Player tokens: an application (role {@code app}) mints one per player, so that the player's page joins
 * one group as one role and id over {@code /players/<group>} without the API token.
 */
@Path("groups/{group}/player-tokens")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RequiresRole(Role.APP)
@Tag(name = "SyncMS")
public class PlayerTokensResource {

    @Inject
    Players players;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "mintPlayerToken", summary = "A token that lets one player's page join the group",
            description = "Signed with a key derived from the API token: every instance with the same API token accepts it, "
                    + "until it expires or the API token changes.")
    @APIResponse(responseCode = "201", description = "Minted", content = @Content(schema = @Schema(ref = "PlayerToken")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response mint(@PathParam("group") @Parameter(description = "The group's name: 1-128 letters, digits, '.', '_' or '-'.")
            String group, PlayerTokenRequest body) {
        io.syncms.syncms.entity.Role role = io.syncms.syncms.entity.Role.parse(body.role());
        PlayerTokens.Minted minted = players.tokens().mint(group, role, body.id(),
                Duration.ofSeconds(body.ttlSeconds() == null ? 3600 : body.ttlSeconds()));
        return Response.status(Response.Status.CREATED).entity(new PlayerToken(minted.token(), group, role.label(), body.id(),
                minted.expiresAt().toString(), "/players/" + group)).build();
    }
}
