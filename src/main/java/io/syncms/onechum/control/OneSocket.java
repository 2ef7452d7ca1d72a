package io.syncms.onechum.control;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * One WebSocket as {@link OneConnection} uses it, whichever side dialed. A send may be called only
 * once the previous one completed ({@link OneConnection} sees to that, as the JDK's WebSocket requires).
 */
public interface OneSocket {

    CompletionStage<?> sendText(String text);

    CompletionStage<?> sendBinary(ByteBuffer bytes);

    /** Closes the socket with a WebSocket close code and reason; idempotent. */
    void close(int code, String reason);
}
