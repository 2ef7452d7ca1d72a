package io.syncms.security.boundary;

import io.syncms.security.entity.Caller;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Authenticates every request below {@code /api} before it is matched to a resource, so that nothing
 * (not even whether a path exists) is answered to an anonymous caller; only the paths of resources
 * that {@link AuthenticatesItself} are left to those resources. The caller is stored in the request
 * for {@link RoleCheck} and is the request's {@code SecurityContext}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ApiAuthentication implements ContainerRequestFilter {

    /** The request property that holds the {@link Caller}. */
    static final String CALLER = ApiAuthentication.class.getName() + ".caller";
    /** First path segments (below {@code /api}) of the resources that authenticate their callers themselves. */
    static final Set<String> SELF_AUTHENTICATING = Set.of("chum-protocol");

    @Inject
    ApiSecurity security;

    @Override
    public void filter(ContainerRequestContext request) {
        if (SELF_AUTHENTICATING.contains(firstSegment(request.getUriInfo().getPath()))) {
            return;
        }
        Caller caller = security.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        request.setProperty(CALLER, caller);
        request.setSecurityContext(new CallerContext(caller, request.getSecurityContext().isSecure()));
    }

    static String firstSegment(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        int slash = relative.indexOf('/');
        return slash < 0 ? relative : relative.substring(0, slash);
    }
}
