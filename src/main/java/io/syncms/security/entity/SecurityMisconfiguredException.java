package io.syncms.security.entity;

/**
 * The instance's credential settings cannot be used (a too short API token, JWT settings without an
 * issuer, an unreadable key or token file): every REST call is refused with 503 until they are fixed,
 * rather than falling back to something weaker. Readiness is DOWN with the same reason.
 */
public final class SecurityMisconfiguredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecurityMisconfiguredException(String message) {
        super(message);
    }

    public SecurityMisconfiguredException(String message, Throwable cause) {
        super(message, cause);
    }
}
