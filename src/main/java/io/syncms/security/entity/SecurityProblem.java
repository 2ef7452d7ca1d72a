package io.syncms.security.entity;

import io.syncms.platform.entity.ProblemSpec;
import io.syncms.platform.entity.ProblemType;

/** The problems of authentication and authorization of the REST API. */
public enum SecurityProblem implements ProblemType {
    /** No credential, a credential of another scheme, or a token that is not valid (wrong, expired, forged). */
    UNAUTHENTICATED(401, "unauthenticated", "Unauthenticated", "AUTH-UNAUTHENTICATED1"),
    /** A valid credential without the role the call needs. */
    FORBIDDEN(403, "forbidden", "Forbidden", "AUTH-FORBIDDEN1", "AUTH-FORBIDDEN2"),
    /** The instance's own credential settings are wrong: nothing is accepted until they are fixed. */
    MISCONFIGURED(503, "misconfigured", "Credentials not set up", "AUTH-MISCONFIGURED1");

    private final ProblemSpec spec;

    SecurityProblem(int status, String reason, String title, String... codes) {
        this.spec = ProblemSpec.of("auth", status, reason, title, codes);
    }

    @Override
    public ProblemSpec spec() {
        return spec;
    }
}
