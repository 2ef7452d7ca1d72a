package io.syncms.security.entity;

/** The problem codes of authentication and authorization (the {@code code} member of a problem). */
public enum SecurityCode {
    /** No credential, a credential of another scheme, or a token that is not valid (wrong, expired, forged). */
    AUTH_UNAUTHENTICATED1,
    /** A valid credential without the role the call needs. */
    AUTH_FORBIDDEN1,
    /** The instance's own credential settings are wrong: nothing is accepted until they are fixed. */
    AUTH_MISCONFIGURED1;

    /** As written in problems: {@code AUTH-UNAUTHENTICATED1}. */
    public String code() {
        return name().replace('_', '-');
    }
}
