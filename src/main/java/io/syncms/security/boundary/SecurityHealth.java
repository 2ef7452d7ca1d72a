package io.syncms.security.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the REST API's credentials are set up (else every call answers 503). */
@ApplicationScoped
public class SecurityHealth {

    @Inject
    ApiSecurity security;

    @Produces
    @Readiness
    HealthCheck apiCredentials() {
        return () -> {
            Optional<String> problem = security.problem();
            if (problem.isPresent()) {
                return HealthCheckResponse.named("api-credentials").down().withData("reason", problem.get()).build();
            }
            return HealthCheckResponse.named("api-credentials").up().withData("jwt", security.acceptsJwt()).build();
        };
    }
}
