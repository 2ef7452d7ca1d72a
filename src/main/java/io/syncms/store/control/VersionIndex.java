package io.syncms.store.control;

import io.syncms.store.control.JournalRecord.Batch;
import io.syncms.store.control.JournalRecord.FileEntry;
import io.syncms.store.control.JournalRecord.VersionLink;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.Version;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ID objects in the store, by type, and the version history of each ID hash, oldest first; the
 * head is the newest. Built from the journal batches (at open and on every write), kept in memory:
 * about 300 bytes a version.
 */
final class VersionIndex {

    private final Map<String, History> histories = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> idHashesByType = new ConcurrentHashMap<>();

    /** Adds the ID objects and the version of a batch. */
    void apply(Batch batch) {
        for (FileEntry file : batch.files()) {
            if (file.kind() == ReferenceKind.ID) {
                history(file.hash(), file.type());
            }
        }
        VersionLink link = batch.version();
        if (link != null) {
            String type = batch.files().stream()
                    .filter(file -> file.hash().equals(link.dataHash()))
                    .map(FileEntry::type)
                    .findFirst()
                    .orElse(null);
            history(link.idHash(), type).add(new Version(link.dataHash(), link.nodeHash(), link.nodeSeq(), batch.timestamp()));
        }
    }

    /** Takes back what {@link #apply} added for a batch that recovery declared void. */
    void undo(Batch batch) {
        VersionLink link = batch.version();
        if (link != null) {
            History history = histories.get(link.idHash());
            if (history != null) {
                history.remove(link.dataHash());
            }
        }
        for (FileEntry file : batch.files()) {
            if (file.kind() == ReferenceKind.ID) {
                History history = histories.get(file.hash());
                if (history != null && history.isEmpty()) {
                    histories.remove(file.hash());
                    Set<String> ofType = idHashesByType.get(history.type);
                    if (ofType != null) {
                        ofType.remove(file.hash());
                    }
                }
            }
        }
    }

    boolean hasVersion(String idHash, String dataHash) {
        History history = histories.get(idHash);
        return history != null && history.contains(dataHash);
    }

    Optional<Version> head(String idHash) {
        History history = histories.get(idHash);
        return history == null ? Optional.empty() : history.head();
    }

    List<Version> versions(String idHash) {
        History history = histories.get(idHash);
        return history == null ? List.of() : history.list();
    }

    /** The number of versions of the ID hash. */
    int count(String idHash) {
        History history = histories.get(idHash);
        return history == null ? 0 : history.size();
    }

    Optional<String> typeOf(String idHash) {
        History history = histories.get(idHash);
        return history == null ? Optional.empty() : Optional.ofNullable(history.type);
    }

    /** The ID hashes of a type, sorted. */
    Set<String> idHashes(String type) {
        Set<String> ofType = idHashesByType.get(type);
        return ofType == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(ofType));
    }

    private History history(String idHash, String type) {
        History history = histories.computeIfAbsent(idHash, key -> new History(type));
        if (history.type != null) {
            idHashesByType.computeIfAbsent(history.type, key -> ConcurrentHashMap.newKeySet()).add(idHash);
        }
        return history;
    }

    /** The versions of one ID hash, by object hash, in history order. */
    private static final class History {

        private final String type;
        private final LinkedHashMap<String, Version> versions = new LinkedHashMap<>();
        private Version head;

        History(String type) {
            this.type = type;
        }

        synchronized void add(Version version) {
            if (versions.putIfAbsent(version.hash(), version) == null) {
                head = version;
            }
        }

        synchronized void remove(String dataHash) {
            if (versions.remove(dataHash) != null) {
                head = versions.isEmpty() ? null : new ArrayList<>(versions.values()).get(versions.size() - 1);
            }
        }

        synchronized boolean contains(String dataHash) {
            return versions.containsKey(dataHash);
        }

        synchronized int size() {
            return versions.size();
        }

        synchronized boolean isEmpty() {
            return versions.isEmpty();
        }

        synchronized Optional<Version> head() {
            return Optional.ofNullable(head);
        }

        synchronized List<Version> list() {
            return List.copyOf(versions.values());
        }
    }
}
