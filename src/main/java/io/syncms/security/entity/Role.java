package io.syncms.security.entity;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller of the REST API may do. {@code admin}: pairing, Chums, recipes, creating and leaving
 * groups; {@code app}: objects, BLOBs, CLOBs, a participant's lifecycle, sync-in and sync-out,
 * deliveries. The API token holds both; a JWT holds those its {@code groups} claim names.
 */
public enum Role {
    ADMIN,
    APP;

    /** The name in a JWT's {@code groups} claim and in {@code SecurityContext.isUserInRole}. */
    public String claimName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role a {@code groups} entry names, if it names one. */
    public static Optional<Role> ofClaim(String name) {
        for (Role role : values()) {
            if (role.claimName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
