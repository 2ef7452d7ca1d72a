package io.syncms.platform.entity;

import java.util.List;

/**
 * What a {@link ProblemType} is: its status, its path under {@code /problems/}, its title and its codes. A
 * record, so that each feature's enum of types holds one instead of repeating the fields and accessors.
 */
public record ProblemSpec(int status, String path, String title, List<String> codes) {

    public ProblemSpec {
        codes = List.copyOf(codes);
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("a problem type has at least one code");
        }
    }

    /** A type of a feature: its path is {@code <feature>/<reason>} (no feature: just the reason). */
    public static ProblemSpec of(String feature, int status, String reason, String title, String... codes) {
        return new ProblemSpec(status, feature.isEmpty() ? reason : feature + "/" + reason, title, List.of(codes));
    }
}
