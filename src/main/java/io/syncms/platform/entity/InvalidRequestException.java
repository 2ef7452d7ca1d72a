package io.syncms.platform.entity;

import java.util.List;
import java.util.stream.Collectors;

/** A request body or parameter that breaks its contract's constraints: a 400 that lists every violation. */
public class InvalidRequestException extends IllegalArgumentException {

    private final transient List<Violation> violations;

    public InvalidRequestException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
