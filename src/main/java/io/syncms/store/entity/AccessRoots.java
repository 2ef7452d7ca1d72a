package io.syncms.store.entity;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a person was granted: object hashes (through Access) and ID hashes (through IdAccess, every
 * version of the ID). Both sets are sorted.
 */
public record AccessRoots(Set<String> objects, Set<String> idHashes) {

    public AccessRoots {
        objects = Collections.unmodifiableSortedSet(new TreeSet<>(objects));
        idHashes = Collections.unmodifiableSortedSet(new TreeSet<>(idHashes));
    }

    public boolean isEmpty() {
        return objects.isEmpty() && idHashes.isEmpty();
    }
}
