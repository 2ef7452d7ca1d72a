package io.syncms.security.boundary;

import io.syncms.security.entity.Caller;
import io.syncms.security.entity.Role;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The JAX-RS security context of an authenticated request. */
record CallerContext(Caller caller, boolean secure) implements SecurityContext {

    @Override
    public Principal getUserPrincipal() {
        return caller::name;
    }

    @Override
    public boolean isUserInRole(String role) {
        return Role.ofClaim(role).map(caller.roles()::contains).orElse(false);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
