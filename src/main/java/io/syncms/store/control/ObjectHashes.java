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
        MessageDigest digest = DIGESTS.get();
        digest.reset();
        return HexFormat.of().formatHex(digest.digest(bytes));
    }

    /** A new SHA-256 digest, for hashing a stream piece by piece. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** One digest per thread for whole-array hashes, which never nest (looking one up cost more than hashing a small object). */
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(ObjectHashes::sha256);

    public String hashOf(OneObject object) {
        return sha256Hex(serializer.toMicrodata(object));
    }

    public String idHashOf(OneObject object) {
        return sha256Hex(serializer.toIdMicrodata(object));
    }

    /** The UTF-8 bytes that are hashed (and stored): lone surrogates become U+FFFD as in JavaScript. */
    static byte[] utf8(String text) {
        if (!hasSurrogates(text)) {
            // the common case, and the JDK's fastest path; only lone surrogates need the encoder below
            return text.getBytes(StandardCharsets.UTF_8);
        }
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

    private static boolean hasSurrogates(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
