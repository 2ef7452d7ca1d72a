package io.syncms.onechum.control;

/** A service refuses a request, with one of one.core's error codes (such as {@code CES-GO1}: not accessible). */
public final class OneServiceException extends RuntimeException {

    private final String code;

    public OneServiceException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
