package io.syncms.players.boundary;

import io.syncms.platform.entity.Body;
import io.syncms.platform.entity.Doc;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The bodies of {@code /api/groups/{group}/player-tokens}, as JSON-B maps them. */
public final class PlayerBodies {

    private PlayerBodies() {
    }

    @Body(name = "PlayerTokenRequest", description = "Whom a player token lets join the group over a WebSocket.")
    public record PlayerTokenRequest(
            @Doc(allowed = {"master", "slave"}) @NotNull @Pattern(regexp = "(?i)master|slave") String role,
            @Doc("The participant id the page must take.") @NotNull @Pattern(regexp = "^[A-Za-z0-9._-]{1,128}$") String id,
            @Doc("How long the token is accepted, in seconds (default 3600, at most 86400).") @Min(1) @Max(86_400) Long ttlSeconds) {
    }

    @Body(name = "PlayerToken", description = "A player token and where a page connects with it: the WebSocket at path, "
            + "offering the subprotocols syncms.v1 and syncms.bearer.<base64url of the token>.")
    public record PlayerToken(@NotNull String token, @NotNull String group, @NotNull String role, @NotNull String id,
            @Doc(format = "date-time") @NotNull String expiresAt, @NotNull String path) {
    }
}
