package io.syncms.chum.entity;

/**
 * The export session of the token has ended (finished, stopped or failed); the remote importer
 * stops (code {@code CHUM-CLOSED1}, HTTP 410).
 */
public class ChumSessionClosedException extends ChumException {

    private static final long serialVersionUID = 1L;

    public ChumSessionClosedException(String detail) {
        super("CHUM-CLOSED1", detail);
    }
}
