package io.syncms.security.entity;

import java.util.Objects;
import java.util.Set;

/**
 * Who sent a REST request, as its credential proved.
 *
 * @param name   the API token's fixed name, or the JWT's {@code upn}, {@code preferred_username} or {@code sub}
 * @param roles  what the caller may do
 * @param scheme how the caller was authenticated: {@code api-token} or {@code jwt}
 */
public record Caller(String name, Set<Role> roles, String scheme) {

    public Caller {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(scheme, "scheme");
    }

    public boolean hasAnyOf(Set<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }
}
