package io.syncms.store.control;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A value of the content family: {@code 0x00} followed by the content itself, or {@code 0x01} and
 * the size (u64) of content kept as a file beside the database ({@link ExternalContent}), for BLOBs
 * and CLOBs too large to hold in memory.
 */
record ContentValue(byte[] inline, long externalSize) {

    private static final byte INLINE = 0;
    private static final byte EXTERNAL = 1;

    static ContentValue inline(byte[] content) {
        return new ContentValue(content, -1);
    }

    static ContentValue external(long size) {
        return new ContentValue(null, size);
    }

    boolean isExternal() {
        return inline == null;
    }

    long size() {
        return isExternal() ? externalSize : inline.length;
    }

    byte[] encode() {
        if (isExternal()) {
            return ByteBuffer.allocate(1 + Long.BYTES).put(EXTERNAL).putLong(externalSize).array();
        }
        byte[] value = new byte[1 + inline.length];
        value[0] = INLINE;
        System.arraycopy(inline, 0, value, 1, inline.length);
        return value;
    }

    static ContentValue decode(byte[] value) {
        if (value.length >= 1 && value[0] == INLINE) {
            return inline(Arrays.copyOfRange(value, 1, value.length));
        }
        if (value.length == 1 + Long.BYTES && value[0] == EXTERNAL) {
            return external(ByteBuffer.wrap(value, 1, Long.BYTES).getLong());
        }
        throw new IllegalArgumentException("Not a content value (" + value.length + " bytes, tag "
                + (value.length == 0 ? "none" : value[0]) + ")");
    }
}
