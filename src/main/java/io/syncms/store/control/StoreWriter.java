package io.syncms.store.control;

import io.syncms.store.control.ContentFiles.TempFile;
import io.syncms.store.control.JournalRecord.Batch;
import io.syncms.store.control.JournalRecord.FileEntry;
import io.syncms.store.control.JournalRecord.VersionLink;
import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreUnavailableException;
import io.syncms.store.entity.Version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Commits files that were written to {@code tmp/} (and hashed) into the store, as one journal batch:
 * <ol>
 *   <li>lock the hashes involved (a stripe per hash; the ID hash of a versioned object too, which
 *       serializes the versions of one ID);
 *   <li>drop files that are already stored; for a version not yet in the history, write the version
 *       node that links it to the current head;
 *   <li>append the batch to the journal and force it to disk;
 *   <li>rename the files into place, children first, and force their directories;
 *   <li>make the files visible, then move the head, then make the log entries visible.
 * </ol>
 * Until step 5, the files count as absent for {@link #isInFlight readers}: a file is visible only
 * when it is durable, so nothing can reference a file a crash could still take back. If an I/O
 * error strikes after the journal was touched, the write is left for recovery and the store stops
 * accepting writes until it is reopened.
 */
final class StoreWriter {

    private static final int STRIPES = 1024;

    /** A file in {@code tmp/} to be stored. */
    record PendingFile(ReferenceKind kind, String type, String idHash, TempFile temp) {

        String hash() {
            return temp.hash();
        }
    }

    /** The versioned object {@code dataHash} is to be in the history of {@code idHash}. */
    record VersionRequest(String idHash, String dataHash) {
    }

    /** What a commit wrote (null batch: nothing) and the log entries that became visible. */
    record Commit(Batch batch, List<LogEntry> visible) {

        static final Commit NOTHING = new Commit(null, List.of());

        Optional<FileEntry> entry(ReferenceKind kind, String hash) {
            return batch == null ? Optional.empty() : batch.files().stream()
                    .filter(file -> file.kind() == kind && file.hash().equals(hash))
                    .findFirst();
        }
    }

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ContentFiles files;
    private final WriteLog log;
    private final VersionIndex versions;
    private final MicrodataSerializer serializer;
    private final VersionNodes nodes = new VersionNodes();
    private final Clock clock;
    private volatile Throwable failure;

    StoreWriter(ContentFiles files, WriteLog log, VersionIndex versions, MicrodataSerializer serializer, Clock clock) {
        this.files = files;
        this.log = log;
        this.versions = versions;
        this.serializer = serializer;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    boolean isInFlight(ReferenceKind kind, String hash) {
        return !inFlight.isEmpty() && inFlight.contains(key(kind, hash));
    }

    /** Commits the files in the given order (referenced files first), and the version if any. */
    Commit commit(List<PendingFile> pending, VersionRequest version) {
        List<ReentrantLock> locks = lockStripes(pending, version);
        List<PendingFile> toWrite = new ArrayList<>();
        boolean journalTouched = false;
        try {
            requireHealthy();
            for (PendingFile file : pending) {
                if (!files.exists(file.kind(), file.hash())) {
                    toWrite.add(file);
                }
            }
            long now = clock.millis();
            boolean addsVersion = version != null && !versions.hasVersion(version.idHash(), version.dataHash());
            if (addsVersion) {
                toWrite.add(versionNode(version, now));
            }
            if (toWrite.isEmpty()) {
                return Commit.NOTHING;
            }
            journalTouched = true;
            WriteLog.Appended appended = log.append(first -> batch(first, now, toWrite, addsVersion ? version : null));
            log.sync(appended);
            Batch batch = appended.batch();
            moveIntoPlace(toWrite);
            // files first, then the head that names them, then the log entries that announce them
            batch.files().forEach(file -> inFlight.remove(key(file.kind(), file.hash())));
            versions.apply(batch);
            return new Commit(batch, log.complete(batch));
        } catch (IOException e) {
            throw journalTouched ? fail(e) : new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            if (journalTouched) {
                throw fail(e);
            }
            throw e;
        } finally {
            locks.forEach(ReentrantLock::unlock);
            if (!journalTouched || failure == null) {
                // moved files are gone from tmp/; these are the ones that were already stored
                pending.forEach(file -> ContentFiles.deleteQuietly(file.temp().path()));
                toWrite.forEach(file -> ContentFiles.deleteQuietly(file.temp().path()));
            }
        }
    }

    private void moveIntoPlace(List<PendingFile> toWrite) throws IOException {
        Set<Path> directories = new LinkedHashSet<>();
        for (PendingFile file : toWrite) {
            inFlight.add(key(file.kind(), file.hash()));
        }
        for (PendingFile file : toWrite) {
            Path target = files.path(file.kind(), file.hash());
            files.moveIntoPlace(file.temp().path(), target);
            directories.add(target.getParent());
        }
        for (Path directory : directories) {
            files.syncDirectory(directory);
        }
    }

    private PendingFile versionNode(VersionRequest version, long now) {
        Optional<Version> head = versions.head(version.idHash());
        OneObject node = head.isEmpty()
                ? nodes.first(version.dataHash(), now)
                : nodes.next(head.get().nodeHash(), version.dataHash(), versions.count(version.idHash()), now);
        TempFile temp = files.writeTemp(ObjectHashes.utf8(serializer.toMicrodata(node)));
        return new PendingFile(ReferenceKind.OBJECT, node.type(), null, temp);
    }

    private static Batch batch(long firstSeq, long timestamp, List<PendingFile> toWrite, VersionRequest version) {
        List<FileEntry> entries = new ArrayList<>(toWrite.size());
        long seq = firstSeq;
        for (PendingFile file : toWrite) {
            entries.add(new FileEntry(seq++, file.kind(), file.hash(), file.type(), file.idHash(),
                    file.temp().path().getFileName().toString()));
        }
        VersionLink link = null;
        if (version != null) {
            FileEntry node = entries.get(entries.size() - 1);
            link = new VersionLink(version.idHash(), version.dataHash(), node.hash(), node.seq());
        }
        return new Batch(timestamp, entries, link);
    }

    private List<ReentrantLock> lockStripes(List<PendingFile> pending, VersionRequest version) {
        TreeSet<Integer> indexes = new TreeSet<>();
        pending.forEach(file -> indexes.add(stripe(file.hash())));
        if (version != null) {
            indexes.add(stripe(version.idHash()));
        }
        List<ReentrantLock> locks = new ArrayList<>(indexes.size());
        for (int index : indexes) {
            ReentrantLock lock = stripes[index];
            lock.lock();
            locks.add(lock);
        }
        return locks;
    }

    private static int stripe(String hash) {
        return Integer.parseInt(hash, 0, 3, 16) % STRIPES;
    }

    private static String key(ReferenceKind kind, String hash) {
        return kind.dataType() + hash;
    }

    /** Whether a write failed half-way: then the store takes no writes until it is reopened. */
    boolean failed() {
        return failure != null;
    }

    private void requireHealthy() {
        Throwable cause = failure;
        if (cause != null) {
            throw new StoreUnavailableException("OS-FAILED1",
                    "The object store stopped accepting writes after an I/O failure; reopen it to recover", cause);
        }
    }

    private StoreUnavailableException fail(Throwable cause) {
        failure = cause;
        return new StoreUnavailableException("OS-FAILED1",
                "A write failed after it was journaled; reopen the store to recover it: " + cause, cause);
    }
}
