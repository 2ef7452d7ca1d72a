package io.syncms.chum.control;

import io.syncms.chum.entity.TransferCounts;
import io.syncms.store.entity.ReferenceKind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The distinct hashes that went one way, per kind, and their bytes. Thread-safe. */
final class TransferTally {

    private final Map<ReferenceKind, Set<String>> hashes = new EnumMap<>(ReferenceKind.class);
    private long bytes;

    TransferTally() {
        for (ReferenceKind kind : ReferenceKind.values()) {
            hashes.put(kind, new TreeSet<>());
        }
    }

    /** Counts the content once per hash; false if it was counted before. */
    synchronized boolean add(ReferenceKind kind, String hash, long size) {
        if (!hashes.get(kind).add(hash)) {
            return false;
        }
        bytes += size;
        return true;
    }

    synchronized TransferCounts counts() {
        return new TransferCounts(hashes.get(ReferenceKind.OBJECT).size(), hashes.get(ReferenceKind.ID).size(),
                hashes.get(ReferenceKind.BLOB).size(), hashes.get(ReferenceKind.CLOB).size(), bytes);
    }

    /** The hashes of a kind, sorted. */
    synchronized List<String> hashes(ReferenceKind kind) {
        return new ArrayList<>(hashes.get(kind));
    }
}
