package io.syncms.chum.entity;

/**
 * A request that is authenticated but does not fit the protocol: a handshake naming another instance
 * or person than the receiver, a reverse handshake without a matching Chum, a stale cursor, a batch
 * that is too large (code {@code CHUM-PROTOCOL1}, HTTP 400).
 */
public class ChumProtocolException extends ChumException {

    private static final long serialVersionUID = 1L;

    public ChumProtocolException(String detail) {
        super("CHUM-PROTOCOL1", detail);
    }
}
