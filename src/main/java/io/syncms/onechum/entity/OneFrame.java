package io.syncms.onechum.entity;

import jakarta.json.JsonValue;

import java.util.List;
import java.util.Objects;

/**
 * One message of ONE's Chum protocol on its WebSocket: a request one side sends, or part of the
 * answer to one. Text frames are JSON; a BLOB travels in binary frames ({@link Chunk}). Request ids
 * count from 0 per sender, and an answer carries the id of the request it answers.
 */
public sealed interface OneFrame {

    /** JavaScript's {@code undefined}, which ONE sends as this string. */
    String UNDEFINED = "$__undefined$";

    /** The request id this frame is, or answers. */
    long id();

    /** {@code {"requestId":n,"type":"request","serviceId":s,"args":[...]}} */
    record Request(long id, int serviceId, List<JsonValue> args) implements OneFrame {
        public Request {
            args = List.copyOf(args);
        }
    }

    /** {@code {"responseId":n,"type":"data","data":x}}: the whole answer. */
    record Data(long id, JsonValue data) implements OneFrame {
        public Data {
            Objects.requireNonNull(data, "data");
        }
    }

    /** {@code {"responseId":n,"type":"error","error":x}}: the request failed. */
    record Error(long id, JsonValue error) implements OneFrame {
    }

    /**
     * {@code {"responseId":n,"type":"stream","chunk":"…","encoding":"utf8"}}: a piece of a CLOB.
     * ONE names the encoding on the first chunk only and sends {@link #UNDEFINED} on the others.
     */
    record TextChunk(long id, String chunk, String encoding) implements OneFrame {
        public TextChunk {
            Objects.requireNonNull(chunk, "chunk");
        }
    }

    /** A binary frame: the request id as a little-endian float64, then at most 64 KiB of a BLOB. */
    record Chunk(long id, byte[] payload) implements OneFrame {
        public Chunk {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** {@code {"responseId":n,"type":"stream-end"}}: a stream is complete. */
    record StreamEnd(long id) implements OneFrame {
    }

    /**
     * {@code {"requestId":n,"type":"write-stream-error"}}: the side that asked for a stream could not
     * write it and asks the server of request {@code n} to stop sending it.
     */
    record StreamAbort(long id) implements OneFrame {
    }

    /** {@code {"responseId":n,"type":"stream-error","error":x}}: a stream broke off. */
    record StreamError(long id, JsonValue error) implements OneFrame {
    }
}
