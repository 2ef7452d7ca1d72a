package io.syncms.store.entity;

/**
 * A ONE object, recipe or microdata string was rejected.
 *
 * <p>{@link #code()} is the error code one.core uses for the same problem (for example
 * {@code O2M-RTYC2} for a missing mandatory property), so callers and remote instances can compare
 * rejections across implementations. The message starts with the code, like one.core's error
 * text: {@code "O2M-RTYC2: Mandatory property ..."}.
 */
public class OneValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public OneValidationException(String code, String detail) {
        super(code + ": " + detail);
        this.code = code;
    }

    public OneValidationException(String code, String detail, Throwable cause) {
        super(code + ": " + detail, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
