package io.syncms.players.boundary;

import io.syncms.players.entity.PlayerGrant;
import java.security.Principal;

/** What {@link PlayerUpgradeFilter} proved about a socket, handed to the endpoint as the request's principal. */
record PlayerPrincipal(PlayerGrant grant) implements Principal {

    @Override
    public String getName() {
        return grant.caller();
    }
}
