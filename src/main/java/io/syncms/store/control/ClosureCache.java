package io.syncms.store.control;

import io.syncms.store.entity.ClosureEntry;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The accessible closures of persons, each with the ID hashes it depends on. A closure is computed
 * outside the lock, so an invalidation can happen meanwhile; the recent invalidations are kept to
 * reject exactly the results they affect (or every result, when they were too many to keep).
 */
final class ClosureCache {

    /**
     * A closure as a list (ordered) and a set (for lookups), the ID hashes met computing it, and the
     * store's quarantine count then (an item put in quarantine since may be in it and gone).
     */
    record PersonClosure(List<ClosureEntry> entries, Set<ClosureEntry> members, Set<String> idHashes, long quarantinedAt) {
    }

    private record Invalidation(long generation, String idHash) {
    }

    private static final int REMEMBERED_INVALIDATIONS = 1024;

    private final Map<String, PersonClosure> closures = new HashMap<>();
    private final Deque<Invalidation> recent = new ArrayDeque<>();
    private long generation;

    synchronized PersonClosure get(String person) {
        return closures.get(person);
    }

    /** Call before computing a closure; pass the result to {@link #put}. */
    synchronized long generation() {
        return generation;
    }

    /** Keeps the closure unless something it depends on was invalidated since {@code computedAt}. */
    synchronized void put(String person, PersonClosure closure, long computedAt) {
        if (generation == computedAt) {
            closures.put(person, closure);
            return;
        }
        if (recent.isEmpty() || recent.peekFirst().generation() > computedAt + 1) {
            return;
        }
        for (Invalidation invalidation : recent) {
            if (invalidation.generation() > computedAt
                    && (invalidation.idHash() == null || closure.idHashes().contains(invalidation.idHash()))) {
                return;
            }
        }
        closures.put(person, closure);
    }

    /** Drops the closures that met the ID hash (a new version or its ID object arrived). */
    synchronized void invalidate(String idHash) {
        remember(idHash);
        closures.values().removeIf(closure -> closure.idHashes().contains(idHash));
    }

    /** Drops every closure (a grant or group changed). */
    synchronized void invalidateAll() {
        remember(null);
        closures.clear();
    }

    private void remember(String idHash) {
        recent.addLast(new Invalidation(++generation, idHash));
        if (recent.size() > REMEMBERED_INVALIDATIONS) {
            recent.removeFirst();
        }
    }
}
