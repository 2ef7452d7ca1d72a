package io.syncms.chum.entity;

/**
 * The authenticated person asked for content that is not in their accessible closure at the time of
 * the request; nothing of the request was sent (code {@code CHUM-DENIED1}, HTTP 403).
 */
public class ChumAccessDeniedException extends ChumException {

    private static final long serialVersionUID = 1L;

    public ChumAccessDeniedException(String detail) {
        super("CHUM-DENIED1", detail);
    }
}
