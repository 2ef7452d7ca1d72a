package io.syncms.store.control;

import io.syncms.store.control.LegacyJournalRecord.Batch;
import io.syncms.store.control.LegacyJournalRecord.FileEntry;
import io.syncms.store.control.LegacyJournalRecord.VersionLink;
import io.syncms.store.control.LegacyJournalRecord.Voided;
import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.MigrationReport;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.Version;

import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Converts a store of the first layout (a file per object under {@code objects/}, {@code ids/},
 * {@code blobs/}, {@code clobs/}, and a journal) into the database, when the store is opened.
 *
 * <p>Every write log entry keeps its sequence number and timestamp, every version its node, and
 * the store keeps its epoch, so the checkpoints peers hold of this store stay valid. Each file is
 * read and verified against its hash; objects, ID objects and BLOBs and CLOBs up to the inline limit
 * move into the database, larger ones stay where they are (the layout of large files is the same).
 *
 * <p>The conversion only reads the old files until it is complete, and records how far it got in
 * the same atomic writes as what it converted: killed half way, it resumes where it stopped. Only
 * after everything is converted and forced to disk ({@code migration.done}) are the old files
 * deleted, the journal last: a store with a journal is converted (or its clean-up finished) on open.
 *
 * <p>As the old open did, a batch whose files are not all there (a crash before the write was
 * acknowledged) is skipped; so is a batch with a damaged file, which is moved to {@code quarantine/}.
 */
final class LegacyMigration {

    private static final Logger LOG = Logger.getLogger(LegacyMigration.class.getName());
    private static final String PROGRESS = "migration.seq";
    private static final String DONE = "migration.done";
    private static final String EPOCH = "epoch";
    /** Sequence numbers at or below it were used by the old store: never given out again. */
    static final String SEQ_FLOOR = "seq.floor";
    private static final int BATCHES_PER_WRITE = 512;
    private static final long BYTES_PER_WRITE = 16L << 20;
    private static final long PROGRESS_EVERY = 50_000;

    private final StoreLayout layout;
    private final StoreDatabase db;
    private final ExternalContent external;
    private long entries;
    private long bytes;
    private long inlined;
    private long keptAsFiles;
    private long skipped;
    private long lastReported;

    LegacyMigration(StoreLayout layout, StoreDatabase db, ExternalContent external) {
        this.layout = layout;
        this.db = db;
        this.external = external;
    }

    static boolean isNeeded(StoreLayout layout) {
        return Files.exists(layout.journalFile());
    }

    MigrationReport run() throws IOException {
        long start = System.nanoTime();
        boolean resumed = db.get(db.index(), StoreKeys.meta(PROGRESS)) != null;
        if (db.get(db.index(), StoreKeys.meta(DONE)) == null) {
            convert();
        } else {
            resumed = true;
        }
        deleteOldFiles();
        MigrationReport report = new MigrationReport(entries, bytes, inlined, keptAsFiles, skipped, resumed,
                (System.nanoTime() - start) / 1_000_000);
        LOG.info(() -> "Converted the object store " + layout.root() + " to the database layout: " + report);
        return report;
    }

