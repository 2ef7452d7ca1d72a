package io.syncms.store.control;

import io.syncms.store.entity.OneObject;

/**
 * The version nodes one.core chains the versions of an ID with: a {@code VersionNodeEdge} for the
 * first version, then a {@code VersionNodeChange} per version pointing to the previous node.
 * Unversioned ONE objects, stored like any other.
 */
final class VersionNodes {

    static final String EDGE = "VersionNodeEdge";
    static final String CHANGE = "VersionNodeChange";
    static final String MERGE = "VersionNodeMerge";
    static final java.util.Set<String> TYPES = java.util.Set.of(EDGE, CHANGE, MERGE);

    OneObject first(String dataHash, long creationTime) {
        return OneObject.builder(EDGE)
                .put("data", dataHash)
                .put("depth", 0)
                .put("creationTime", creationTime)
                .build();
    }

    OneObject next(String previousNodeHash, String dataHash, int depth, long creationTime) {
        return OneObject.builder(CHANGE)
                .put("prev", previousNodeHash)
                .put("data", dataHash)
                .put("depth", depth)
                .put("creationTime", creationTime)
                .build();
    }
}
