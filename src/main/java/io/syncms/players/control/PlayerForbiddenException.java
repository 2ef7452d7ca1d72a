package io.syncms.players.control;

/** A player token that does not allow the group, role or id the page asked for: 403. */
public final class PlayerForbiddenException extends RuntimeException {

    public PlayerForbiddenException(String message) {
        super(message);
    }
}
