package io.syncms.store.control;

import io.syncms.store.entity.CorruptJournalException;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The append-only write journal: an 8-byte header {@code ONEJRNL1}, then records framed as
 * <pre>
 * length:u32 (payload bytes) , crc:u32 (CRC-32C of the payload) , payload
 * </pre>
 * A record whose frame is incomplete or fails its CRC at the end of the file is a torn write of a
 * crash and is cut off by {@link #replay}; damage followed by further non-zero data is not a torn
 * tail, and the journal refuses to open ({@link CorruptJournalException}).
 *
 * <p>Appends are serialized; {@link #sync} forces appended records to the device, and concurrent
 * callers share one force (group commit). Records are read back by offset with positional reads,
 * which run concurrently with appends.
 */
final class LegacyJournal implements Closeable {

    static final byte[] MAGIC = "ONEJRNL1".getBytes(StandardCharsets.US_ASCII);
    static final int FRAME_HEADER = 8;
    private static final int MAX_PAYLOAD = 16 * 1024 * 1024;

    /** Receives each valid record during replay. */
    @FunctionalInterface
    interface RecordHandler {
        void record(long offset, LegacyJournalRecord record);
    }

    private final FileChannel channel;
    private final boolean fsync;
    private final LegacyJournalCodec codec = new LegacyJournalCodec();
    private final Object appendLock = new Object();
    private final Object syncLock = new Object();
    private long end;
    private volatile long written;
    private long synced;
    private volatile IOException broken;

    private LegacyJournal(FileChannel channel, boolean fsync) {
        this.channel = channel;
        this.fsync = fsync;
    }

    static LegacyJournal open(Path file, boolean fsync) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            LegacyJournal journal = new LegacyJournal(channel, fsync);
            journal.checkHeader();
            return journal;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void checkHeader() throws IOException {
        long size = channel.size();
        if (size < MAGIC.length) {
            // new, or its creation was cut short
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(MAGIC), 0);
            channel.force(true);
        } else {
            ByteBuffer header = readFully(0, MAGIC.length);
            if (!header.equals(ByteBuffer.wrap(MAGIC))) {
                throw new CorruptJournalException("Not an object store journal (bad header)");
            }
        }
        end = MAGIC.length;
        written = end;
        synced = end;
    }

    /**
     * Reads every record from the start, cuts off a torn tail, and leaves the journal ready for
     * appends after the last valid record.
     *
     * @throws CorruptJournalException if a record in the middle is damaged
     */
    void replay(RecordHandler handler) throws IOException {
        long size = channel.size();
        long position = MAGIC.length;
        while (position < size) {
            byte[] payload = validPayload(position, size);
            if (payload == null) {
                cutTornTail(position, size);
                break;
            }
            handler.record(position, decode(payload, position));
            position += FRAME_HEADER + payload.length;
        }
        end = position;
        written = position;
        synced = position;
    }

    /** The payload of a complete record with a matching CRC at the position, else null. */
    private byte[] validPayload(long position, long size) throws IOException {
        if (size - position < FRAME_HEADER) {
            return null;
        }
        ByteBuffer header = readFully(position, FRAME_HEADER);
        int length = header.getInt();
        int crc = header.getInt();
        if (length <= 0 || length > MAX_PAYLOAD || position + FRAME_HEADER + length > size) {
            return null;
        }
        ByteBuffer payload = readFully(position + FRAME_HEADER, length);
        return crc(payload) == crc ? payload.array() : null;
    }

    private void cutTornTail(long position, long size) throws IOException {
        if (!onlyZerosOrTornRecord(position, size)) {
            throw new CorruptJournalException("LegacyJournal record at offset " + position + " is damaged and followed by "
                    + "more data (" + (size - position) + " bytes): not a torn last write; refusing to drop them");
        }
        channel.truncate(position);
        channel.force(true);
    }

    /**
     * A torn tail is a prefix of the last record (the declared length reaches the end of the file or
     * beyond) or space the file system extended with zeros.
     */
    private boolean onlyZerosOrTornRecord(long position, long size) throws IOException {
        if (size - position >= FRAME_HEADER) {
            int length = readFully(position, FRAME_HEADER).getInt();
            if (length > 0 && length <= MAX_PAYLOAD && position + FRAME_HEADER + length >= size) {
                return true;
            }
        } else {
            return true;
        }
        for (long offset = position; offset < size; offset += 65536) {
            ByteBuffer chunk = readFully(offset, (int) Math.min(65536, size - offset));
            while (chunk.hasRemaining()) {
                if (chunk.get() != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private LegacyJournalRecord decode(byte[] payload, long position) {
        try {
            return codec.decode(payload);
        } catch (IOException e) {
            throw new CorruptJournalException("LegacyJournal record at offset " + position + " has a valid checksum but "
                    + "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Appends a record; it is durable after {@link #sync} with the returned end offset.
     *
     * @return the offset of the record and the offset after it
     */
    long[] append(LegacyJournalRecord record) throws IOException {
        byte[] payload = codec.encode(record);
        ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER + payload.length);
        frame.putInt(payload.length).putInt(crc(ByteBuffer.wrap(payload))).put(payload).flip();
        synchronized (appendLock) {
            requireIntact();
            long start = end;
            long position = start;
            try {
                while (frame.hasRemaining()) {
                    position += channel.write(frame, position);
                }
            } catch (IOException e) {
                // a partial record must stay the last one, where replay cuts it off as a torn tail
                broken = e;
                throw e;
            }
            end = position;
            written = position;
            return new long[] {start, position};
        }
    }

    private void requireIntact() throws IOException {
        if (broken != null) {
            throw new IOException("The journal failed earlier and takes no more records until it is reopened", broken);
        }
    }

    /** Forces everything appended up to {@code offset} to the device (no-op with fsync off). */
    void sync(long offset) throws IOException {
        if (!fsync) {
            return;
        }
        synchronized (syncLock) {
            requireIntact();
            if (synced >= offset) {
                return;
            }
            long target = written;
            try {
                channel.force(false);
            } catch (IOException e) {
                // after a failed force the kernel may have dropped the data: never assume a retry saved it
                broken = e;
                throw e;
            }
            synced = target;
        }
    }

    /** The record at the offset and the offset after it; null at the end of what was written. */
    Positioned read(long offset) throws IOException {
        if (offset >= written) {
            return null;
        }
        ByteBuffer header = readFully(offset, FRAME_HEADER);
        int length = header.getInt();
        byte[] payload = new byte[length];
        readFully(offset + FRAME_HEADER, length).get(payload);
        return new Positioned(decode(payload, offset), offset + FRAME_HEADER + length);
    }

    /** A record read by offset, and where the next one starts. */
    record Positioned(LegacyJournalRecord record, long next) {
    }

    long size() {
        return written;
    }

    private ByteBuffer readFully(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("Unexpected end of journal at offset " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    private static int crc(ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
