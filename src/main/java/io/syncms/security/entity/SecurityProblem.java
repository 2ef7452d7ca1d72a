package io.syncms.security.entity;

import io.syncms.platform.entity.ProblemType;
import java.util.List;

/** The problems of authentication and authorization of the REST API. */
public enum SecurityProblem implements ProblemType {
    /** No credential, a credential of another scheme, or a token that is not valid (wrong, expired, forged). */
    UNAUTHENTICATED(401, "unauthenticated", "Unauthenticated", "AUTH-UNAUTHENTICATED1"),
    /** A valid credential without the role the call needs. */
    FORBIDDEN(403, "forbidden", "Forbidden", "AUTH-FORBIDDEN1"),
    /** The instance's own credential settings are wrong: nothing is accepted until they are fixed. */
    MISCONFIGURED(503, "misconfigured", "Credentials not set up", "AUTH-MISCONFIGURED1");

    private final int status;
    private final String path;
    private final String title;
    private final List<String> codes;

    SecurityProblem(int status, String reason, String title, String... codes) {
        this.status = status;
        this.path = "auth/" + reason;
        this.title = title;
        this.codes = List.of(codes);
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public List<String> codes() {
        return codes;
    }
}
