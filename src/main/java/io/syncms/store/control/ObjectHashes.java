package io.syncms.store.control;

import io.syncms.store.entity.OneObject;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * ONE hashes: SHA-256 over the UTF-8 bytes of the microdata (object hash) or of the ID
 * microdata (ID hash), as lower-case hex.
 */
public final class ObjectHashes {

    /** What JavaScript's UTF-8 encoding writes for a lone surrogate: U+FFFD. */
    private static final byte[] REPLACEMENT_CHARACTER = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private final MicrodataSerializer serializer;

    public ObjectHashes(MicrodataSerializer serializer) {
        this.serializer = serializer;
    }

    public ObjectHashes(RecipeRegistry registry) {
        this(new MicrodataSerializer(registry));
    }

    public String sha256Hex(String microdata) {
        return sha256Hex(utf8(microdata));
    }

    /** Lower-case hex SHA-256 of bytes: the name of stored content (BLOBs, CLOBs, microdata files). */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    public String hashOf(OneObject object) {
        return sha256Hex(serializer.toMicrodata(object));
    }

    public String idHashOf(OneObject object) {
        return sha256Hex(serializer.toIdMicrodata(object));
    }

    /** The UTF-8 bytes that are hashed (and stored): lone surrogates become U+FFFD as in JavaScript. */
    static byte[] utf8(String text) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(REPLACEMENT_CHARACTER);
        try {
            ByteBuffer bytes = encoder.encode(CharBuffer.wrap(text));
            byte[] result = new byte[bytes.remaining()];
            bytes.get(result);
            return result;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("UTF-8 encoding with replacement cannot fail", e);
        }
    }
}
