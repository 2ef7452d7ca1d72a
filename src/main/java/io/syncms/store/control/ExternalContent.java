package io.syncms.store.control;

import io.syncms.store.entity.CorruptObjectException;
import io.syncms.store.entity.ObjectNotFoundException;
import io.syncms.store.entity.ReferenceKind;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * BLOBs and CLOBs too large to keep in the database, as files named by their hash
 * ({@code blobs/ab/cd/abcd…}, {@code clobs/…}), and the staging of every streamed BLOB or CLOB:
 * content is hashed as it arrives and kept in memory up to the inline limit; beyond that it goes to
 * a temp file (forced when fsync is on) that is renamed into place, and its directory forced,
 * before the database write that makes it visible. A file whose database entry never came (a crash
 * in between) is invisible and is reused when the same content is stored again.
 */
final class ExternalContent {

    private static final int BUFFER_SIZE = 64 * 1024;

    /** Content read from a stream: in memory ({@code inline}) or in a temp file ({@code temp}). */
    record Staged(String hash, long size, byte[] inline, Path temp) {

        boolean isInline() {
            return inline != null;
        }
    }

    private final StoreLayout layout;
    private final boolean fsync;
    private final int inlineLimit;
    private final String tempPrefix = "w-" + UUID.randomUUID() + "-";
    private final AtomicLong tempCounter = new AtomicLong();
    private final Set<Path> knownDirectories = ConcurrentHashMap.newKeySet();

    ExternalContent(StoreLayout layout, boolean fsync, int inlineLimit) {
        this.layout = layout;
        this.fsync = fsync;
        this.inlineLimit = inlineLimit;
    }

    int inlineLimit() {
        return inlineLimit;
    }

    Path path(ReferenceKind kind, String hash) {
        return layout.file(kind, hash);
    }

    /**
     * Reads the stream to its end, hashing it; the validator (may be null) sees every chunk. Up to
     * the inline limit the content stays in memory, beyond it in a temp file the caller places or
     * discards.
     */
    Staged stage(InputStream in, Utf8Validator validator) {
        MessageDigest digest = ObjectHashes.sha256();
        ByteArrayOutputStream memory = new ByteArrayOutputStream(Math.min(inlineLimit, 8192));
        byte[] buffer = new byte[BUFFER_SIZE];
        Path temp = null;
        FileChannel channel = null;
        long size = 0;
        try {
            int read;
            while ((read = in.read(buffer)) != -1) {
                digest.update(buffer, 0, read);
                if (validator != null) {
                    validator.update(buffer, 0, read);
                }
                size += read;
                if (channel == null && size <= inlineLimit) {
                    memory.write(buffer, 0, read);
                    continue;
                }
                if (channel == null) {
                    temp = newTempPath();
                    channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    writeFully(channel, memory.toByteArray(), memory.size());
                    memory = null;
                }
                writeFully(channel, buffer, read);
            }
            if (validator != null) {
                validator.finish();
            }
            String hash = HexFormat.of().formatHex(digest.digest());
            if (channel == null) {
                return new Staged(hash, size, memory.toByteArray(), null);
            }
            if (fsync) {
                channel.force(false);
            }
            channel.close();
            return new Staged(hash, size, null, temp);
        } catch (IOException e) {
            closeQuietly(channel);
            deleteQuietly(temp);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            deleteQuietly(temp);
            throw e;
        }
    }

    /** Renames a staged temp file to its final name (atomically) and makes the rename durable. */
    void place(ReferenceKind kind, Staged staged) throws IOException {
        Path target = path(kind, staged.hash());
        ensureDirectory(target.getParent());
        Files.move(staged.temp(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.getParent());
    }

    /** Whether the file of stored content is there with the size the database recorded. */
    boolean isIntact(ReferenceKind kind, String hash, long size) {
        try {
            return Files.size(path(kind, hash)) == size;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Hashes the whole file, then returns a stream of it from the start, through the same open
     * file, so what is handed out is what was verified.
     */
    InputStream openVerified(ReferenceKind kind, String hash) {
        FileChannel channel;
        try {
            channel = FileChannel.open(path(kind, hash), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(kind, hash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            String actual = hash(channel);
            if (!actual.equals(hash)) {
                throw new CorruptObjectException(kind, hash, actual);
            }
            return Channels.newInputStream(channel.position(0));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Moves the file of damaged content aside, into {@code quarantine/}; false if there was none. */
    boolean quarantine(ReferenceKind kind, String hash) throws IOException {
        Path file = path(kind, hash);
        if (!Files.exists(file)) {
            return false;
        }
        Files.createDirectories(layout.quarantineDirectory());
        Files.move(file, layout.quarantineDirectory().resolve(kind.dataType() + "-" + hash + "-" + System.currentTimeMillis()),
                StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    static String hash(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return hash(channel);
        }
    }

    private static String hash(FileChannel channel) throws IOException {
        MessageDigest digest = ObjectHashes.sha256();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
        long position = 0;
        int read;
        while ((read = channel.read(buffer, position)) != -1) {
            digest.update(buffer.array(), 0, read);
            position += read;
            buffer.clear();
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Deletes what a crash left in {@code tmp/}; returns how many files. */
    int emptyTmp() throws IOException {
        int deleted = 0;
        Files.createDirectories(layout.tmpDirectory());
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(layout.tmpDirectory())) {
            for (Path temp : temps) {
                if (Files.deleteIfExists(temp)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** Makes renames and creations in the directory durable (no-op with fsync off). */
    void syncDirectory(Path directory) throws IOException {
        if (!fsync) {
            return;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException e) {
            // platforms that cannot open a directory (Windows) make renames durable themselves
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }

    private Path newTempPath() {
        return layout.tmpDirectory().resolve(tempPrefix + tempCounter.incrementAndGet() + ".tmp");
    }

    private void ensureDirectory(Path directory) throws IOException {
        if (knownDirectories.contains(directory)) {
            return;
        }
        ensureParentChain(directory);
        knownDirectories.add(directory);
    }

    private void ensureParentChain(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        ensureParentChain(directory.getParent());
        try {
            Files.createDirectory(directory);
        } catch (FileAlreadyExistsException e) {
            return;
        }
        syncDirectory(directory.getParent());
    }

    private static void writeFully(FileChannel channel, byte[] bytes, int length) throws IOException {
        ByteBuffer chunk = ByteBuffer.wrap(bytes, 0, length);
        while (chunk.hasRemaining()) {
            channel.write(chunk);
        }
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temp file left behind is deleted when the store is opened next
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was handed out
        }
    }
}
