package io.syncms.chum.entity;

/** No Chum with that id, or no trusted peer with that person ID, is known here (code {@code CHUM-NF1}, HTTP 404). */
public class ChumNotFoundException extends ChumException {

    private static final long serialVersionUID = 1L;

    public ChumNotFoundException(String detail) {
        super("CHUM-NF1", detail);
    }
}
