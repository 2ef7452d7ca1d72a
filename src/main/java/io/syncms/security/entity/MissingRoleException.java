package io.syncms.security.entity;

import java.util.Set;
import java.util.stream.Collectors;

/** An authenticated caller lacks the role a call needs: 403. */
public final class MissingRoleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MissingRoleException(Caller caller, Set<Role> needed) {
        this("Caller " + caller.name() + " has the roles " + names(caller.roles()) + "; this call needs "
                + (needed.size() == 1 ? "the role " : "one of the roles ") + names(needed));
    }

    public MissingRoleException(String message) {
        super(message);
    }

    private static String names(Set<Role> roles) {
        return roles.stream().map(Role::claimName).sorted().collect(Collectors.joining(", ", "[", "]"));
    }
}
