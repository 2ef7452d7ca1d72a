package io.syncms.chum.entity;

/**
 * A person is already paired with another key or URL (code {@code CHUM-PAIRED1}, HTTP 409): pairing
 * never replaces silently, or anyone who may pair could take over another person's Chums. Replacing a
 * pairing is its own explicit call ({@code PUT /api/peers/{personId}}).
 */
public class PairingConflictException extends ChumException {

    private static final long serialVersionUID = 1L;

    public PairingConflictException(String detail) {
        super("CHUM-PAIRED1", detail);
    }
}
