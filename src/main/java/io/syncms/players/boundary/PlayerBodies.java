package io.syncms.players.boundary;

import io.syncms.platform.entity.Body;
import io.syncms.platform.entity.Doc;
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
            // 1..86400, checked where the token is minted: Payara 6's OpenAPI scanner fails on @Min and @Max here
            @Doc("How long the token is accepted, in seconds: 1 to 86400 (default 3600).") Long ttlSeconds) {
    }

    @Body(name = "PlayerToken", description = "A player token and where a page connects with it: the WebSocket at path, "
            + "offering the subprotocols syncms.v1 and syncms.bearer.<base64url of the token>.")
    public record PlayerToken(@NotNull String token, @NotNull String group, @NotNull String role, @NotNull String id,
            @Doc(format = "date-time") @NotNull String expiresAt, @NotNull String path) {
    }
}
