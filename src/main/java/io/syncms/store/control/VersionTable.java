package io.syncms.store.control;

import io.syncms.store.control.VersionRecords.IdInfo;
import io.syncms.store.entity.Version;

import org.rocksdb.RocksIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the ID objects and version histories from the index of the {@link StoreDatabase}: nothing
 * of them is held in memory, so opening a store costs the same with ten or ten million versions.
 * The histories are written by {@link CommitGroup}.
 */
final class VersionTable {

    private final StoreDatabase db;

    VersionTable(StoreDatabase db) {
        this.db = db;
    }

    Optional<IdInfo> info(String idHash) {
        byte[] value = get(StoreKeys.idInfo(idHash));
        return value == null ? Optional.empty() : Optional.of(VersionRecords.decodeInfo(value));
    }

    boolean hasVersion(String idHash, String dataHash) {
        try {
            return db.exists(db.index(), StoreKeys.versionOf(idHash, dataHash));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<Version> head(String idHash) {
        Optional<IdInfo> info = info(idHash);
        if (info.isEmpty() || info.get().versions() == 0) {
            return Optional.empty();
        }
        byte[] value = get(StoreKeys.history(idHash, info.get().versions() - 1));
        return value == null ? Optional.empty() : Optional.of(VersionRecords.decodeVersion(value));
    }

    /** The history of the ID hash, oldest first. */
    List<Version> versions(String idHash) {
        byte[] prefix = StoreKeys.historyPrefix(idHash);
        List<Version> versions = new ArrayList<>();
        try (RocksIterator iterator = db.iterator(db.index())) {
            for (iterator.seek(prefix); iterator.isValid() && StoreKeys.startsWith(iterator.key(), prefix); iterator.next()) {
                versions.add(VersionRecords.decodeVersion(iterator.value()));
            }
        }
        return versions;
    }

    Optional<String> typeOf(String idHash) {
        return info(idHash).map(IdInfo::type);
    }

    /** The ID hashes of the stored ID objects of a type, in hash order. */
    Set<String> idHashes(String type) {
        byte[] prefix = StoreKeys.typePrefix(type);
        Set<String> idHashes = new LinkedHashSet<>();
        try (RocksIterator iterator = db.iterator(db.index())) {
            for (iterator.seek(prefix); iterator.isValid() && StoreKeys.startsWith(iterator.key(), prefix); iterator.next()) {
                idHashes.add(StoreKeys.hex(iterator.key(), prefix.length));
            }
        }
        return Collections.unmodifiableSet(idHashes);
    }

    private byte[] get(byte[] key) {
        try {
            return db.get(db.index(), key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
