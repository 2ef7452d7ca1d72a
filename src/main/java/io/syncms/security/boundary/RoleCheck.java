package io.syncms.security.boundary;

import io.syncms.security.entity.Caller;
import io.syncms.security.entity.MissingRoleException;
import io.syncms.security.entity.Role;
import io.syncms.security.entity.UnauthenticatedException;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Set;

/**
 * Gives every resource method a filter that lets only callers with one of its {@link RequiresRole}
 * roles through (403 otherwise). It also refuses a request that reached a resource without an
 * authenticated caller, so a path that slipped past {@link ApiAuthentication}'s exemption (an odd
 * encoding, say) still meets a 401. Resources that {@link AuthenticatesItself} get no filter.
 */
@Provider
public class RoleCheck implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Class<?> type = resource.getResourceClass();
        if (type.isAnnotationPresent(AuthenticatesItself.class)) {
            return;
        }
        context.register(new RoleFilter(requiredRoles(resource.getResourceMethod(), type)), Priorities.AUTHORIZATION);
    }

    /** The method's roles, else its class's, else admin only. */
    static Set<Role> requiredRoles(Method method, Class<?> type) {
        RequiresRole annotation = method.getAnnotation(RequiresRole.class);
        if (annotation == null) {
            annotation = type.getAnnotation(RequiresRole.class);
        }
        if (annotation == null || annotation.value().length == 0) {
            return EnumSet.of(Role.ADMIN);
        }
        return EnumSet.copyOf(Set.of(annotation.value()));
    }

    /** Lets callers with one of the roles through. */
    record RoleFilter(Set<Role> roles) implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            if (!(request.getProperty(ApiAuthentication.CALLER) instanceof Caller caller)) {
                throw UnauthenticatedException.missing();
            }
            if (!caller.hasAnyOf(roles)) {
                throw new MissingRoleException(caller, roles);
            }
        }
    }
}
