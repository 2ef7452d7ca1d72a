package io.syncms.store.control;

import io.syncms.store.control.AccessIndex.Grant;
import io.syncms.store.control.ClosureCache.PersonClosure;
import io.syncms.store.control.ClosureWalker.Closure;
import io.syncms.store.entity.AccessRoots;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreException;
import io.syncms.store.entity.Version;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which stored content a person may get, with ONE's semantics: an {@code Access} grants one object,
 * an {@code IdAccess} every version of an ID hash, to the persons it names and to the members of the
 * groups it names. Only the head of an Access, IdAccess or Group counts, so a new version with fewer
 * persons revokes.
 *
 * <p>The grants and group memberships are indexed in memory ({@link AccessIndex}): built from the
 * heads of the stored Access, IdAccess and Group IDs when the service is created, and kept current
 * by a write listener. The closure a person may access is cached per person; a cached closure is
 * dropped when any grant or group changes, and when a new version (or the ID object) of an ID hash
 * met while computing it arrives. Objects are immutable, so nothing else can change a closure.
 */
public final class AccessService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AccessService.class.getName());
    private static final String ACCESS = "Access";
    private static final String ID_ACCESS = "IdAccess";
    private static final String GROUP = "Group";

    private final ObjectStore store;
    private final AccessIndex index = new AccessIndex();
    private final ClosureWalker walker;
    private final ClosureCache closures = new ClosureCache();
    private final Consumer<LogEntry> listener = this::written;

    /** Indexes the grants in the open store and follows its writes until {@link #close()}. */
    public AccessService(ObjectStore store) {
        this.store = store;
        this.walker = new ClosureWalker(store);
        store.addWriteListener(listener);
        for (String type : List.of(GROUP, ACCESS, ID_ACCESS)) {
            store.idHashes(type).forEach(this::reindex);
        }
    }

    /** The object hashes (Access) and ID hashes (IdAccess) granted to the person, directly or through groups. */
    public AccessRoots accessibleRoots(String personIdHash) {
        return index.rootsOf(StoreLayout.requireHash(personIdHash));
    }

    /**
     * Everything reachable from a root (kind OBJECT: an object; kind ID: the ID object and every
     * version), referenced content before what references it, each once.
     */
    public List<ClosureEntry> closure(ReferenceKind kind, String hash) {
        if (kind != ReferenceKind.OBJECT && kind != ReferenceKind.ID) {
            throw new IllegalArgumentException("A closure starts at an object or an ID hash, not at a " + kind);
        }
        return walker.walk(List.of(new ClosureEntry(kind, StoreLayout.requireHash(hash)))).entries();
    }

    /**
     * Everything reachable from several roots (each of kind OBJECT or ID, as in {@link #closure}),
     * referenced content first, each once.
     */
    public List<ClosureEntry> closure(Collection<ClosureEntry> roots) {
        for (ClosureEntry root : roots) {
            if (root.kind() != ReferenceKind.OBJECT && root.kind() != ReferenceKind.ID) {
                throw new IllegalArgumentException("A closure starts at an object or an ID hash, not at a " + root.kind());
            }
            StoreLayout.requireHash(root.hash());
        }
        return walker.walk(roots).entries();
    }

    /** The groups whose current version names the person. */
    public Set<String> groupsOf(String personIdHash) {
        return index.groupsOf(StoreLayout.requireHash(personIdHash));
    }

    /**
     * The roots granted to the person by name, and to the given groups whether or not the person is
     * (still) a member: for a caller that fixes a person's group memberships at some moment.
     */
    public AccessRoots accessibleRoots(String personIdHash, Set<String> throughGroups) {
        return index.rootsOf(StoreLayout.requireHash(personIdHash), Set.copyOf(throughGroups));
    }

    /** The closure of all roots of the person (in the order of {@link #closure}). */
    public List<ClosureEntry> accessibleClosure(String personIdHash) {
        return closureOf(StoreLayout.requireHash(personIdHash)).entries();
    }

    /** Whether the content is in the accessible closure of the person. */
    public boolean mayAccess(String personIdHash, ReferenceKind kind, String hash) {
        return closureOf(StoreLayout.requireHash(personIdHash)).members().contains(new ClosureEntry(kind, hash));
    }

    /** Stops following the store's writes. */
    @Override
    public void close() {
        store.removeWriteListener(listener);
    }

    private PersonClosure closureOf(String person) {
        PersonClosure cached = closures.get(person);
        if (cached != null && cached.quarantinedAt() == store.quarantinedCount()) {
            return cached;
        }
        long quarantinedAt = store.quarantinedCount();
        long computedAt = closures.generation();
        AccessRoots roots = index.rootsOf(person);
        List<ClosureEntry> starts = new ArrayList<>();
        roots.objects().forEach(hash -> starts.add(new ClosureEntry(ReferenceKind.OBJECT, hash)));
        roots.idHashes().forEach(hash -> starts.add(new ClosureEntry(ReferenceKind.ID, hash)));
        Closure closure = walker.walk(starts);
        PersonClosure computed = new PersonClosure(List.copyOf(closure.entries()), Set.copyOf(closure.entries()),
                Set.copyOf(closure.idHashes()), quarantinedAt);
        if (!closure.incomplete()) {
            // one with holes is computed anew until they are filled: a healing write names no ID to invalidate
            closures.put(person, computed, computedAt);
        }
        return computed;
    }

    private void written(LogEntry entry) {
        if (entry.kind() == ReferenceKind.ID) {
            closures.invalidate(entry.hash());
        } else if (entry.kind() == ReferenceKind.OBJECT && entry.idHash() != null) {
            if (ACCESS.equals(entry.type()) || ID_ACCESS.equals(entry.type()) || GROUP.equals(entry.type())) {
                reindex(entry.idHash());
                closures.invalidateAll();
            } else {
                closures.invalidate(entry.idHash());
            }
        }
    }

    /** Indexes the current head of an Access, IdAccess or Group ID (idempotent, so order does not matter). */
    private synchronized void reindex(String idHash) {
        Optional<String> type = store.typeOfId(idHash);
        Optional<Version> head = store.head(idHash);
        if (type.isEmpty() || head.isEmpty()) {
            return;
        }
        try {
            OneObject object = store.readObject(head.get().hash());
            switch (type.get()) {
                case ACCESS -> index.putGrant(idHash, new Grant(ReferenceKind.OBJECT, (String) object.get("object"),
                        hashes(object.get("person")), hashes(object.get("group"))));
                case ID_ACCESS -> index.putGrant(idHash, new Grant(ReferenceKind.ID, (String) object.get("id"),
                        hashes(object.get("person")), hashes(object.get("group"))));
                case GROUP -> index.putGroup(idHash, hashes(object.get("person")));
                default -> {
                    // not an access type
                }
            }
        } catch (StoreException e) {
            // an unreadable grant grants nothing
            LOG.log(Level.SEVERE, "Cannot read the head of " + type.get() + " " + idHash + "; it grants nothing", e);
            index.removeGrant(idHash);
            index.removeGroup(idHash);
        }
    }

    private static Set<String> hashes(Object bag) {
        Set<String> hashes = new HashSet<>();
        if (bag instanceof Collection<?> values) {
            values.forEach(value -> hashes.add((String) value));
        }
        return hashes;
    }

}
