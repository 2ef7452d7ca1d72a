package io.syncms.chum.entity;

/**
 * A failure of the Chum protocol. {@link #code()} is a stable error code ({@code CHUM-...}); the
 * message starts with it. Each subclass says which HTTP status the boundary maps it to.
 */
public abstract class ChumException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    protected ChumException(String code, String detail) {
        super(code + ": " + detail);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
