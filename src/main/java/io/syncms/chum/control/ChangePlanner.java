package io.syncms.chum.control;

import io.syncms.store.control.AccessService;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.entity.AccessRoots;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides what to list to an importer that has everything accessible to it up to a remote sequence
 * number X: the entries of the session's accessible closure that may be new to it since X, in
 * closure order (referenced content first).
 *
 * <p>The store is append-only and a closure is a function of its content, so an entry that became
 * accessible after X is reachable from something that changed after X: an entry written after X,
 * or a root that a grant written after X added. The planner reads the write log from X, takes the
 * accessible entries written after X, the roots of Access and IdAccess objects written after X, and
 * (when a group whose grants count changed after X) every root, and lists the closure entries
 * reachable from them. That can list entries the importer already has (it checks before fetching),
 * but never misses one. With X = 0, or X beyond the log (a replaced store), it lists the whole closure.
 *
 * <p>A group the person joined after the session started grants nothing in this session (see
 * {@link SessionAccess}); so that the next session does not skip that change, the planner caps the
 * checkpoint it allows just before the write that added the person.
 */
final class ChangePlanner {

    /**
     * @param entries       what to list, in closure order
     * @param upToSeq       the write log position the listing covers
     * @param checkpointSeq up to where an importer that stored all of it may move its checkpoint
     */
    record ChangeSet(List<ClosureEntry> entries, long upToSeq, long checkpointSeq) {
    }

    private static final Logger LOG = Logger.getLogger(ChangePlanner.class.getName());
    private static final int LOG_BATCH = 10_000;

    private final ObjectStore store;
    private final AccessService access;
    private final SessionAccess session;

    ChangePlanner(ObjectStore store, AccessService access, SessionAccess session) {
        this.store = store;
        this.access = access;
        this.session = session;
    }

    ChangeSet plan(long afterSeq, long upToSeq) {
        if (afterSeq == upToSeq) {
            return new ChangeSet(List.of(), upToSeq, upToSeq);
        }
        List<ClosureEntry> closure = session.closure();
        if (afterSeq <= 0 || afterSeq > upToSeq) {
            return new ChangeSet(closure, upToSeq, upToSeq);
        }
        if (closure.isEmpty() && session.ignoredGroups().isEmpty()) {
            // nothing to list, and no membership change to keep the checkpoint before: skip the log
            return new ChangeSet(List.of(), upToSeq, upToSeq);
        }
        Changes changes = readChanges(afterSeq, upToSeq);
        if (changes.allRoots) {
            return new ChangeSet(closure, upToSeq, changes.checkpointSeq);
        }
        Set<ClosureEntry> reachable = reachableFromChanges(closure, changes);
        List<ClosureEntry> entries = new ArrayList<>();
        for (ClosureEntry entry : closure) {
            if (reachable.contains(entry)) {
                entries.add(entry);
            }
        }
        return new ChangeSet(entries, upToSeq, changes.checkpointSeq);
    }

    /** What the write log says changed in (afterSeq, upToSeq]. */
    private static final class Changes {
        final Set<ClosureEntry> written = new HashSet<>();
        final List<ClosureEntry> grantedRoots = new ArrayList<>();
        boolean allRoots;
        long checkpointSeq;
    }

    private Changes readChanges(long afterSeq, long upToSeq) {
        Changes changes = new Changes();
        changes.checkpointSeq = upToSeq;
        AccessRoots roots = session.roots();
        Set<String> effectiveGroups = session.effectiveGroups();
        Set<String> ignoredGroups = session.ignoredGroups();
        long seq = afterSeq;
        while (true) {
            List<LogEntry> batch = store.writtenAfter(seq, LOG_BATCH);
            for (LogEntry entry : batch) {
                if (entry.seq() > upToSeq) {
                    return changes;
                }
                changes.written.add(new ClosureEntry(entry.kind(), entry.hash()));
                if (entry.kind() == ReferenceKind.OBJECT && entry.type() != null) {
                    switch (entry.type()) {
                        case "Access" -> grantedRoot(entry, "object", ReferenceKind.OBJECT, roots.objects(), changes);
                        case "IdAccess" -> grantedRoot(entry, "id", ReferenceKind.ID, roots.idHashes(), changes);
                        case "Group" -> {
                            if (effectiveGroups.contains(entry.idHash())) {
                                changes.allRoots = true;
                            } else if (ignoredGroups.contains(entry.idHash())) {
                                changes.checkpointSeq = Math.min(changes.checkpointSeq, entry.seq() - 1);
                            }
                        }
                        default -> {
                            // not an access object
                        }
                    }
                }
            }
            if (batch.size() < LOG_BATCH) {
                return changes;
            }
            seq = batch.get(batch.size() - 1).seq();
        }
    }

    /** The target of an Access or IdAccess written after X is a changed root if it is a root now. */
    private void grantedRoot(LogEntry entry, String targetProperty, ReferenceKind kind, Set<String> roots, Changes changes) {
        try {
            OneObject grant = store.readObject(entry.hash());
            Object target = grant.get(targetProperty);
            if (target instanceof String hash && roots.contains(hash)) {
                changes.grantedRoots.add(new ClosureEntry(kind, hash));
            }
        } catch (StoreException e) {
            // an unreadable grant grants nothing (as in AccessService)
            LOG.log(Level.WARNING, "Cannot read grant " + entry.hash(), e);
        }
    }

    private Set<ClosureEntry> reachableFromChanges(List<ClosureEntry> closure, Changes changes) {
        Set<ClosureEntry> reachable = new HashSet<>();
        List<ClosureEntry> starts = new ArrayList<>(changes.grantedRoots);
        for (ClosureEntry entry : closure) {
            if (changes.written.contains(entry)) {
                if (entry.kind() == ReferenceKind.OBJECT || entry.kind() == ReferenceKind.ID) {
                    starts.add(entry);
                } else {
                    reachable.add(entry);
                }
            }
        }
        if (!starts.isEmpty()) {
            reachable.addAll(access.closure(starts));
        }
        return reachable;
    }
}
