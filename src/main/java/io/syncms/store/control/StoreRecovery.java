package io.syncms.store.control;

import io.syncms.store.control.JournalRecord.Batch;
import io.syncms.store.control.JournalRecord.FileEntry;
import io.syncms.store.control.JournalRecord.Voided;
import io.syncms.store.entity.RecoveryReport;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings a store to a consistent state when it is opened: replays the journal into the write log
 * and the version index, then makes every journaled file present.
 *
 * <p>A write puts its files in {@code tmp/}, appends the journal batch naming them (durable), then
 * renames them into place. So after a crash, for each batch after the checkpoint:
 * <ul>
 *   <li>a file already in place is fine (renames are atomic);
 *   <li>a file still in {@code tmp/} whose content hashes right is renamed into place now;
 *   <li>if a file is in neither place (only after a machine crash before the write was acknowledged,
 *       or with fsync off), the whole batch is declared void in the journal and the files of it that
 *       did arrive are deleted, so nothing refers to a file that is missing and no file is stored
 *       without an entry in the log.
 * </ul>
 * Then {@code tmp/} is emptied: what is left there belongs to writes that never reached the journal.
 */
final class StoreRecovery {

    private static final int MAX_BATCHES_PER_VOID_RECORD = 1000;

    private final StoreLayout layout;
    private final ContentFiles files;
    private final Journal journal;
    private final WriteLog log;
    private final VersionIndex versions;

    StoreRecovery(StoreLayout layout, ContentFiles files, Journal journal, WriteLog log, VersionIndex versions) {
        this.layout = layout;
        this.files = files;
        this.journal = journal;
        this.log = log;
        this.versions = versions;
    }

    RecoveryReport recover(long checkpointSeq) throws IOException {
        Map<Long, Batch> unchecked = new LinkedHashMap<>();
        List<Batch> voidedAfterCheckpoint = new ArrayList<>();
        long sizeBefore = Files.size(layout.journalFile());
        journal.replay((offset, record) -> {
            if (record instanceof Batch batch) {
                log.replayed(batch, offset);
                versions.apply(batch);
                if (batch.lastSeq() > checkpointSeq) {
                    unchecked.put(batch.firstSeq(), batch);
                }
            } else if (record instanceof Voided voided) {
                for (Batch batch : voided.batches()) {
                    log.markVoided(batch);
                    versions.undo(batch);
                    if (unchecked.remove(batch.firstSeq()) != null) {
                        voidedAfterCheckpoint.add(batch);
                    }
                }
            }
        });
        long tornBytes = sizeBefore - journal.size();

        // a recovery cut short may have voided batches without deleting all their files
        deleteFilesOf(voidedAfterCheckpoint, unchecked.values());

        int completed = 0;
        List<Batch> lost = new ArrayList<>();
        Set<Path> directories = new LinkedHashSet<>();
        for (Batch batch : unchecked.values()) {
            List<FileEntry> toMove = new ArrayList<>();
            boolean complete = true;
            for (FileEntry file : batch.files()) {
                if (files.exists(file.kind(), file.hash())) {
                    continue;
                }
                Path temp = layout.tmpDirectory().resolve(file.tempName());
                if (Files.isRegularFile(temp) && ContentFiles.hash(temp).equals(file.hash())) {
                    toMove.add(file);
                } else {
                    complete = false;
                }
            }
            if (!complete) {
                lost.add(batch);
                continue;
            }
            for (FileEntry file : toMove) {
                Path target = files.path(file.kind(), file.hash());
                files.moveIntoPlace(layout.tmpDirectory().resolve(file.tempName()), target);
                directories.add(target.getParent());
                completed++;
            }
        }
        for (Path directory : directories) {
            files.syncDirectory(directory);
        }
        voidBatches(lost);
        int tempFilesDeleted = emptyTmp();
        log.replayDone();
        return new RecoveryReport(checkpointSeq, unchecked.size(), completed, lost.size(), tempFilesDeleted, tornBytes);
    }

    private void voidBatches(List<Batch> lost) throws IOException {
        for (int start = 0; start < lost.size(); start += MAX_BATCHES_PER_VOID_RECORD) {
            List<Batch> chunk = lost.subList(start, Math.min(lost.size(), start + MAX_BATCHES_PER_VOID_RECORD));
            long[] span = journal.append(new Voided(chunk));
            journal.sync(span[1]);
        }
        for (Batch batch : lost) {
            log.markVoided(batch);
            versions.undo(batch);
        }
        deleteFilesOf(lost, List.of());
    }

    /** Deletes the files of void batches, except any that a live batch created again. */
    private void deleteFilesOf(List<Batch> voided, Iterable<Batch> live) throws IOException {
        if (voided.isEmpty()) {
            return;
        }
        Set<String> liveFiles = new HashSet<>();
        for (Batch batch : live) {
            batch.files().forEach(file -> liveFiles.add(file.kind() + file.hash()));
        }
        Set<Path> directories = new LinkedHashSet<>();
        for (Batch batch : voided) {
            for (FileEntry file : batch.files()) {
                if (!liveFiles.contains(file.kind() + file.hash())) {
                    Path path = files.path(file.kind(), file.hash());
                    if (Files.deleteIfExists(path)) {
                        directories.add(path.getParent());
                    }
                }
            }
        }
        for (Path directory : directories) {
            files.syncDirectory(directory);
        }
    }

    private int emptyTmp() throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(layout.tmpDirectory())) {
            for (Path temp : temps) {
                if (Files.deleteIfExists(temp)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }
}
