package io.syncms.store.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The recovery checkpoint: a sequence number up to which every journaled file is known to be in
 * place, so {@code open()} checks only the files of later entries. Stored as seq:i64 , crc:u32,
 * replaced atomically; a missing or damaged checkpoint means 0 (check everything).
 */
final class Checkpoint {

    private final Path file;
    private final ContentFiles files;
    private long written;

    Checkpoint(Path file, ContentFiles files) {
        this.file = file;
        this.files = files;
    }

    synchronized long read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
        if (bytes.length != 12) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long seq = buffer.getLong();
        written = seq == 0 || buffer.getInt() != crc(seq) ? 0 : seq;
        return written;
    }

    synchronized long lastWritten() {
        return written;
    }

    synchronized void write(long seq) throws IOException {
        if (seq <= written) {
            return;
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.allocate(12).putLong(seq).putInt(crc(seq)).flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        files.syncDirectory(file.getParent());
        written = seq;
    }

    private static int crc(long seq) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(seq).flip());
        return (int) crc.getValue();
    }
}
