package io.syncms.platform.boundary;

import io.syncms.platform.control.ProblemTranslator;
import io.syncms.platform.entity.ApiProblem;
import io.syncms.platform.entity.LimitExceededException;
import io.syncms.platform.entity.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a failure into the problem that describes it: features describe their own exceptions through
 * {@link ProblemTranslator} beans, the rest is an {@link ApiProblem}; a client's mistake is a 4xx, and only a
 * genuine server fault is a 500. Every problem carries a {@code code}. Used for whole responses
 * ({@link ProblemMapper}) and for the items of a batch answer.
 */
@ApplicationScoped
public class Problems {

    private static final Logger LOG = Logger.getLogger(Problems.class.getName());

    @Inject
    Instance<ProblemTranslator> translators;

    public Problem of(Throwable failure) {
        if (translators != null) {
            for (ProblemTranslator translator : translators) {
                Problem known = translator.translate(failure);
                if (known != null) {
                    return known;
                }
            }
        }
        if (failure instanceof LimitExceededException limit) {
            ApiProblem type = limit.status() == 429 ? ApiProblem.TOO_MANY_REQUESTS : ApiProblem.AT_CAPACITY;
            return Problem.of(type, limit.code(), limit.getMessage())
                    .header("Retry-After", Long.toString(limit.retryAfterSeconds()));
        }
        if (failure instanceof WebApplicationException web) {
            return ofStatus(web.getResponse(), web.getMessage());
        }
        if (failure instanceof JsonException || failure instanceof JsonbException) {
            return Problem.of(ApiProblem.MALFORMED_JSON, failure.getMessage());
        }
        if (failure instanceof IllegalArgumentException) {
            return Problem.of(ApiProblem.INVALID_REQUEST, failure.getMessage());
        }
        LOG.log(Level.SEVERE, "unexpected failure", failure);
        return Problem.of(ApiProblem.INTERNAL_ERROR, "an unexpected error occurred; the server log has details");
    }

    /**
     * A refusal of the JAX-RS runtime (or a resource) that is only an HTTP status. A status no {@link ApiProblem}
     * lists (the application throws none) keeps {@code about:blank} and gets the code {@code API-HTTP-<status>}.
     */
    static Problem ofStatus(Response refusal, String detail) {
        Response.StatusType status = refusal.getStatusInfo();
        Problem problem = ApiProblem.ofHttpStatus(status.getStatusCode()).map(type -> Problem.of(type, detail))
                .orElseGet(() -> Problem.ofStatus(status.getStatusCode(), status.getReasonPhrase(), detail)
                        .with("code", "API-HTTP-" + status.getStatusCode()));
        String allow = refusal.getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            problem.header(HttpHeaders.ALLOW, allow); // a 405 must say what is allowed (RFC 9110)
        }
        return problem;
    }
}