    private void convert() throws IOException {
        long progress = readProgress();
        Set<Long> voided = new HashSet<>();
        String[] epoch = {null};
        long[] total = {0};
        long[] highest = {0};
        try (LegacyJournal journal = LegacyJournal.open(layout.journalFile(), false)) {
            // pass 1: what recovery voided, and the epoch the old store had (its first live entry)
            journal.replay((offset, record) -> {
                if (record instanceof Voided voidedRecord) {
                    voidedRecord.batches().forEach(batch -> voided.add(batch.firstSeq()));
                }
            });
            journal.replay((offset, record) -> {
                if (record instanceof Batch batch) {
                    highest[0] = Math.max(highest[0], batch.lastSeq());
                }
                if (record instanceof Batch batch && !voided.contains(batch.firstSeq())) {
                    total[0] += batch.files().size();
                    if (epoch[0] == null) {
                        FileEntry first = batch.files().get(0);
                        epoch[0] = first.hash() + "@" + batch.timestamp();
                    }
                }
            });
            // a batch skipped for a damaged file was visible before: peers may have seen its numbers
            writeMeta(SEQ_FLOOR, ByteBuffer.allocate(Long.BYTES).putLong(highest[0]).array());
            if (epoch[0] != null && db.get(db.index(), StoreKeys.meta(EPOCH)) == null) {
                writeMeta(EPOCH, epoch[0].getBytes(StandardCharsets.UTF_8));
            }
            LOG.info(() -> "Converting the object store " + layout.root() + " (" + total[0]
                    + " write log entries) to the database layout" + (progress > 0 ? ", resuming after seq " + progress : ""));
            // pass 2: convert, in journal order, a group of batches per atomic write
            Converter converter = new Converter(progress, voided, total[0]);
            journal.replay((offset, record) -> {
                if (record instanceof Batch batch) {
                    converter.add(batch);
                }
            });
            converter.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        db.flush();
        writeMeta(DONE, new byte[] {1});
    }

    /** Collects converted batches into atomic writes that also record the progress. */
    private final class Converter {

        private final long progress;
        private final Set<Long> voided;
        private final long total;
        private CommitGroup group;
        private int batches;
        private long groupBytes;
        private long lastSeq;

        Converter(long progress, Set<Long> voided, long total) {
            this.progress = progress;
            this.voided = voided;
            this.total = total;
        }

        void add(Batch batch) {
            if (batch.lastSeq() <= progress) {
                return;
            }
            if (voided.contains(batch.firstSeq())) {
                skipped++;
                return;
            }
            try {
                if (group == null) {
                    group = new CommitGroup(db, new VersionTable(db), external, null, Math.max(lastSeq, progress) + 1, 0);
                }
                List<Loaded> loaded = load(batch);
                if (loaded == null) {
                    skipped++;
                    return;
                }
                for (Loaded file : loaded) {
                    if (!group.isStored(file.entry().kind(), file.entry().hash())) {
                        group.putLogged(file.entry(), file.value());
                        entries++;
                    }
                    groupBytes += file.value().isExternal() ? 64 : file.value().inline().length;
                }
                VersionLink link = batch.version();
                if (link != null && !group.hasVersion(link.idHash(), link.dataHash())) {
                    String type = batch.files().stream().filter(file -> file.hash().equals(link.dataHash()))
                            .map(FileEntry::type).findFirst().orElse(null);
                    group.linkVersion(link.idHash(), type, new Version(link.dataHash(), link.nodeHash(), link.nodeSeq(), batch.timestamp()));
                }
                lastSeq = batch.lastSeq();
                if (++batches >= BATCHES_PER_WRITE || groupBytes >= BYTES_PER_WRITE) {
                    flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void flush() {
            if (group == null) {
                return;
            }
            try {
                group.batch().put(db.index(), StoreKeys.meta(PROGRESS), ByteBuffer.allocate(Long.BYTES).putLong(lastSeq).array());
                db.write(group.batch());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RocksDBException e) {
                throw new UncheckedIOException(StoreDatabase.failure("migration", e));
            } finally {
                group.close();
                group = null;
                batches = 0;
                groupBytes = 0;
            }
            boolean milestone = entries - lastReported >= PROGRESS_EVERY;
            if (milestone) {
                lastReported = entries;
            }
            LOG.log(milestone ? Level.INFO : Level.FINE, () -> "Converting " + layout.root() + ": " + entries + " of " + total
                    + " entries done");
        }
    }

    /** A file of an old batch, verified, with what goes into the database for it. */
    private record Loaded(LogEntry entry, ContentValue value) {
    }

    /** The batch's files read and verified; null if one is missing or damaged. */
    private List<Loaded> load(Batch batch) throws IOException {
        List<Loaded> loaded = new ArrayList<>(batch.files().size());
        for (FileEntry file : batch.files()) {
            Path path = locate(file);
            if (path == null) {
                LOG.warning(() -> "Not converting the write of seq " + batch.firstSeq() + "-" + batch.lastSeq() + ": "
                        + file.kind() + " " + file.hash() + " is missing (a crash before the write was acknowledged)");
                return null;
            }
            long size = Files.size(path);
            boolean inline = file.kind() == ReferenceKind.OBJECT || file.kind() == ReferenceKind.ID || size <= external.inlineLimit();
            ContentValue value;
            String actual;
            if (inline) {
                byte[] content = Files.readAllBytes(path);
                actual = ObjectHashes.sha256Hex(content);
                value = ContentValue.inline(content);
            } else {
                actual = ExternalContent.hash(path);
                value = ContentValue.external(size);
            }
            if (!actual.equals(file.hash())) {
                quarantineFile(file, path, actual);
                return null;
            }
            if (!inline && !path.equals(external.path(file.kind(), file.hash()))) {
                // a rename the crash interrupted: finish it, the old open would have
                Files.createDirectories(external.path(file.kind(), file.hash()).getParent());
                Files.move(path, external.path(file.kind(), file.hash()), StandardCopyOption.ATOMIC_MOVE);
            }
            bytes += size;
            if (inline) {
                inlined++;
            } else {
                keptAsFiles++;
            }
            loaded.add(new Loaded(file.toLogEntry(batch.timestamp()), value));
        }
        return loaded;
    }

    /** Where the file of an entry is: in place, or still in {@code tmp/}; null if neither. */
    private Path locate(FileEntry file) {
        Path placed = layout.file(file.kind(), file.hash());
        if (Files.isRegularFile(placed)) {
            return placed;
        }
        Path temp = layout.tmpDirectory().resolve(file.tempName());
        return Files.isRegularFile(temp) ? temp : null;
    }

    private void quarantineFile(FileEntry file, Path path, String actual) throws IOException {
        LOG.warning(() -> "Not converting " + file.kind() + " " + file.hash() + ": its file hashes to " + actual
                + "; moved to quarantine/");
        Files.createDirectories(layout.quarantineDirectory());
        Files.move(path, layout.quarantineDirectory().resolve(file.kind().dataType() + "-" + file.hash()),
                StandardCopyOption.REPLACE_EXISTING);
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(db.index(), StoreKeys.quarantined(file.kind(), file.hash()),
                    Quarantine.encode(System.currentTimeMillis(), "its file in the first layout hashes to " + actual));
            db.write(batch);
        } catch (RocksDBException e) {
            throw StoreDatabase.failure("migration", e);
        }
    }

    /**
     * Deletes what the database now holds: {@code objects/}, {@code ids/}, the BLOB and CLOB files
     * that were moved in, {@code tmp/}, and last the journal.
     */
    private void deleteOldFiles() throws IOException {
        deleteTree(layout.kindDirectory(ReferenceKind.OBJECT));
        deleteTree(layout.kindDirectory(ReferenceKind.ID));
        for (ReferenceKind kind : List.of(ReferenceKind.BLOB, ReferenceKind.CLOB)) {
            deleteInlinedFiles(kind);
        }
        Files.deleteIfExists(layout.journalDirectory().resolve("checkpoint"));
        Files.deleteIfExists(layout.journalDirectory().resolve("checkpoint.tmp"));
        external.syncDirectory(layout.root());
        Files.deleteIfExists(layout.journalFile());
        Files.deleteIfExists(layout.journalDirectory());
        external.syncDirectory(layout.root());
    }

    private void deleteInlinedFiles(ReferenceKind kind) throws IOException {
        Path directory = layout.kindDirectory(kind);
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory, 3)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!name.matches("[0-9a-f]{64}")) {
                continue;
            }
            byte[] value = db.get(db.content(), StoreKeys.content(kind, name));
            if (value != null && !ContentValue.decode(value).isExternal()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(path);
                } catch (NoSuchFileException e) {
                    // deleted by a clean-up that was cut short
                }
            }
        }
    }

    private long readProgress() throws IOException {
        byte[] value = db.get(db.index(), StoreKeys.meta(PROGRESS));
        return value == null ? 0 : ByteBuffer.wrap(value).getLong();
    }

    private void writeMeta(String name, byte[] value) throws IOException {
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(db.index(), StoreKeys.meta(name), value);
            db.writeDurably(batch);
        } catch (RocksDBException e) {
            throw StoreDatabase.failure("migration", e);
        }
    }

}
