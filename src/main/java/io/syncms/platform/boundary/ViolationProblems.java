package io.syncms.platform.boundary;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.platform.control.ProblemTranslator;
import io.syncms.platform.entity.ApiProblem;
import io.syncms.platform.entity.InvalidRequestException;
import io.syncms.platform.entity.Problem;
import io.syncms.platform.entity.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.validation.ConstraintViolationException;
import java.util.Comparator;
import java.util.List;

/**
 * A body or parameter that breaks its contract: 400 with {@code violations}, each member or parameter
 * and what is wrong with it, so that a client fixes them all at once.
 */
@ApplicationScoped
public class ViolationProblems implements ProblemTranslator {

    @Override
    public Problem translate(Throwable failure) {
        if (failure instanceof InvalidRequestException invalid) {
            return problem(invalid.getMessage(), invalid.violations());
        }
        if (failure instanceof ConstraintViolationException constraints) {
            List<Violation> violations = constraints.getConstraintViolations().stream()
                    .map(v -> new Violation(parameterName(v.getPropertyPath().toString()), v.getMessage()))
                    .sorted(Comparator.comparing(Violation::field)).toList();
            return problem(new InvalidRequestException(violations).getMessage(), violations);
        }
        return null;
    }

    private static Problem problem(String detail, List<Violation> violations) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        violations.forEach(v -> list.add(JSON.createObjectBuilder().add("field", v.field()).add("message", v.message())));
        return Problem.of(ApiProblem.INVALID_REQUEST, detail).with("violations", list.build());
    }

    /** {@code deliveries.arg1} says nothing to a client; the method's name is left out, the rest kept. */
    static String parameterName(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
