package io.syncms.store.control;

import io.syncms.store.entity.ReferenceKind;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The keys of the {@link StoreDatabase}. Hashes are stored as their 32 bytes, not as hex.
 * <pre>
 * content family:  kind:u8 hash:32                    → {@link ContentValue}
 * log family:      seq:u64                            → {@link LogRecords}
 * default family:  'I' idHash:32                      → type of the ID object and its number of versions
 *                  'T' typeLength:u16 type idHash:32  → (empty) the ID objects of a type, in hash order
 *                  'H' idHash:32 depth:u32            → version {@code depth} of the history ({@link VersionRecords})
 *                  'V' idHash:32 dataHash:32          → depth:u32, whether a version is in the history
 *                  'Q' kind:u8 hash:32                → a quarantined item ({@link Quarantine})
 *                  'M' name                           → store metadata (epoch, open marker, migration)
 * </pre>
 * Numbers are big-endian, so keys sort by sequence number and depth.
 */
final class StoreKeys {

    static final int HASH_BYTES = 32;
    static final byte ID_INFO = 'I';
    static final byte TYPE_ID = 'T';
    static final byte HISTORY = 'H';
    static final byte VERSION_OF = 'V';
    static final byte QUARANTINED = 'Q';
    static final byte META = 'M';

    private static final HexFormat HEX = HexFormat.of();

    private StoreKeys() {
    }

    static byte kindByte(ReferenceKind kind) {
        return switch (kind) {
            case OBJECT -> 'O';
            case ID -> 'I';
            case BLOB -> 'B';
            case CLOB -> 'C';
        };
    }

    static ReferenceKind kindOf(byte value) {
        return switch (value) {
            case 'O' -> ReferenceKind.OBJECT;
            case 'I' -> ReferenceKind.ID;
            case 'B' -> ReferenceKind.BLOB;
            case 'C' -> ReferenceKind.CLOB;
            default -> throw new IllegalArgumentException("Unknown content kind byte " + value);
        };
    }

    static byte[] content(ReferenceKind kind, String hash) {
        return ByteBuffer.allocate(1 + HASH_BYTES).put(kindByte(kind)).put(hashBytes(hash)).array();
    }

    static ReferenceKind contentKind(byte[] key) {
        return kindOf(key[0]);
    }

    static String contentHash(byte[] key) {
        return HEX.formatHex(key, 1, 1 + HASH_BYTES);
    }

    static byte[] seq(long seq) {
        return ByteBuffer.allocate(Long.BYTES).putLong(seq).array();
    }

    static long seqOf(byte[] key) {
        return ByteBuffer.wrap(key).getLong();
    }

    static byte[] idInfo(String idHash) {
        return ByteBuffer.allocate(1 + HASH_BYTES).put(ID_INFO).put(hashBytes(idHash)).array();
    }

    /** The prefix of the {@code 'T'} keys of a type. */
    static byte[] typePrefix(String type) {
        byte[] name = type.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(3 + name.length).put(TYPE_ID).putShort((short) name.length).put(name).array();
    }

    static byte[] typeId(String type, String idHash) {
        byte[] prefix = typePrefix(type);
        return ByteBuffer.allocate(prefix.length + HASH_BYTES).put(prefix).put(hashBytes(idHash)).array();
    }

    static byte[] history(String idHash, int depth) {
        return ByteBuffer.allocate(1 + HASH_BYTES + Integer.BYTES).put(HISTORY).put(hashBytes(idHash)).putInt(depth).array();
    }

    static byte[] historyPrefix(String idHash) {
        return ByteBuffer.allocate(1 + HASH_BYTES).put(HISTORY).put(hashBytes(idHash)).array();
    }

    static byte[] versionOf(String idHash, String dataHash) {
        return ByteBuffer.allocate(1 + 2 * HASH_BYTES).put(VERSION_OF).put(hashBytes(idHash)).put(hashBytes(dataHash)).array();
    }

    static byte[] quarantined(ReferenceKind kind, String hash) {
        return ByteBuffer.allocate(2 + HASH_BYTES).put(QUARANTINED).put(kindByte(kind)).put(hashBytes(hash)).array();
    }

    static byte[] meta(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(1 + bytes.length).put(META).put(bytes).array();
    }

    static byte[] hashBytes(String hash) {
        return HEX.parseHex(hash);
    }

    static String hex(byte[] bytes, int offset) {
        return HEX.formatHex(bytes, offset, offset + HASH_BYTES);
    }

    /** Text the store wrote as UTF-8; anything else is damage ({@link IllegalArgumentException}), never replaced characters. */
    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("Text in the store is not well-formed UTF-8");
        }
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
