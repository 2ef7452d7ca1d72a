package io.syncms.store.control;

import io.syncms.store.entity.ObjectReference;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.QuarantinedItem;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreCheckReport;
import io.syncms.store.entity.Version;

import org.rocksdb.RocksIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code fsck} for an object store: reads everything once, on a snapshot of the database, and
 * checks it — every item against its hash (a large item's file too), every object's references,
 * every write log entry and version against the content. With repair, damaged items go to
 * quarantine (through the store's writer, so a write of the same content meanwhile wins) and
 * files that no item names, older than an hour (younger ones may be a write between placing its
 * file and committing), are deleted. What cannot be repaired here — content lost to damage — is
 * reported; it is stored again when it arrives from a peer.
 */
final class StoreCheck {

    /** Puts an item in quarantine. */
    @FunctionalInterface
    interface Quarantiner {
        void quarantine(ReferenceKind kind, String hash, String reason);
    }

    private static final Duration ORPHAN_GRACE = Duration.ofHours(1);

    private final StoreDatabase db;
    private final ExternalContent external;
    private final MicrodataParser parser;
    private final RecipeRegistry registry;
    private final ObjectReferences references;
    private final Quarantiner quarantiner;
    private final List<String> problems = new ArrayList<>();
    private long items;
    private long bytes;
    private long damaged;
    private long missingFiles;
    private long dangling;
    private long logWithoutContent;
    private long versionsWithoutContent;
    private long orphanFiles;
    private long repaired;

    StoreCheck(StoreDatabase db, ExternalContent external, MicrodataParser parser, RecipeRegistry registry,
               ObjectReferences references, Quarantiner quarantiner) {
        this.db = db;
        this.external = external;
        this.parser = parser;
        this.registry = registry;
        this.references = references;
        this.quarantiner = quarantiner;
    }

    StoreCheckReport run(boolean repair) {
        long start = System.nanoTime();
        try (StoreDatabase.Snapshot snapshot = db.snapshot()) {
            checkContent(snapshot, repair);
            checkLog(snapshot);
            checkVersions(snapshot);
        }
        checkFiles(ReferenceKind.BLOB, repair);
        checkFiles(ReferenceKind.CLOB, repair);
        List<QuarantinedItem> quarantined = Quarantine.list(db, StoreCheckReport.LIST_LIMIT);
        return new StoreCheckReport(items, bytes, damaged, missingFiles, dangling, logWithoutContent,
                versionsWithoutContent, orphanFiles, repaired, quarantined, problems, (System.nanoTime() - start) / 1_000_000);
    }

    private void checkContent(StoreDatabase.Snapshot snapshot, boolean repair) {
        try (RocksIterator iterator = snapshot.iterator(db.content())) {
            for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                byte[] key = iterator.key();
                ReferenceKind kind = StoreKeys.contentKind(key);
                String hash = StoreKeys.contentHash(key);
                items++;
                String trouble = troubleWith(kind, hash, iterator.value());
                if (trouble != null) {
                    problem(kind + " " + hash + ": " + trouble);
                    if (repair) {
                        quarantiner.quarantine(kind, hash, trouble);
                        repaired++;
                    }
                }
            }
            try {
                iterator.status();
            } catch (org.rocksdb.RocksDBException e) {
                damaged++;
                problem("the database could not be read to the end: " + e.getMessage());
            }
        }
    }

    /** What is wrong with a stored item, null if nothing. */
    private String troubleWith(ReferenceKind kind, String hash, byte[] raw) {
        ContentValue value;
        try {
            value = ContentValue.decode(raw);
        } catch (IllegalArgumentException e) {
            damaged++;
            return "undecodable value: " + e.getMessage();
        }
        if (value.isExternal()) {
            return troubleWithFile(kind, hash, value.size());
        }
        bytes += value.inline().length;
        String actual = ObjectHashes.sha256Hex(value.inline());
        if (!actual.equals(hash)) {
            damaged++;
            return "content hashes to " + actual;
        }
        if (kind == ReferenceKind.OBJECT || kind == ReferenceKind.ID) {
            checkReferences(kind, hash, new String(value.inline(), StandardCharsets.UTF_8));
        }
        return null;
    }

    private String troubleWithFile(ReferenceKind kind, String hash, long size) {
        Path file = external.path(kind, hash);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) != size) {
                missingFiles++;
                return "its file " + file + " is missing or has the wrong size";
            }
            String actual = ExternalContent.hash(file);
            bytes += size;
            if (!actual.equals(hash)) {
                damaged++;
                return "its file hashes to " + actual;
            }
            return null;
        } catch (IOException e) {
            damaged++;
            return "its file cannot be read: " + e.getMessage();
        }
    }

    private void checkReferences(ReferenceKind kind, String hash, String microdata) {
        List<ObjectReference> referenced;
        try {
            OneObject object = kind == ReferenceKind.ID ? parser.parseIdObject(microdata, registry) : parser.parse(microdata, registry);
            referenced = kind == ReferenceKind.ID ? references.referencesOfIdObject(object) : references.referencesOf(object);
        } catch (RuntimeException e) {
            // stored before its recipe changed, or of a type no longer registered: nothing to follow
            return;
        }
        for (ObjectReference reference : referenced) {
            if (reference.kind() != ReferenceKind.ID && !stored(reference.kind(), reference.hash())) {
                dangling++;
                problem(kind + " " + hash + " references " + reference.kind() + " " + reference.hash() + ", which is not stored");
            }
        }
    }

    private void checkLog(StoreDatabase.Snapshot snapshot) {
        try (RocksIterator iterator = snapshot.iterator(db.log())) {
            for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                var entry = LogRecords.decode(StoreKeys.seqOf(iterator.key()), iterator.value());
                if (!stored(entry.kind(), entry.hash())) {
                    logWithoutContent++;
                    problem("log entry " + entry.seq() + " names " + entry.kind() + " " + entry.hash() + ", which is not stored");
                }
            }
        }
    }

    private void checkVersions(StoreDatabase.Snapshot snapshot) {
        byte[] prefix = {StoreKeys.HISTORY};
        try (RocksIterator iterator = snapshot.iterator(db.index())) {
            for (iterator.seek(prefix); iterator.isValid() && iterator.key()[0] == StoreKeys.HISTORY; iterator.next()) {
                Version version = VersionRecords.decodeVersion(iterator.value());
                String idHash = StoreKeys.hex(iterator.key(), 1);
                if (!stored(ReferenceKind.OBJECT, version.hash()) || !stored(ReferenceKind.OBJECT, version.nodeHash())) {
                    versionsWithoutContent++;
                    problem("a version of ID " + idHash + " (object " + version.hash() + ", node " + version.nodeHash()
                            + ") is not stored whole");
                }
            }
        }
    }

    private void checkFiles(ReferenceKind kind, boolean repair) {
        Path directory = external.path(kind, "0".repeat(64)).getParent().getParent().getParent();
        if (!Files.isDirectory(directory)) {
            return;
        }
        Instant graceEnd = Instant.now().minus(ORPHAN_GRACE);
        try (Stream<Path> files = Files.walk(directory, 3)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = file.getFileName().toString();
                boolean named = name.matches("[0-9a-f]{64}") && stored(kind, name) && external.path(kind, name).equals(file);
                if (!named) {
                    orphanFiles++;
                    FileTime modified = Files.getLastModifiedTime(file);
                    if (repair && modified.toInstant().isBefore(graceEnd)) {
                        Files.deleteIfExists(file);
                        repaired++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean stored(ReferenceKind kind, String hash) {
        try {
            return db.exists(db.content(), StoreKeys.content(kind, hash));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void problem(String line) {
        if (problems.size() < StoreCheckReport.LIST_LIMIT) {
            problems.add(line);
        }
    }
}
