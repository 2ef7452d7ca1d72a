package io.syncms.onechum.control;

import io.syncms.onechum.entity.OneRemoteException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the chunks of one BLOB or CLOB go while they arrive: memory up to {@value #IN_MEMORY} bytes,
 * then a temporary file. Content over the limit is refused (the request fails, not the connection), and
 * so is anything written after it was closed (late chunks of a request given up on).
 */
final class ContentBuffer implements StreamSink, AutoCloseable {

    static final int IN_MEMORY = 256 << 10;

    private final long limit;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream spilled;
    private long size;

    ContentBuffer(long limit) {
        this.limit = limit;
    }

    @Override
    public void binary(byte[] payload) {
        write(payload);
    }

    @Override
    public void text(String chunk) {
        write(chunk.getBytes(StandardCharsets.UTF_8));
    }

    private boolean closed;

    private synchronized void write(byte[] bytes) {
        if (closed) {
            throw new OneRemoteException("The content was given up on");
        }
        size += bytes.length;
        if (size > limit) {
            throw new OneRemoteException("Content over " + limit + " bytes");
        }
        try {
            if (memory != null && size > IN_MEMORY) {
                file = Files.createTempFile("one-chum-", ".part");
                spilled = Files.newOutputStream(file);
                memory.writeTo(spilled);
                memory = null;
            }
            if (memory != null) {
                memory.write(bytes);
            } else {
                spilled.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized boolean inMemory() {
        return memory != null;
    }

    synchronized byte[] bytes() {
        return memory.toByteArray();
    }

    synchronized long size() {
        return size;
    }

    /** The content as a stream (the caller closes it). */
    synchronized InputStream open() throws IOException {
        if (memory != null) {
            return new ByteArrayInputStream(memory.toByteArray());
        }
        spilled.close();
        return Files.newInputStream(file);
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (spilled != null) {
                spilled.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temporary file left behind goes with the temporary directory
        }
    }
}
