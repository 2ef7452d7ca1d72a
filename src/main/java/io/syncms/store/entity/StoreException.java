package io.syncms.store.entity;

/**
 * A failure of the object store. {@link #code()} is a stable error code in the style of one.core's
 * codes ({@code OS-...} for "object store"); the message starts with it: {@code "OS-NF1: ..."}.
 */
public abstract class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    protected StoreException(String code, String detail) {
        super(code + ": " + detail);
        this.code = code;
    }

    protected StoreException(String code, String detail, Throwable cause) {
        super(code + ": " + detail, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
