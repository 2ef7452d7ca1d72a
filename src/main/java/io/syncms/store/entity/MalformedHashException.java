package io.syncms.store.entity;

/**
 * A string that should name content is not a lower-case hex SHA-256 hash (code {@code OS-HASH2}).
 * It is an {@link IllegalArgumentException}: the caller passed something that can never be a hash.
 */
public class MalformedHashException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "OS-HASH2";

    public MalformedHashException(String value) {
        super(CODE + ": Not a lower-case hex SHA-256 hash: " + abbreviated(value));
    }

    public String code() {
        return CODE;
    }

    /** Keeps a long or hostile value out of messages and logs. */
    private static String abbreviated(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
