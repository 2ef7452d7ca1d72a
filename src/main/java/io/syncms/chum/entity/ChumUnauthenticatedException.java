package io.syncms.chum.entity;

/**
 * A request did not prove who sent it: no or an unknown or expired session token, an unknown or
 * used challenge, an untrusted person or a signature that does not verify (code {@code CHUM-AUTH1},
 * HTTP 401).
 */
public class ChumUnauthenticatedException extends ChumException {

    private static final long serialVersionUID = 1L;

    public ChumUnauthenticatedException(String detail) {
        super("CHUM-AUTH1", detail);
    }
}
