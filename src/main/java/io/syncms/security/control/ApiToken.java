package io.syncms.security.control;

import io.syncms.security.entity.SecurityMisconfiguredException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The instance's API token. Only its SHA-256 digest is kept, and a presented token is compared by
 * digest with {@link MessageDigest#isEqual}: the time a comparison takes says nothing about how much
 * of the token was right, not even its length.
 */
public final class ApiToken {

    /** Shorter configured tokens are refused: they could be guessed. */
    public static final int MIN_LENGTH = 16;
    private static final int GENERATED_BYTES = 32;

    private final byte[] digest;

    private ApiToken(String token) {
        this.digest = sha256(token);
    }

    /**
     * A configured token.
     *
     * @throws SecurityMisconfiguredException if it is shorter than {@value #MIN_LENGTH} characters or has white space
     */
    public static ApiToken of(String token, String source) {
        if (token.length() < MIN_LENGTH) {
            throw new SecurityMisconfiguredException("The API token from " + source + " has " + token.length()
                    + " characters; it needs at least " + MIN_LENGTH);
        }
        if (token.chars().anyMatch(Character::isWhitespace)) {
            throw new SecurityMisconfiguredException("The API token from " + source + " contains white space");
        }
        return new ApiToken(token);
    }

    /** A fresh random token: 32 bytes from a {@link SecureRandom}, base64url without padding (43 characters). */
    public static String generate() {
        byte[] bytes = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A key for {@code purpose} derived from the token (HMAC-SHA256 keyed by its digest): instances with the
     * same API token derive the same key, and a new token makes every key derived from the old one useless.
     */
    public byte[] derivedKey(String purpose) {
        return io.syncms.platform.control.HmacSha256.mac(digest, purpose.getBytes(StandardCharsets.UTF_8));
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
