package io.syncms.platform.boundary;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.platform.control.ProblemTranslator;
import io.syncms.platform.entity.ApiProblem;
import io.syncms.platform.entity.InvalidRequestException;
import io.syncms.platform.entity.Problem;
import io.syncms.platform.entity.Violation;
import io.syncms.platform.entity.Violations;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.validation.ConstraintViolationException;
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
        if (failure instanceof ConstraintViolationException constraints && !aboutAnAnswer(constraints)) {
            List<Violation> violations = Violations.of(constraints.getConstraintViolations(), ViolationProblems::parameterName);
            return problem(new InvalidRequestException(violations).getMessage(), violations);
        }
        return null;
    }

    private static Problem problem(String detail, List<Violation> violations) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        violations.forEach(v -> list.add(JSON.createObjectBuilder().add("field", v.field()).add("message", v.message())));
        return Problem.of(ApiProblem.INVALID_REQUEST, detail).with("violations", list.build());
    }

    /** A constraint on what a method returns is the server's fault, not the client's: a 500. */
    private static boolean aboutAnAnswer(ConstraintViolationException constraints) {
        return constraints.getConstraintViolations().stream().anyMatch(v -> {
            for (Path.Node node : v.getPropertyPath()) {
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return true;
                }
            }
            return false;
        });
    }

    /** {@code deliveries.after}: the method's name means nothing to a client, the parameter's does. */
    static String parameterName(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
