package io.syncms.platform.boundary;

import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Parameters that break their constraints, as problems: the container's own mapper for validation
 * failures is more specific than {@link ProblemMapper} and would answer plain text.
 */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Context
    UriInfo uriInfo;

    @Inject
    Problems problems;

    @Override
    public Response toResponse(ConstraintViolationException failure) {
        return ProblemMapper.respond(problems.of(failure), uriInfo);
    }
}
