package io.syncms.chum.entity;

import java.util.Objects;
import java.util.regex.Pattern;

/** Argument checks the Chum's records share. */
final class Checks {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private Checks() {
    }

    static String hash(String value, String what) {
        if (value == null || !HASH.matcher(value).matches()) {
            throw new IllegalArgumentException("The " + what + " must be a lower-case 64-hex SHA-256 hash: " + value);
        }
        return value;
    }

    static String text(String value, String what) {
        if (Objects.requireNonNull(value, what).isBlank()) {
            throw new IllegalArgumentException("The " + what + " must not be blank");
        }
        return value;
    }

    /** Text that goes into the line-based signed handshake text: not blank, no line breaks. */
    static String line(String value, String what) {
        text(value, what);
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("The " + what + " must not contain a line break");
        }
        return value;
    }
}
