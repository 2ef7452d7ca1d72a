package io.syncms.store.entity;

/**
 * The store cannot serve the call: it is not open ({@code OS-CLOSED1}), or it stopped accepting
 * writes after an I/O failure left a write half done ({@code OS-FAILED1}; reopening it repairs that).
 */
public class StoreUnavailableException extends StoreException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String code, String detail) {
        super(code, detail);
    }

    public StoreUnavailableException(String code, String detail, Throwable cause) {
        super(code, detail, cause);
    }

    public static StoreUnavailableException closed() {
        return new StoreUnavailableException("OS-CLOSED1", "The object store is not open");
    }
}
