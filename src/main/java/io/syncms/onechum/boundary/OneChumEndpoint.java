package io.syncms.onechum.boundary;

import io.syncms.onechum.control.OneConnection;
import io.syncms.onechum.entity.OnePeer;

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
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Where a registered ONE peer connects to Chum: {@code ws://host/one-chum/<credential>}. one.core's Chum
 * has no authentication of its own, so the credential the admin got when registering the peer
 * ({@code POST /api/one-peers}) is the only way in: {@link OneChumUpgradeFilter} refuses an upgrade
 * without a valid one (401) before a frame is read, and this endpoint checks it again before it
 * reads one. The Chum then runs with the registration's names and persons; the socket closing ends it.
 */
@ServerEndpoint("/one-chum/{credential}")
public class OneChumEndpoint {

    private static final String CONNECTION = OneConnection.class.getName();

    @Inject
    OneChums chums;

    @OnOpen
    public void open(Session session, @PathParam("credential") String credential) throws IOException {
        Optional<OnePeer> peer = chums.peers().authenticate(credential);
        if (peer.isEmpty()) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "unknown credential"));
            return;
        }
        session.setMaxTextMessageBufferSize(chums.maxMessageBytes());
        session.setMaxBinaryMessageBufferSize(chums.maxMessageBytes());
        OneConnection connection = chums.connection(new JakartaSocket(session));
        session.getUserProperties().put(CONNECTION, connection);
        try {
            chums.accept(peer.get(), connection);
        } catch (RuntimeException e) {
            // at capacity, already connected, or the store is unavailable: the peer may try again later
            session.getUserProperties().remove(CONNECTION);
            session.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, shorten(String.valueOf(e.getMessage()))));
        }
    }

    @OnMessage
    public void text(Session session, String text) {
        connection(session).ifPresent(connection -> connection.onText(text));
    }

    @OnMessage
    public void binary(Session session, ByteBuffer bytes) {
        connection(session).ifPresent(connection -> connection.onBinary(bytes));
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        connection(session).ifPresent(connection -> connection.onClose("closed by the peer (" + reason + ")"));
    }

    @OnError
    public void failed(Session session, Throwable error) {
        connection(session).ifPresent(connection -> connection.onClose("socket error: " + error));
    }

    /** A close reason is at most 123 bytes. */
    private static String shorten(String reason) {
        return reason.length() > 60 ? reason.substring(0, 60) : reason;
    }

    private static Optional<OneConnection> connection(Session session) {
        return Optional.ofNullable((OneConnection) session.getUserProperties().get(CONNECTION));
    }
}
