package io.syncms.store.control;

import io.syncms.store.control.LegacyJournalRecord.Batch;
import io.syncms.store.control.LegacyJournalRecord.FileEntry;
import io.syncms.store.control.LegacyJournalRecord.VersionLink;
import io.syncms.store.control.LegacyJournalRecord.Voided;
import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.Version;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a store of the first layout, as the engine before the database wrote it: a file per item in
 * the fan-out directories, a journal batch per write (ID object, object and version node for a new
 * version of a versioned object), and the damage a crash could leave (a rename still to do, a file
 * lost, a batch declared void). It also remembers what the conversion must yield.
 */
final class LegacyStoreWriter implements AutoCloseable {

    /** What may happen to the files of the next write. */
    enum Fate { PLACED, LEFT_IN_TMP, LOST, DAMAGED }

    private final StoreLayout layout;
    private final RecipeRegistry registry = StoreFixtures.registry();
    private final MicrodataSerializer serializer = new MicrodataSerializer(registry);
    private final VersionNodes nodes = new VersionNodes();
    private final LegacyJournal journal;
    private final List<LogEntry> expected = new ArrayList<>();
    private final Map<String, List<Version>> versions = new HashMap<>();
    private long nextSeq = 1;
    private long clock = 1_700_000_000_000L;
    private int temps;
    private Batch lastBatch;
    private Fate fate = Fate.PLACED;

    LegacyStoreWriter(Path directory) throws IOException {
        layout = new StoreLayout(directory);
        for (ReferenceKind kind : ReferenceKind.values()) {
            Files.createDirectories(layout.kindDirectory(kind));
        }
        Files.createDirectories(layout.tmpDirectory());
        Files.createDirectories(layout.journalDirectory());
        journal = LegacyJournal.open(layout.journalFile(), false);
    }

    /** The files of the next write: placed (the default), still in tmp/, lost, or damaged. */
    LegacyStoreWriter next(Fate nextFate) {
        this.fate = nextFate;
        return this;
    }

    String object(OneObject object) throws IOException {
        String microdata = serializer.toMicrodata(object);
        String hash = ObjectHashes.sha256Hex(ObjectHashes.utf8(microdata));
        List<Pending> files = new ArrayList<>();
        VersionLink link = null;
        long timestamp = clock++;
        if (registry.get(object.type()).versioned()) {
            String idMicrodata = serializer.toIdMicrodata(object);
            String idHash = ObjectHashes.sha256Hex(ObjectHashes.utf8(idMicrodata));
            List<Version> history = versions.computeIfAbsent(idHash, key -> new ArrayList<>());
            if (history.isEmpty()) {
                files.add(new Pending(ReferenceKind.ID, object.type(), idHash, idMicrodata.getBytes(StandardCharsets.UTF_8)));
            }
            files.add(new Pending(ReferenceKind.OBJECT, object.type(), idHash, microdata.getBytes(StandardCharsets.UTF_8)));
            OneObject node = history.isEmpty() ? nodes.first(hash, timestamp)
                    : nodes.next(history.get(history.size() - 1).nodeHash(), hash, history.size(), timestamp);
            byte[] nodeBytes = serializer.toMicrodata(node).getBytes(StandardCharsets.UTF_8);
            files.add(new Pending(ReferenceKind.OBJECT, node.type(), null, nodeBytes));
            String nodeHash = ObjectHashes.sha256Hex(nodeBytes);
            long nodeSeq = nextSeq + files.size() - 1;
            link = new VersionLink(idHash, hash, nodeHash, nodeSeq);
            if (fate == Fate.PLACED || fate == Fate.LEFT_IN_TMP) {
                history.add(new Version(hash, nodeHash, nodeSeq, timestamp));
            }
        } else {
            files.add(new Pending(ReferenceKind.OBJECT, object.type(), null, microdata.getBytes(StandardCharsets.UTF_8)));
        }
        write(files, link, timestamp);
        return hash;
    }

    String content(ReferenceKind kind, byte[] bytes) throws IOException {
        write(List.of(new Pending(kind, null, null, bytes)), null, clock++);
        return ObjectHashes.sha256Hex(bytes);
    }

    /** Declares the last batch void, as the old recovery did when its files were lost. */
    void voidLastBatch() throws IOException {
        journal.append(new Voided(List.of(lastBatch)));
        lastBatch.files().forEach(file -> expected.removeIf(entry -> entry.seq() == file.seq()));
        VersionLink link = lastBatch.version();
        if (link != null) {
            versions.get(link.idHash()).removeIf(version -> version.hash().equals(link.dataHash()));
        }
    }

    /** The log the conversion must yield: every entry of a live batch whose files were all there and whole. */
    List<LogEntry> expectedLog() {
        return List.copyOf(expected);
    }

    List<Version> expectedVersions(String idHash) {
        return List.copyOf(versions.getOrDefault(idHash, List.of()));
    }

    private record Pending(ReferenceKind kind, String type, String idHash, byte[] bytes) {
        String hash() {
            return ObjectHashes.sha256Hex(bytes);
        }
    }

    private void write(List<Pending> files, VersionLink link, long timestamp) throws IOException {
        List<FileEntry> entries = new ArrayList<>();
        for (Pending file : files) {
            String temp = "w-legacy-" + (++temps) + ".tmp";
            String idHash = file.kind() == ReferenceKind.ID ? file.hash() : file.idHash();
            entries.add(new FileEntry(nextSeq++, file.kind(), file.hash(), file.type(), idHash, temp));
            Path target = switch (fate) {
                case PLACED, DAMAGED -> layout.file(file.kind(), file.hash());
                case LEFT_IN_TMP -> layout.tmpDirectory().resolve(temp);
                case LOST -> null;
            };
            if (target != null) {
                Files.createDirectories(target.getParent());
                byte[] content = file.bytes().clone();
                if (fate == Fate.DAMAGED) {
                    content[content.length / 2] ^= 0x20;
                }
                Files.write(target, content);
            }
        }
        lastBatch = new Batch(timestamp, entries, link);
        journal.append(lastBatch);
        if (fate == Fate.PLACED || fate == Fate.LEFT_IN_TMP) {
            entries.forEach(entry -> expected.add(entry.toLogEntry(timestamp)));
        }
        fate = Fate.PLACED;
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }
}
