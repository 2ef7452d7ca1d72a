package io.syncms.players.boundary;

import io.syncms.players.control.PlayerSession;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/**
 * Where a player's page takes part in a group: {@code ws(s)://host/players/<group>}, subprotocol
 * {@code syncms.v1}. {@link PlayerUpgradeFilter} authenticated the socket before the upgrade; the
 * session ({@link PlayerSession}) speaks the protocol. Closing the socket is the participant crashing.
 */
@ServerEndpoint(value = "/players/{group}", subprotocols = "syncms.v1")
public class PlayersEndpoint {

    private static final String SESSION = PlayerSession.class.getName();

    @Inject
    Players players;

    @OnOpen
    public void open(Session session, @PathParam("group") String group) throws IOException {
        if (!(session.getUserPrincipal() instanceof PlayerPrincipal principal)) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "not authenticated"));
            return;
        }
        session.setMaxTextMessageBufferSize(players.limits().maxFrameBytes());
        session.setMaxBinaryMessageBufferSize(64);
        PlayerSession player = players.session(group, principal.grant(),
                new PlayerWebSocket(session, players.limits().maxQueuedFrames(), players.closer()));
        session.getUserProperties().put(SESSION, player);
    }

    @OnMessage
    public void text(Session session, String text) {
        PlayerSession player = (PlayerSession) session.getUserProperties().get(SESSION);
        if (player != null) {
            player.onText(text);
        }
    }

    @OnMessage
    public void binary(Session session, byte[] bytes) throws IOException {
        session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "syncms.v1 has text frames only"));
    }

    @OnClose
    public void closed(Session session) {
        PlayerSession player = (PlayerSession) session.getUserProperties().remove(SESSION);
        if (player != null) {
            player.onClose();
        }
    }

    @OnError
    public void failed(Session session, Throwable error) {
        closed(session);
    }
}
