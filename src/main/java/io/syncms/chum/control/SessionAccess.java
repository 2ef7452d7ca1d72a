package io.syncms.chum.control;

import io.syncms.store.control.AccessService;
import io.syncms.store.entity.AccessRoots;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.ReferenceKind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What the remote person of one export session may get, with ONE's rule that group memberships are
 * taken as they are when the Chum starts: the groups the person is in at the handshake are kept;
 * a group the person joins later grants nothing in this session (the next Chum sees it). Everything
 * else is live: new grants, new versions, and every revocation, including leaving a group, count at
 * once. So the session's closure is always part of the person's live closure, and {@link #mayAccess}
 * checks both.
 */
final class SessionAccess {

    private record Snapshot(long seq, List<ClosureEntry> entries, Set<ClosureEntry> members) {
    }

    private final AccessService access;
    private final String person;
    private final Set<String> groupsAtStart;
    private Snapshot restricted;

    private final LongSupplier processedSeq;

    /** @param processedSeq the store position that access decisions reflect (see {@link ChangeSignal}) */
    SessionAccess(AccessService access, String person, LongSupplier processedSeq) {
        this.access = access;
        this.person = person;
        this.processedSeq = processedSeq;
        this.groupsAtStart = Set.copyOf(access.groupsOf(person));
    }

    String person() {
        return person;
    }

    /** The groups whose grants count: the person is in them now and was at the start. */
    Set<String> effectiveGroups() {
        Set<String> groups = new HashSet<>(access.groupsOf(person));
        groups.retainAll(groupsAtStart);
        return groups;
    }

    /** The groups the person joined after the start: their grants are left out of this session. */
    Set<String> ignoredGroups() {
        Set<String> groups = new HashSet<>(access.groupsOf(person));
        groups.removeAll(groupsAtStart);
        return groups;
    }

    AccessRoots roots() {
        return isRestricted() ? access.accessibleRoots(person, effectiveGroups()) : access.accessibleRoots(person);
    }

    /** The session's accessible closure, referenced content first. */
    List<ClosureEntry> closure() {
        return isRestricted() ? restrictedSnapshot().entries() : access.accessibleClosure(person);
    }

    /** Whether the content may be sent now: in the person's live closure and in the session's. */
    boolean mayAccess(ReferenceKind kind, String hash) {
        if (!access.mayAccess(person, kind, hash)) {
            return false;
        }
        return !isRestricted() || restrictedSnapshot().members().contains(new ClosureEntry(kind, hash));
    }

    private boolean isRestricted() {
        return !groupsAtStart.containsAll(access.groupsOf(person));
    }

    /** The closure without the ignored groups' grants, recomputed when the store has changed. */
    private synchronized Snapshot restrictedSnapshot() {
        long seq = processedSeq.getAsLong();
        if (restricted == null || restricted.seq() != seq) {
            AccessRoots roots = access.accessibleRoots(person, effectiveGroups());
            List<ClosureEntry> starts = new ArrayList<>();
            roots.objects().forEach(hash -> starts.add(new ClosureEntry(ReferenceKind.OBJECT, hash)));
            roots.idHashes().forEach(hash -> starts.add(new ClosureEntry(ReferenceKind.ID, hash)));
            List<ClosureEntry> entries = access.closure(starts);
            restricted = new Snapshot(seq, entries, new HashSet<>(entries));
        }
        return restricted;
    }
}
