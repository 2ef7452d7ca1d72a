package io.syncms.players.control;

/** A player's WebSocket as the session sees it: frames out, and closing. */
public interface PlayerSocket {

    /** Queues a text frame; never blocks. A socket whose page stopped reading closes itself. */
    void send(String text);

    void close(int code, String reason);
}
