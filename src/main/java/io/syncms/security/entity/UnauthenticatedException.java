package io.syncms.security.entity;

/**
 * The request proves no identity: 401 with {@code WWW-Authenticate: Bearer}.
 *
 * <p>{@code bearerError} is RFC 6750's error code for the header: null when the request carried no
 * credential at all (then the header says only where to authenticate), {@code invalid_request} for a
 * malformed {@code Authorization} header, {@code invalid_token} for a token that is wrong or expired.
 */
public final class UnauthenticatedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String bearerError;

    public UnauthenticatedException(String bearerError, String message) {
        super(message);
        this.bearerError = bearerError;
    }

    public static UnauthenticatedException missing() {
        return new UnauthenticatedException(null,
                "This call needs a credential: send Authorization: Bearer <API token or JWT>");
    }

    public static UnauthenticatedException invalidToken(String why) {
        return new UnauthenticatedException("invalid_token", why);
    }

    public String bearerError() {
        return bearerError;
    }
}
