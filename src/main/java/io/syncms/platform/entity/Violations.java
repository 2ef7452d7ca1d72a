package io.syncms.platform.entity;

import jakarta.validation.ConstraintViolation;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/** Bean Validation's violations as the API reports them: each field and message, in a stable order. */
public final class Violations {

    private Violations() {}

    /** @param fieldName what a client calls the violation's property path */
    public static List<Violation> of(Collection<? extends ConstraintViolation<?>> violations, UnaryOperator<String> fieldName) {
        return violations.stream()
                .map(v -> new Violation(fieldName.apply(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
    }
}
