package io.syncms.security.boundary;

import io.syncms.platform.control.ProblemTranslator;
import io.syncms.platform.entity.Problem;
import io.syncms.security.entity.MissingRoleException;
import io.syncms.security.entity.SecurityMisconfiguredException;
import io.syncms.security.entity.SecurityProblem;
import io.syncms.security.entity.UnauthenticatedException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * 401 (with RFC 6750's {@code WWW-Authenticate: Bearer} challenge), 403 and 503 for the REST API's
 * credentials. A 503 for unusable settings says no more than that: it goes to callers who proved nothing.
 */
@ApplicationScoped
public class SecurityProblems implements ProblemTranslator {

    static final String REALM = "Bearer realm=\"syncms\"";

    @Override
    public Problem translate(Throwable failure) {
        if (failure instanceof UnauthenticatedException unauthenticated) {
            String challenge = unauthenticated.bearerError() == null ? REALM
                    : REALM + ", error=\"" + unauthenticated.bearerError() + "\"";
            return Problem.of(SecurityProblem.UNAUTHENTICATED, failure.getMessage())
                    .header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        if (failure instanceof MissingRoleException) {
            return Problem.of(SecurityProblem.FORBIDDEN, failure.getMessage())
                    .header(HttpHeaders.WWW_AUTHENTICATE, REALM + ", error=\"insufficient_scope\"");
        }
        if (failure instanceof SecurityMisconfiguredException) {
            return Problem.of(SecurityProblem.MISCONFIGURED,
                    "The instance's API credential settings cannot be used; its log says why");
        }
        return null;
    }
}
