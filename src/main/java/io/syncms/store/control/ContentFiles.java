package io.syncms.store.control;

import io.syncms.store.entity.CorruptObjectException;
import io.syncms.store.entity.ObjectNotFoundException;
import io.syncms.store.entity.ReferenceKind;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
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
 * The files of an object store: temp files written (and forced to disk when fsync is on) while
 * their hash is computed, renamed into their fan-out directory, and read back only after their
 * content was hashed and found equal to their name.
 */
final class ContentFiles {

    private static final int BUFFER_SIZE = 64 * 1024;

    /** A file in {@code tmp/} with the hash and size of what was written to it. */
    record TempFile(Path path, String hash, long size) {
    }

    private final StoreLayout layout;
    private final boolean fsync;
    private final String tempPrefix = "w-" + UUID.randomUUID() + "-";
    private final AtomicLong tempCounter = new AtomicLong();
    private final Set<Path> knownDirectories = ConcurrentHashMap.newKeySet();

    ContentFiles(StoreLayout layout, boolean fsync) {
        this.layout = layout;
        this.fsync = fsync;
    }

    Path path(ReferenceKind kind, String hash) {
        return layout.file(kind, hash);
    }

    boolean exists(ReferenceKind kind, String hash) {
        return Files.isRegularFile(layout.file(kind, hash));
    }

    TempFile writeTemp(byte[] content) {
        return writeTemp(new ByteArrayInputStream(content), null);
    }

    /** Streams into a new temp file; the validator (may be null) sees every chunk. */
    TempFile writeTemp(InputStream in, Utf8Validator validator) {
        Path temp = layout.tmpDirectory().resolve(tempPrefix + tempCounter.incrementAndGet() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            MessageDigest digest = ObjectHashes.sha256();
            byte[] buffer = new byte[BUFFER_SIZE];
            long size = 0;
            int read;
            while ((read = in.read(buffer)) != -1) {
                digest.update(buffer, 0, read);
                if (validator != null) {
                    validator.update(buffer, 0, read);
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
                size += read;
            }
            if (validator != null) {
                validator.finish();
            }
            if (fsync) {
                channel.force(false);
            }
            return new TempFile(temp, HexFormat.of().formatHex(digest.digest()), size);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /**
     * Renames a temp file to its final name, atomically: readers see no file or the whole file.
     * Missing fan-out directories are created (and made durable). The new directory entry is
     * durable only after {@link #syncDirectory} of the target's directory.
     */
    void moveIntoPlace(Path temp, Path target) throws IOException {
        ensureDirectory(target.getParent());
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
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

    byte[] readVerified(ReferenceKind kind, String hash) {
        Path file = layout.file(kind, hash);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(kind, hash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String actual = ObjectHashes.sha256Hex(content);
        if (!actual.equals(hash)) {
            throw new CorruptObjectException(kind, hash, actual);
        }
        return content;
    }

    /**
     * Hashes the whole file, then returns a stream of it from the start, through the same open
     * file, so what is handed out is what was verified.
     */
    InputStream openVerified(ReferenceKind kind, String hash) {
        Path file = layout.file(kind, hash);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
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

    long size(ReferenceKind kind, String hash) {
        try {
            return Files.size(layout.file(kind, hash));
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(kind, hash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temp file left behind is deleted when the store is opened next
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was handed out
        }
    }
}
