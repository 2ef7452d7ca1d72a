package io.syncms.chum.control;

import io.syncms.store.entity.Sha256Hex;
import io.syncms.chum.entity.ChumException;
import io.syncms.chum.entity.ChumProtocolException;
import io.syncms.chum.entity.ChumTransportException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * BLOBs and CLOBs streamed one after the other in one {@code application/octet-stream} body,
 * framed so the receiver knows where each ends and whether the stream is complete:
 * <pre>
 * stream := MAGIC item* (END | FAILURE)
 * MAGIC  := "syncms-chum-content/1\n"
 * item   := 'C' hash (64 ASCII hex) length (8 bytes, big-endian) bytes[length]
 * END    := 'E'
 * FAILURE:= 'X' code (UTF, as DataOutput.writeUTF) message (UTF)
 * </pre>
 * Neither side holds an item in memory: the writer copies from the store's stream, the reader hands
 * the sink a view of the body that ends after the item's length. A stream that stops before END is
 * a transport failure; FAILURE carries a refusal that arose after the response was committed (a
 * grant revoked between the check and the sending).
 */
public final class ContentFrames {

    static final byte[] MAGIC = "syncms-chum-content/1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int ITEM = 'C';
    private static final int END = 'E';
    private static final int FAILURE = 'X';
    private static final int HASH_LENGTH = 64;
    private static final int BUFFER = 64 * 1024;

    private ContentFrames() {
    }

    /** Writes a framed stream; call {@link #end()} or {@link #fail} last. */
    public static final class Writer implements ContentSink {

        private final DataOutputStream out;
        private final byte[] buffer = new byte[BUFFER];

        public Writer(OutputStream out) throws IOException {
            // headers are written a few bytes at a time: buffered, or each is a call into the container
            this.out = new DataOutputStream(new BufferedOutputStream(out, BUFFER));
            this.out.write(MAGIC);
        }

        /** Writes one item: exactly {@code size} bytes of the content, which must have at least that many. */
        @Override
        public void accept(String hash, long size, InputStream content) throws IOException {
            out.write(ITEM);
            out.write(hash.getBytes(StandardCharsets.US_ASCII));
            out.writeLong(size);
            long left = size;
            while (left > 0) {
                int read = content.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    // the length is announced: the receiver would read the next item's bytes as this one's
                    throw new IOException("The content of " + hash + " ended " + left + " bytes before its announced size");
                }
                out.write(buffer, 0, read);
                left -= read;
            }
        }

        public void end() throws IOException {
            out.write(END);
            out.flush();
        }

        public void fail(String code, String message) throws IOException {
            out.write(FAILURE);
            out.writeUTF(code);
            out.writeUTF(message.length() > 8000 ? message.substring(0, 8000) : message);
            out.flush();
        }
    }

    /**
     * Reads a framed stream to its end and hands each item to the sink; whatever the sink leaves
     * unread of an item is skipped.
     *
     * @param failure      turns a FAILURE frame (code, message) into the exception to throw
     * @param maxItemBytes the largest item accepted: a larger announced length fails the stream before
     *                     any of its bytes is read
     * @throws ChumTransportException if the stream breaks off, is not a content stream, or an item is too large
     */
    public static void read(InputStream body, ContentSink sink, BiFunction<String, String, ChumException> failure,
                            long maxItemBytes) {
        // frame headers are read a few bytes at a time: buffered, or each is a call into the HTTP client
        DataInputStream in = new DataInputStream(new BufferedInputStream(body, BUFFER));
        try {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ChumTransportException("The answer is not a Chum content stream");
            }
            byte[] hashBytes = new byte[HASH_LENGTH];
            while (true) {
                int type = in.read();
                if (type == END) {
                    return;
                }
                if (type == FAILURE) {
                    throw failure.apply(in.readUTF(), in.readUTF());
                }
                if (type != ITEM) {
                    throw new ChumTransportException(type < 0 ? "The content stream broke off" : "Unknown frame " + type);
                }
                in.readFully(hashBytes);
                String hash = new String(hashBytes, StandardCharsets.US_ASCII);
                long size = in.readLong();
                if (!Sha256Hex.is(hash) || size < 0) {
                    throw new ChumProtocolException("Malformed item header in the content stream");
                }
                if (size > maxItemBytes) {
                    throw new ChumTransportException("The content stream announces " + size + " bytes for " + hash
                            + ", more than the " + maxItemBytes + " accepted");
                }
                Item item = new Item(in, size);
                sink.accept(hash, size, item);
                item.skipRest();
            }
        } catch (EOFException e) {
            throw new ChumTransportException("The content stream broke off", e);
        } catch (IOException e) {
            throw new ChumTransportException("Reading the content stream failed: " + e.getMessage(), e);
        }
    }

    /** One item's bytes: ends after its length, and cannot be closed under the reader. */
    private static final class Item extends FilterInputStream {

        private long left;

        Item(InputStream in, long size) {
            super(in);
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("The content stream broke off inside an item");
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, left));
            if (read < 0) {
                throw new EOFException("The content stream broke off inside an item");
            }
            left -= read;
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, left));
            left -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), left);
        }

        @Override
        public void close() {
            // the body goes on with the next item
        }

        void skipRest() throws IOException {
            if (left <= 0) {
                return;
            }
            byte[] buffer = new byte[(int) Math.min(BUFFER, left)];
            while (left > 0) {
                if (read(buffer, 0, buffer.length) < 0) {
                    return;
                }
            }
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
