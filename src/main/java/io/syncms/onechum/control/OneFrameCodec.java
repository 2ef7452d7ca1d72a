package io.syncms.onechum.control;

import io.syncms.onechum.entity.OneFrame;
import io.syncms.onechum.entity.OneFrame.Chunk;
import io.syncms.onechum.entity.OneFrame.Data;
import io.syncms.onechum.entity.OneFrame.Error;
import io.syncms.onechum.entity.OneFrame.Request;
import io.syncms.onechum.entity.OneFrame.StreamEnd;
import io.syncms.onechum.entity.OneFrame.StreamError;
import io.syncms.onechum.entity.OneFrame.TextChunk;
import io.syncms.onechum.entity.OneProtocolException;
import io.syncms.platform.control.Jsonp;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Reads and writes the frames of ONE's Chum protocol byte for byte as one.core does: members in
 * one.core's order ({@code requestId, type, serviceId, args}; {@code responseId, type, data}), no
 * white space, a binary frame's request id as a little-endian float64. Reading is strict: a frame
 * with an unknown type, a missing or mistyped member, or an id that is not a whole number in
 * JavaScript's safe range is a {@link OneProtocolException}.
 */
public final class OneFrameCodec {

    /** The most BLOB bytes one.core puts in one binary frame, and the most this side accepts. */
    public static final int MAX_CHUNK_BYTES = 64 * 1024;
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private OneFrameCodec() {
    }

    public static String encodeText(OneFrame frame) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = Jsonp.JSON.createGenerator(out)) {
            json.writeStartObject();
            if (frame instanceof OneFrame.StreamAbort abort) {
                json.write("requestId", abort.id()).write("type", "write-stream-error");
            } else if (frame instanceof Request request) {
                json.write("requestId", request.id()).write("type", "request")
                        .write("serviceId", request.serviceId()).writeStartArray("args");
                request.args().forEach(json::write);
                json.writeEnd();
            } else {
                json.write("responseId", frame.id()).write("type", typeOf(frame));
                if (frame instanceof Data data) {
                    json.write("data", data.data());
                } else if (frame instanceof Error error) {
                    json.write("error", error.error());
                } else if (frame instanceof StreamError error) {
                    json.write("error", error.error());
                } else if (frame instanceof TextChunk chunk) {
                    json.write("chunk", chunk.chunk())
                            .write("encoding", chunk.encoding() == null ? OneFrame.UNDEFINED : chunk.encoding());
                } else if (frame instanceof Chunk) {
                    throw new IllegalArgumentException("A BLOB chunk travels in a binary frame");
                }
            }
            json.writeEnd();
        }
        return out.toString();
    }

    private static String typeOf(OneFrame frame) {
        if (frame instanceof Data) {
            return "data";
        } else if (frame instanceof Error) {
            return "error";
        } else if (frame instanceof TextChunk) {
            return "stream";
        } else if (frame instanceof StreamEnd) {
            return "stream-end";
        } else if (frame instanceof StreamError) {
            return "stream-error";
        }
        throw new IllegalArgumentException("No text form for " + frame);
    }

    public static ByteBuffer encodeBinary(Chunk chunk) {
        if (chunk.payload().length > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("A chunk holds at most " + MAX_CHUNK_BYTES + " bytes");
        }
        ByteBuffer frame = ByteBuffer.allocate(Double.BYTES + chunk.payload().length);
        frame.order(ByteOrder.LITTLE_ENDIAN).putDouble(chunk.id()).put(chunk.payload()).flip();
        // back to the default order: the JDK's WebSocket client masks eight bytes at a time in the buffer's
        // order, so a little-endian buffer went out with every eight bytes reversed (found against one.core)
        return frame.order(ByteOrder.BIG_ENDIAN);
    }

    public static Chunk decodeBinary(ByteBuffer frame) {
        ByteBuffer bytes = frame.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.remaining() < Double.BYTES) {
            throw new OneProtocolException("A binary frame of " + bytes.remaining() + " bytes has no request id");
        }
        double id = bytes.getDouble();
        if (bytes.remaining() > MAX_CHUNK_BYTES) {
            throw new OneProtocolException("A binary frame carries " + bytes.remaining()
                    + " bytes, more than " + MAX_CHUNK_BYTES);
        }
        byte[] payload = new byte[bytes.remaining()];
        bytes.get(payload);
        return new Chunk(wholeId(id), payload);
    }

    public static OneFrame decodeText(String text) {
        JsonObject json;
        try (var reader = Jsonp.JSON.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new OneProtocolException("A text frame is a JSON object, not " + value.getValueType());
            }
            json = value.asJsonObject();
        } catch (JsonException e) {
            throw new OneProtocolException("A text frame is not JSON: " + e.getMessage(), e);
        }
        String type = string(json, "type");
        if ("write-stream-error".equals(type)) {
            return new OneFrame.StreamAbort(id(json, "requestId"));
        }
        if ("request".equals(type)) {
            long id = id(json, "requestId");
            JsonValue serviceId = json.get("serviceId");
            JsonValue args = json.get("args");
            if (!(serviceId instanceof JsonNumber number) || !number.isIntegral()
                    || number.longValue() < 0 || number.longValue() > Integer.MAX_VALUE) {
                throw new OneProtocolException("Request " + id + " has no valid serviceId");
            }
            if (!(args instanceof JsonArray array)) {
                throw new OneProtocolException("Request " + id + " has no args array");
            }
            return new Request(id, number.intValue(), List.copyOf(array));
        }
        long id = id(json, "responseId");
        return switch (type) {
            case "data" -> new Data(id, required(json, "data"));
            case "error" -> new Error(id, json.getOrDefault("error", JsonValue.NULL));
            case "stream" -> new TextChunk(id, string(json, "chunk"), encoding(json));
            case "stream-end" -> new StreamEnd(id);
            case "stream-error" -> new StreamError(id, json.getOrDefault("error", JsonValue.NULL));
            default -> throw new OneProtocolException("Unknown frame type '" + type + "'");
        };
    }

    private static String encoding(JsonObject json) {
        JsonValue value = json.get("encoding");
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw new OneProtocolException("A stream chunk's encoding is a string");
        }
        return OneFrame.UNDEFINED.equals(string.getString()) ? null : string.getString();
    }

    private static JsonValue required(JsonObject json, String member) {
        JsonValue value = json.get(member);
        if (value == null) {
            throw new OneProtocolException("A frame lacks '" + member + "'");
        }
        return value;
    }

    private static String string(JsonObject json, String member) {
        if (!(json.get(member) instanceof JsonString string)) {
            throw new OneProtocolException("A frame's '" + member + "' is not a string");
        }
        return string.getString();
    }

    private static long id(JsonObject json, String member) {
        if (!(json.get(member) instanceof JsonNumber number)) {
            throw new OneProtocolException("A frame's '" + member + "' is not a number");
        }
        return wholeId(number.doubleValue());
    }

    private static long wholeId(double id) {
        if (!(id >= 0 && id <= MAX_SAFE_INTEGER) || id != Math.rint(id)) {
            throw new OneProtocolException("A request id is a whole number from 0 to 2^53-1, not " + id);
        }
        return (long) id;
    }
}
