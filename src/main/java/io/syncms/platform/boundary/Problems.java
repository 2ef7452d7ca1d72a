package io.syncms.platform.boundary;

import io.syncms.platform.control.ProblemTranslator;
import io.syncms.platform.entity.LimitExceededException;
import io.syncms.platform.entity.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a failure into the problem that describes it: features describe their own exceptions through
 * {@link ProblemTranslator} beans; a client's mistake is a 4xx, and only a genuine server fault is a 500.
 * Used for whole responses ({@link ProblemMapper}) and for the items of a batch answer.
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
            return Problem.of(limit.status(), limit.status() == 429 ? "too-many-requests" : "at-capacity",
                            limit.status() == 429 ? "Too many requests" : "At capacity", limit.getMessage())
                    .with("code", limit.code()).header("Retry-After", Long.toString(limit.retryAfterSeconds()));
        }
        if (failure instanceof WebApplicationException web) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            return Problem.ofStatus(status.getStatusCode(), status.getReasonPhrase(), web.getMessage());
        }
        if (failure instanceof JsonException || failure instanceof JsonbException) {
            return Problem.of(400, "malformed-json", "Malformed JSON", failure.getMessage());
        }
        if (failure instanceof IllegalArgumentException) {
            return Problem.of(400, "invalid-request", "Invalid request", failure.getMessage());
        }
        LOG.log(Level.SEVERE, "unexpected failure", failure);
        return Problem.ofStatus(500, "Internal Server Error", "an unexpected error occurred; the server log has details");
    }

}
