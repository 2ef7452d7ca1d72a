package io.syncms.chum.control;

import java.io.IOException;
import java.io.InputStream;

/**
 * Receives streamed BLOB or CLOB content, one item after the other, on the caller's thread. The
 * stream is valid only during the call; whatever the sink leaves unread is skipped.
 */
@FunctionalInterface
public interface ContentSink {

    /**
     * @param hash    the hash the content was requested by (not yet verified)
     * @param size    its length in bytes as announced by the sender
     * @param content the bytes
     */
    void accept(String hash, long size, InputStream content) throws IOException;
}
