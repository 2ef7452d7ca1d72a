package io.syncms.players.entity;

import io.syncms.syncms.entity.Role;
import java.time.Instant;
import java.util.Objects;

/**
 * What a WebSocket client's credential lets it be. The API token and an {@code app} JWT let it join any
 * group as anyone; a player token binds it to one group, role and id until it expires.
 *
 * @param caller who presented the credential (for logs): {@code api-token}, a JWT's subject, or the player's id
 * @param group the only group it may join, or {@code null} for any
 * @param role the only role it may take, or {@code null} for any
 * @param id the only participant id it may take, or {@code null} for any
 * @param expiresAt when a player token stops being accepted; {@code null} for the other credentials
 */
public record PlayerGrant(String caller, String group, Role role, String id, Instant expiresAt) {

    public PlayerGrant {
        Objects.requireNonNull(caller, "caller");
    }

    /** Any group, role and id: the API token's or an {@code app} JWT's grant. */
    public static PlayerGrant anyone(String caller) {
        return new PlayerGrant(caller, null, null, null, null);
    }

    public boolean allowsGroup(String wanted) {
        return group == null || group.equals(wanted);
    }

    /** Why joining {@code wanted} as this role and id is not allowed, or {@code null} if it is. */
    public String refusal(String wantedGroup, Role wantedRole, String wantedId) {
        if (!allowsGroup(wantedGroup)) {
            return "the player token is for group \"" + group + "\", not \"" + wantedGroup + "\"";
        }
        if (role != null && role != wantedRole) {
            return "the player token is for a " + role.label() + ", not a " + wantedRole.label();
        }
        if (id != null && !id.equals(wantedId)) {
            return "the player token is for id \"" + id + "\", not \"" + wantedId + "\"";
        }
        return null;
    }
}
