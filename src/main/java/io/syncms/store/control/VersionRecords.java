package io.syncms.store.control;

import io.syncms.store.entity.Version;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Values of the version index:
 * <pre>
 * 'I' (ID info):  typeLength:u16 , type , versions:u32 , [headNodeHash:32 when versions > 0]
 * 'H' (version):  dataHash:32 , nodeHash:32 , nodeSeq:i64 , timestamp:i64
 * 'V' (member):   depth:u32
 * </pre>
 */
final class VersionRecords {

    /** What the index knows of an ID hash: its type, how many versions it has, the head's node. */
    record IdInfo(String type, int versions, String headNode) {

        IdInfo withVersion(String nodeHash) {
            return new IdInfo(type, versions + 1, nodeHash);
        }
    }

    private VersionRecords() {
    }

    static byte[] encodeInfo(IdInfo info) {
        byte[] type = (info.type() == null ? "" : info.type()).getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(2 + type.length + Integer.BYTES
                + (info.versions() > 0 ? StoreKeys.HASH_BYTES : 0));
        buffer.putShort((short) type.length).put(type).putInt(info.versions());
        if (info.versions() > 0) {
            buffer.put(StoreKeys.hashBytes(info.headNode()));
        }
        return buffer.array();
    }

    /** @throws IllegalArgumentException if the value is not an ID info record */
    static IdInfo decodeInfo(byte[] value) {
        try {
            return readInfo(value);
        } catch (RuntimeException e) {
            throw e instanceof IllegalArgumentException ? e : new IllegalArgumentException("Malformed ID info record", e);
        }
    }

    private static IdInfo readInfo(byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        byte[] type = new byte[Short.toUnsignedInt(buffer.getShort())];
        buffer.get(type);
        int versions = buffer.getInt();
        if (versions < 0 || buffer.remaining() != (versions > 0 ? StoreKeys.HASH_BYTES : 0)) {
            throw new IllegalArgumentException("Malformed ID info record");
        }
        String head = versions > 0 ? StoreKeys.hex(value, buffer.position()) : null;
        return new IdInfo(StoreKeys.strictUtf8(type), versions, head);
    }

    static byte[] encodeVersion(Version version) {
        return ByteBuffer.allocate(2 * StoreKeys.HASH_BYTES + 2 * Long.BYTES)
                .put(StoreKeys.hashBytes(version.hash())).put(StoreKeys.hashBytes(version.nodeHash()))
                .putLong(version.seq()).putLong(version.timestamp()).array();
    }

    /** @throws IllegalArgumentException if the value is not a version record */
    static Version decodeVersion(byte[] value) {
        if (value.length != 2 * StoreKeys.HASH_BYTES + 2 * Long.BYTES) {
            throw new IllegalArgumentException("Malformed version record of " + value.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(value, 2 * StoreKeys.HASH_BYTES, 2 * Long.BYTES);
        return new Version(StoreKeys.hex(value, 0), StoreKeys.hex(value, StoreKeys.HASH_BYTES), buffer.getLong(), buffer.getLong());
    }

    static byte[] encodeDepth(int depth) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(depth).array();
    }
}
