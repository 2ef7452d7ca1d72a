package io.syncms.onechum.control;

import jakarta.json.JsonValue;

/** The answer to one request: data or an error, or a stream of chunks that ends or breaks off. */
public interface OneReply {

    void data(JsonValue data);

    void error(JsonValue error);

    /** Sends a BLOB chunk (at most 64 KiB) and waits until the socket took it: back pressure. */
    void binary(byte[] payload);

    /** Sends a CLOB chunk and waits until the socket took it; {@code encoding} null for "undefined". */
    void text(String chunk, String encoding);

    void end();

    void streamError(JsonValue error);
}
