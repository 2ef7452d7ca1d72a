package io.syncms.onechum.control;

import io.syncms.onechum.entity.OneFrame;
import io.syncms.onechum.entity.OneFrame.Chunk;
import io.syncms.onechum.entity.OneFrame.Request;
import io.syncms.onechum.entity.OneFrame.TextChunk;
import io.syncms.onechum.entity.OneProtocolException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneFrameCodecTest {

    private final List<OneRecording.Line> transcript = OneRecording.transcript();

    @Test
    void everyRecordedTextFrameIsWrittenBackToTheSameNumberOfBytes() {
        int checked = 0;
        for (OneRecording.Line line : transcript) {
            if (!line.text() || line.json().containsKey("chunkLength")) {
                continue; // the harness abbreviated the big CLOB chunks
            }
            OneFrame frame = OneFrameCodec.decodeText(line.json().toString());
            String written = OneFrameCodec.encodeText(frame);
            assertEquals(line.raw().getInt("size"), written.getBytes(StandardCharsets.UTF_8).length,
                    () -> "frame " + line.seq() + ": " + written);
            assertEquals(OneFrameCodec.decodeText(written), frame, () -> "frame " + line.seq());
            checked++;
        }
        assertEquals(82, checked); // 94 frames: 8 binary, 4 abbreviated
    }

    @Test
    void aRecordedRequestIsWrittenExactlyAsOneCoreWroteIt() {
        assertEquals("{\"requestId\":0,\"type\":\"request\",\"serviceId\":1,\"args\":[]}",
                OneFrameCodec.encodeText(new Request(0, 1, List.of())));
        OneFrame blob = OneFrameCodec.decodeText(transcript.get(10).json().toString());
        assertEquals(new Request(3, 8, List.of(
                jakarta.json.Json.createValue("5a97a5127fa9e3b0ebf24515a4571120729641f221cd323d96af375de89e5e2d"),
                jakarta.json.Json.createValue(OneFrame.UNDEFINED))), blob);
    }

    @Test
    void binaryFramesCarryTheRequestIdAsLittleEndianFloat64() {
        int checked = 0;
        for (OneRecording.Line line : transcript) {
            if (line.text()) {
                continue;
            }
            long id = line.raw().getInt("requestIdF64LE");
            int size = line.raw().getInt("payloadSize");
            byte[] head = HexFormat.of().parseHex(line.raw().getString("head16hex"));
            byte[] payload = new byte[size];
            System.arraycopy(head, 8, payload, 0, 8);

            ByteBuffer written = OneFrameCodec.encodeBinary(new Chunk(id, payload));

            // the JDK's WebSocket client masks in the buffer's byte order: only the default one is sent as it is
            assertEquals(java.nio.ByteOrder.BIG_ENDIAN, written.order());
            assertEquals(line.raw().getInt("size"), written.remaining());
            byte[] first = new byte[16];
            written.duplicate().get(first);
            assertArrayEquals(head, first, () -> "frame " + line.seq());
            Chunk read = OneFrameCodec.decodeBinary(written);
            assertEquals(id, read.id());
            assertEquals(size, read.payload().length);
            checked++;
        }
        assertEquals(8, checked);
    }

    @Test
    void aClobChunkWithoutEncodingReadsAsUndefined() {
        TextChunk first = (TextChunk) OneFrameCodec.decodeText(
                "{\"responseId\":9,\"type\":\"stream\",\"chunk\":\"a\",\"encoding\":\"utf8\"}");
        TextChunk next = (TextChunk) OneFrameCodec.decodeText(
                "{\"responseId\":9,\"type\":\"stream\",\"chunk\":\"b\",\"encoding\":\"$__undefined$\"}");

        assertEquals("utf8", first.encoding());
        assertNull(next.encoding());
        assertTrue(OneFrameCodec.encodeText(next).endsWith("\"encoding\":\"$__undefined$\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "[]", "42", "{", "{\"type\":\"request\"}",
            "{\"requestId\":-1,\"type\":\"request\",\"serviceId\":1,\"args\":[]}",
            "{\"requestId\":1.5,\"type\":\"request\",\"serviceId\":1,\"args\":[]}",
            "{\"requestId\":9007199254740992,\"type\":\"request\",\"serviceId\":1,\"args\":[]}",
            "{\"requestId\":\"1\",\"type\":\"request\",\"serviceId\":1,\"args\":[]}",
            "{\"requestId\":1,\"type\":\"request\",\"serviceId\":\"1\",\"args\":[]}",
            "{\"requestId\":1,\"type\":\"request\",\"serviceId\":1,\"args\":{}}",
            "{\"responseId\":1,\"type\":\"data\"}",
            "{\"responseId\":1,\"type\":\"stream\",\"chunk\":5}",
            "{\"responseId\":1,\"type\":\"teapot\"}",
    })
    void aMalformedTextFrameIsAProtocolViolation(String text) {
        assertThrows(OneProtocolException.class, () -> OneFrameCodec.decodeText(text));
    }

    @Test
    void aMalformedBinaryFrameIsAProtocolViolation() {
        assertThrows(OneProtocolException.class, () -> OneFrameCodec.decodeBinary(ByteBuffer.allocate(7)));
        ByteBuffer negative = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(-1).flip();
        assertThrows(OneProtocolException.class, () -> OneFrameCodec.decodeBinary(negative));
        ByteBuffer nan = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(Double.NaN).flip();
        assertThrows(OneProtocolException.class, () -> OneFrameCodec.decodeBinary(nan));
        ByteBuffer huge = ByteBuffer.allocate(8 + OneFrameCodec.MAX_CHUNK_BYTES + 1);
        assertThrows(OneProtocolException.class, () -> OneFrameCodec.decodeBinary(huge));
        assertInstanceOf(Chunk.class, OneFrameCodec.decodeBinary(ByteBuffer.allocate(8)));
    }
}
