package io.syncms.onechum.entity;

import io.syncms.store.entity.ReferenceKind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one direction of a ONE Chum moved: the hashes of objects, ID objects, BLOBs and CLOBs, each
 * once, in the order they went. Thread-safe: the exporter serves requests on several threads.
 */
public final class OneChumTally {

    private final Map<ReferenceKind, Set<String>> hashes = new EnumMap<>(ReferenceKind.class);
    private long bytes;

    public OneChumTally() {
        for (ReferenceKind kind : ReferenceKind.values()) {
            hashes.put(kind, new LinkedHashSet<>());
        }
    }

    public synchronized void add(ReferenceKind kind, String hash) {
        hashes.get(kind).add(hash);
    }

    /** Counts the bytes of what moved (microdata as UTF-8, BLOB and CLOB content). */
    public synchronized void addBytes(long count) {
        bytes += count;
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized List<String> hashes(ReferenceKind kind) {
        return Collections.unmodifiableList(new ArrayList<>(hashes.get(kind)));
    }

    public synchronized int total() {
        return hashes.values().stream().mapToInt(Set::size).sum();
    }
}
