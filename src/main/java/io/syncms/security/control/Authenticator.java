package io.syncms.security.control;

import io.syncms.security.entity.Caller;
import io.syncms.security.entity.Role;
import io.syncms.security.entity.UnauthenticatedException;

import java.util.EnumSet;
import java.util.Optional;

/**
 * Turns the {@code Authorization} header of a REST request into a {@link Caller}: the API token (both
 * roles), or a JWT when JWTs are enabled (the roles its {@code groups} claim names). Anything else is
 * refused with an {@link UnauthenticatedException}.
 */
public final class Authenticator {

    /** The name of the caller that presented the API token. */
    public static final String API_TOKEN_CALLER = "api-token";
    private static final String BEARER = "Bearer";

    private final ApiToken apiToken;
    private final Optional<JwtVerifier> jwt;

    public Authenticator(ApiToken apiToken, Optional<JwtVerifier> jwt) {
        this.apiToken = apiToken;
        this.jwt = jwt;
    }

    /** A key derived from the API token for {@code purpose} (see {@link ApiToken#derivedKey}). */
    public byte[] derivedKey(String purpose) {
        return apiToken.derivedKey(purpose);
    }

    public boolean acceptsJwt() {
        return jwt.isPresent();
    }

    /** @throws UnauthenticatedException for no credential, another scheme, or a token that is not valid */
    public Caller authenticate(String authorization) {
        String token = bearerToken(authorization);
        if (apiToken.matches(token)) {
            return new Caller(API_TOKEN_CALLER, EnumSet.allOf(Role.class), "api-token");
        }
        if (JwtVerifier.looksLikeJwt(token)) {
            return jwt.orElseThrow(() -> UnauthenticatedException.invalidToken(
                    "The token is not the API token, and this instance accepts no JWTs")).verify(token);
        }
        throw UnauthenticatedException.invalidToken("The token is not valid");
    }

    /** The token of an {@code Authorization: Bearer <token>} header (RFC 6750: the scheme is case-insensitive). */
    static String bearerToken(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw UnauthenticatedException.missing();
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase(BEARER)) {
            throw new UnauthenticatedException("invalid_request", "Only Bearer credentials are accepted here");
        }
        String token = value.substring(space + 1).strip();
        if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
            throw new UnauthenticatedException("invalid_request", "The Bearer credential is malformed");
        }
        return token;
    }
}
