package io.syncms.platform.boundary;

import io.syncms.platform.entity.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The one place where failures become HTTP responses: every error leaves as {@code application/problem+json}.
 * Features describe their own exceptions through {@link ProblemTranslator} beans; a client's mistake is a
 * 4xx, and only a genuine server fault is a 500.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    @Context
    UriInfo uriInfo;

    @Inject
    Problems problems;

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 400) {
            // an answer, not a problem (a 204 that tells an EventSource to stop reconnecting)
            return web.getResponse();
        }
        return respond(problems.of(unwrap(failure)), uriInfo);
    }

    /** The problem as the response, with the request's path as its {@code instance}. */
    static Response respond(Problem problem, UriInfo uriInfo) {
        if (uriInfo != null) {
            problem.with("instance", uriInfo.getRequestUri().getPath());
        }
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.toJson().toString());
        problem.headers().forEach(response::header);
        return response.build();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof ProcessingException || current instanceof java.util.concurrent.CompletionException
                || current instanceof java.util.concurrent.ExecutionException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
