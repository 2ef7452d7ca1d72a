package io.syncms.chum.entity;

import io.syncms.store.entity.Sha256Hex;
import java.util.Objects;

/** Argument checks the Chum's records share, with the limits a caller's text must keep. */
final class Checks {

    /** The longest name, nonce, key or id (one line of the signed handshake text). */
    static final int MAX_LINE = 256;
    /** The longest other text (a URL). */
    static final int MAX_TEXT = 2048;

    private Checks() {
    }

    static String hash(String value, String what) {
        if (!Sha256Hex.is(value)) {
            throw new IllegalArgumentException("The " + what + " must be a lower-case 64-hex SHA-256 hash: " + value);
        }
        return value;
    }

    static String text(String value, String what) {
        return text(value, what, MAX_TEXT);
    }

    private static String text(String value, String what, int maxLength) {
        if (Objects.requireNonNull(value, what).isBlank()) {
            throw new IllegalArgumentException("The " + what + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException("The " + what + " has at most " + maxLength + " characters, not " + value.length());
        }
        return value;
    }

    /** Text that goes into the line-based signed handshake text: not blank, no control characters. */
    static String line(String value, String what) {
        text(value, what, MAX_LINE);
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("The " + what + " must not contain a line break or another control character");
        }
        return value;
    }
}
