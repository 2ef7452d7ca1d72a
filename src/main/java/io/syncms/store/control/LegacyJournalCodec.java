package io.syncms.store.control;

import io.syncms.store.control.LegacyJournalRecord.Batch;
import io.syncms.store.control.LegacyJournalRecord.FileEntry;
import io.syncms.store.control.LegacyJournalRecord.VersionLink;
import io.syncms.store.control.LegacyJournalRecord.Voided;
import io.syncms.store.entity.ReferenceKind;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The binary form of journal record payloads (big-endian, {@link DataOutputStream} conventions):
 * <pre>
 * payload  = type:u8 (1 batch, 2 voided) , body
 * batch    = timestamp:i64 , fileCount:u16 , file* , hasVersion:u8 , [idHash:32 , dataHash:32 , nodeHash:32 , nodeSeq:i64]
 * file     = seq:i64 , kind:u8 (1 object, 2 id, 3 blob, 4 clob) , hash:32 , type:utf , hasIdHash:u8 , [idHash:32] , tempName:utf
 * voided   = batchCount:u16 , batch*
 * </pre>
 * Hashes are their 32 raw bytes; {@code utf} is {@link DataOutputStream#writeUTF} (empty for no type).
 */
final class LegacyJournalCodec {

    private static final int BATCH = 1;
    private static final int VOIDED = 2;
    private static final HexFormat HEX = HexFormat.of();

    byte[] encode(LegacyJournalRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (record instanceof Batch batch) {
                out.writeByte(BATCH);
                writeBatch(out, batch);
            } else if (record instanceof Voided voided) {
                out.writeByte(VOIDED);
                out.writeShort(voided.batches().size());
                for (Batch batch : voided.batches()) {
                    writeBatch(out, batch);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IOException if the payload is not a record */
    LegacyJournalRecord decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int type = in.readUnsignedByte();
        LegacyJournalRecord record;
        if (type == BATCH) {
            record = readBatch(in);
        } else if (type == VOIDED) {
            int count = in.readUnsignedShort();
            List<Batch> batches = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                batches.add(readBatch(in));
            }
            record = new Voided(batches);
        } else {
            throw new IOException("Unknown journal record type " + type);
        }
        if (in.available() > 0) {
            throw new IOException(in.available() + " bytes after the end of a journal record");
        }
        return record;
    }

    private void writeBatch(DataOutputStream out, Batch batch) throws IOException {
        out.writeLong(batch.timestamp());
        out.writeShort(batch.files().size());
        for (FileEntry file : batch.files()) {
            out.writeLong(file.seq());
            out.writeByte(kindCode(file.kind()));
            writeHash(out, file.hash());
            out.writeUTF(file.type() == null ? "" : file.type());
            out.writeBoolean(file.idHash() != null);
            if (file.idHash() != null) {
                writeHash(out, file.idHash());
            }
            out.writeUTF(file.tempName());
        }
        VersionLink version = batch.version();
        out.writeBoolean(version != null);
        if (version != null) {
            writeHash(out, version.idHash());
            writeHash(out, version.dataHash());
            writeHash(out, version.nodeHash());
            out.writeLong(version.nodeSeq());
        }
    }

    private Batch readBatch(DataInputStream in) throws IOException {
        long timestamp = in.readLong();
        int count = in.readUnsignedShort();
        List<FileEntry> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long seq = in.readLong();
            ReferenceKind kind = kindOf(in.readUnsignedByte());
            String hash = readHash(in);
            String type = in.readUTF();
            String idHash = in.readBoolean() ? readHash(in) : null;
            files.add(new FileEntry(seq, kind, hash, type.isEmpty() ? null : type, idHash, in.readUTF()));
        }
        VersionLink version = in.readBoolean()
                ? new VersionLink(readHash(in), readHash(in), readHash(in), in.readLong())
                : null;
        if (files.isEmpty()) {
            throw new IOException("A journal batch without files");
        }
        return new Batch(timestamp, files, version);
    }

    private static void writeHash(DataOutputStream out, String hash) throws IOException {
        out.write(HEX.parseHex(StoreLayout.requireHash(hash)));
    }

    private static String readHash(DataInputStream in) throws IOException {
        byte[] hash = new byte[32];
        in.readFully(hash);
        return HEX.formatHex(hash);
    }

    private static int kindCode(ReferenceKind kind) {
        return switch (kind) {
            case OBJECT -> 1;
            case ID -> 2;
            case BLOB -> 3;
            case CLOB -> 4;
        };
    }

    private static ReferenceKind kindOf(int code) throws IOException {
        return switch (code) {
            case 1 -> ReferenceKind.OBJECT;
            case 2 -> ReferenceKind.ID;
            case 3 -> ReferenceKind.BLOB;
            case 4 -> ReferenceKind.CLOB;
            default -> throw new IOException("Unknown content kind " + code);
        };
    }
}
