package io.syncms.platform.control;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Decodes UTF-8 strictly: malformed or truncated sequences and encoded surrogates are errors, never
 * silently replaced by U+FFFD, so a body means exactly what its bytes say or is refused.
 */
public final class StrictUtf8 {

    private StrictUtf8() {
    }

    /** The offset of the first byte that is not well-formed UTF-8, if there is one. */
    public static OptionalLong firstMalformedByte(byte[] bytes) {
        try {
            decode(bytes);
            return OptionalLong.empty();
        } catch (MalformedInputException e) {
            return OptionalLong.of(offsetOfError(bytes));
        } catch (CharacterCodingException e) {
            return OptionalLong.of(0);
        }
    }

    public static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static long offsetOfError(byte[] bytes) {
        ByteBuffer input = ByteBuffer.wrap(bytes);
        CharBuffer output = CharBuffer.allocate(bytes.length + 1);
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(input, output, true);
        return input.position();
    }
}
