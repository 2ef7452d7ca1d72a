package io.syncms.store.control;

import io.syncms.store.entity.OneValidationException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks that a stream of bytes, given chunk by chunk, is well-formed UTF-8 (a CLOB), without
 * keeping the text. A character may be split across chunks.
 */
final class Utf8Validator {

    private static final int MAX_SEQUENCE = 4;

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer scratch = CharBuffer.allocate(4096);
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private long offset;

    /** @throws OneValidationException {@code OS-UTF1} at the first byte that is not UTF-8 */
    void update(byte[] bytes, int start, int length) {
        ByteBuffer input = ByteBuffer.allocate(pending.remaining() + length);
        input.put(pending).put(bytes, start, length).flip();
        decode(input, false);
        // an incomplete sequence at the end waits for the next chunk
        pending = ByteBuffer.allocate(input.remaining()).put(input).flip();
        if (pending.remaining() >= MAX_SEQUENCE) {
            throw invalid();
        }
    }

    /** @throws OneValidationException {@code OS-UTF1} if the text ends inside a character */
    void finish() {
        decode(pending, true);
        scratch.clear();
        if (decoder.flush(scratch).isError()) {
            throw invalid();
        }
    }

    private void decode(ByteBuffer input, boolean endOfInput) {
        int before = input.position();
        while (true) {
            scratch.clear();
            CoderResult result = decoder.decode(input, scratch, endOfInput);
            if (result.isError()) {
                offset += input.position() - before;
                throw invalid();
            }
            if (!result.isOverflow()) {
                offset += input.position() - before;
                return;
            }
        }
    }

    private OneValidationException invalid() {
        return new OneValidationException("OS-UTF1", "A CLOB must be UTF-8 text; malformed bytes at offset " + offset);
    }
}
