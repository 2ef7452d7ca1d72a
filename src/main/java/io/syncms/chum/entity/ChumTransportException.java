package io.syncms.chum.entity;

/**
 * The other instance could not be reached, or answered something that is not the Chum protocol
 * (connection refused or lost, a timeout, a 5xx, a truncated stream); the importer stops with a
 * failure (code {@code CHUM-TRANSPORT1}; never sent by an exporter, 502 if it ever reaches a client).
 */
public class ChumTransportException extends ChumException {

    private static final long serialVersionUID = 1L;

    public ChumTransportException(String detail) {
        super("CHUM-TRANSPORT1", detail);
    }

    public ChumTransportException(String detail, Throwable cause) {
        this(detail);
        initCause(cause);
    }
}
