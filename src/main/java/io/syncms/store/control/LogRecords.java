package io.syncms.store.control;

import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.ReferenceKind;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Write log entries as values of the log family:
 * <pre>
 * format:u8 (1) , timestamp:i64 , kind:u8 , hash:32 , flags:u8 , [typeLength:u16 , type] , [idHash:32]
 * </pre>
 * flags: 1 = a type follows, 2 = an ID hash follows, 4 = the ID hash is the hash itself (an ID object).
 * About 50 bytes for an object entry; the sequence number is the key.
 */
final class LogRecords {

    private static final byte FORMAT = 1;
    private static final int HAS_TYPE = 1;
    private static final int HAS_ID = 2;
    private static final int ID_IS_SELF = 4;

    private LogRecords() {
    }

    static byte[] encode(LogEntry entry) {
        byte[] type = entry.type() == null ? null : entry.type().getBytes(StandardCharsets.UTF_8);
        boolean idIsSelf = entry.idHash() != null && entry.idHash().equals(entry.hash());
        boolean hasId = entry.idHash() != null && !idIsSelf;
        int flags = (type == null ? 0 : HAS_TYPE) | (hasId ? HAS_ID : 0) | (idIsSelf ? ID_IS_SELF : 0);
        ByteBuffer buffer = ByteBuffer.allocate(1 + Long.BYTES + 1 + StoreKeys.HASH_BYTES + 1
                + (type == null ? 0 : 2 + type.length) + (hasId ? StoreKeys.HASH_BYTES : 0));
        buffer.put(FORMAT).putLong(entry.timestamp()).put(StoreKeys.kindByte(entry.kind()))
                .put(StoreKeys.hashBytes(entry.hash())).put((byte) flags);
        if (type != null) {
            buffer.putShort((short) type.length).put(type);
        }
        if (hasId) {
            buffer.put(StoreKeys.hashBytes(entry.idHash()));
        }
        return buffer.array();
    }

    /** @throws IllegalArgumentException if the value is not a log entry of this format */
    static LogEntry decode(long seq, byte[] value) {
        try {
            return read(seq, value);
        } catch (RuntimeException e) {
            throw e instanceof IllegalArgumentException ? e : new IllegalArgumentException("Malformed write log entry at seq " + seq, e);
        }
    }

    private static LogEntry read(long seq, byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        if (buffer.get() != FORMAT) {
            throw new IllegalArgumentException("Unknown write log entry format at seq " + seq);
        }
        long timestamp = buffer.getLong();
        ReferenceKind kind = StoreKeys.kindOf(buffer.get());
        String hash = StoreKeys.hex(value, buffer.position());
        buffer.position(buffer.position() + StoreKeys.HASH_BYTES);
        int flags = buffer.get();
        String type = null;
        if ((flags & HAS_TYPE) != 0) {
            byte[] name = new byte[Short.toUnsignedInt(buffer.getShort())];
            buffer.get(name);
            type = StoreKeys.strictUtf8(name);
        }
        String idHash = null;
        if ((flags & HAS_ID) != 0) {
            idHash = StoreKeys.hex(value, buffer.position());
            buffer.position(buffer.position() + StoreKeys.HASH_BYTES);
        } else if ((flags & ID_IS_SELF) != 0) {
            idHash = hash;
        }
        boolean bothIds = (flags & HAS_ID) != 0 && ((flags & ID_IS_SELF) != 0 || hash.equals(idHash));
        if (buffer.hasRemaining() || bothIds || (flags & ~(HAS_TYPE | HAS_ID | ID_IS_SELF)) != 0) {
            throw new IllegalArgumentException("Malformed write log entry at seq " + seq);
        }
        return new LogEntry(seq, timestamp, kind, hash, type, idHash);
    }
}
