package io.syncms.store.control;

import io.syncms.store.control.VersionRecords.IdInfo;
import io.syncms.store.control.WriteOp.AddVersion;
import io.syncms.store.control.WriteOp.PutContent;
import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.Version;

import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the requests of one group commit into one RocksDB write batch: for each operation, in
 * order, it skips content that is stored already (in the database or earlier in the group), gives
 * new content the next sequence number and a log entry, keeps the ID objects' index, and links a
 * new version to its ID through a version node ({@code VersionNodeEdge} first, then
 * {@code VersionNodeChange}s pointing to the previous node). What the group wrote so far counts as
 * stored for the rest of the group, so requests of one group may build on each other.
 */
final class CommitGroup implements AutoCloseable {

    private final StoreDatabase db;
    private final VersionTable versions;
    private final MicrodataSerializer serializer;
    private final VersionNodes nodes = new VersionNodes();
    private final long timestamp;
    private final WriteBatch batch = new WriteBatch();
    private final Set<String> written = new HashSet<>();
    private final Map<String, IdInfo> ids = new HashMap<>();
    private final Set<String> versionsAdded = new HashSet<>();
    private final ExternalContent external;
    private long nextSeq;
    private int quarantined;

    CommitGroup(StoreDatabase db, VersionTable versions, ExternalContent external, MicrodataSerializer serializer,
                long firstSeq, long timestamp) {
        this.db = db;
        this.external = external;
        this.versions = versions;
        this.serializer = serializer;
        this.nextSeq = firstSeq;
        this.timestamp = timestamp;
    }

    void add(CommitRequest request) throws IOException {
        List<WriteOp> ops = request.ops();
        for (int i = 0; i < ops.size(); i++) {
            WriteOp op = ops.get(i);
            LogEntry entry;
            if (op instanceof PutContent put) {
                entry = put(put);
            } else if (op instanceof AddVersion add) {
                entry = addVersion(add);
            } else if (op instanceof WriteOp.LinkNode link) {
                linkNode(link);
                entry = null;
            } else {
                entry = quarantine((WriteOp.Quarantine) op);
            }
            if (entry != null) {
                request.record(i, entry);
            }
        }
    }

    /** The sequence number the next group starts with. */
    long nextSeq() {
        return nextSeq;
    }

    WriteBatch batch() {
        return batch;
    }

    private LogEntry put(PutContent put) throws IOException {
        if (isStored(put.kind(), put.hash())) {
            return null;
        }
        LogEntry entry = new LogEntry(nextSeq, timestamp, put.kind(), put.hash(), put.type(), put.idHash());
        putLogged(entry, put.value());
        return entry;
    }

    /** Whether content is stored, or written earlier in this group. */
    boolean isStored(ReferenceKind kind, String hash) throws IOException {
        return written.contains(kind.name() + hash) || db.exists(db.content(), StoreKeys.content(kind, hash));
    }

    /**
     * Writes content with the log entry given (its sequence number at least the group's next one):
     * used for new content and to carry entries over from a store of the first layout unchanged.
     */
    void putLogged(LogEntry entry, ContentValue value) throws IOException {
        if (entry.seq() < nextSeq) {
            throw new IllegalArgumentException("Sequence number " + entry.seq() + " is below the next one, " + nextSeq);
        }
        try {
            batch.put(db.content(), StoreKeys.content(entry.kind(), entry.hash()), value.encode());
            batch.put(db.log(), StoreKeys.seq(entry.seq()), LogRecords.encode(entry));
            if (entry.kind() == ReferenceKind.ID && entry.type() != null && info(entry.hash()).isEmpty()) {
                putInfo(entry.hash(), new IdInfo(entry.type(), 0, null));
                batch.put(db.index(), StoreKeys.typeId(entry.type(), entry.hash()), new byte[0]);
            }
        } catch (RocksDBException e) {
            throw StoreDatabase.failure("batch", e);
        }
        written.add(entry.kind().name() + entry.hash());
        nextSeq = entry.seq() + 1;
    }

    private LogEntry addVersion(AddVersion add) throws IOException {
        if (hasVersion(add.idHash(), add.dataHash())) {
            return null;
        }
        IdInfo info = info(add.idHash()).orElseGet(() -> new IdInfo(add.type(), 0, null));
        OneObject node = info.versions() == 0
                ? nodes.first(add.dataHash(), timestamp)
                : nodes.next(info.headNode(), add.dataHash(), info.versions(), timestamp);
        byte[] microdata = ObjectHashes.utf8(serializer.toMicrodata(node));
        String nodeHash = ObjectHashes.sha256Hex(microdata);
        LogEntry nodeEntry = put(new PutContent(ReferenceKind.OBJECT, nodeHash, ContentValue.inline(microdata), node.type(), null));
        linkVersion(add.idHash(), add.type(), new Version(add.dataHash(), nodeHash, nodeEntry == null ? 0 : nodeEntry.seq(), timestamp));
        // null only if this very node was stored before, which its creation time makes all but impossible
        return nodeEntry;
    }

    private void linkNode(WriteOp.LinkNode link) throws IOException {
        Optional<IdInfo> info = info(link.idHash());
        String head = info.map(IdInfo::headNode).orElse(null);
        if (link.nodeHash().equals(head) || !java.util.Objects.equals(head, link.expectedHead())) {
            return;
        }
        linkVersion(link.idHash(), link.type(), new Version(link.dataHash(), link.nodeHash(), nextSeq - 1, link.creationTime()));
    }

    boolean hasVersion(String idHash, String dataHash) {
        return versionsAdded.contains(idHash + dataHash) || versions.hasVersion(idHash, dataHash);
    }

    /** Makes the version the new head of the ID's history (its node is stored by the caller). */
    void linkVersion(String idHash, String type, Version version) throws IOException {
        IdInfo info = info(idHash).orElseGet(() -> new IdInfo(type, 0, null));
        try {
            batch.put(db.index(), StoreKeys.history(idHash, info.versions()), VersionRecords.encodeVersion(version));
            batch.put(db.index(), StoreKeys.versionOf(idHash, version.hash()), VersionRecords.encodeDepth(info.versions()));
        } catch (RocksDBException e) {
            throw StoreDatabase.failure("batch", e);
        }
        putInfo(idHash, info.withVersion(version.nodeHash()));
        versionsAdded.add(idHash + version.hash());
    }

    /** Removes damaged content unless it was stored whole again meanwhile; never creates a log entry. */
    private LogEntry quarantine(WriteOp.Quarantine damaged) throws IOException {
        byte[] key = StoreKeys.content(damaged.kind(), damaged.hash());
        if (written.contains(damaged.kind().name() + damaged.hash())) {
            return null;
        }
        byte[] value = db.get(db.content(), key);
        if (value != null && stillWhole(damaged, value)) {
            return null;
        }
        try {
            batch.delete(db.content(), key);
            batch.put(db.index(), StoreKeys.quarantined(damaged.kind(), damaged.hash()),
                    Quarantine.encode(timestamp, damaged.reason()));
        } catch (RocksDBException e) {
            throw StoreDatabase.failure("batch", e);
        }
        quarantined++;
        return null;
    }

    private boolean stillWhole(WriteOp.Quarantine damaged, byte[] value) {
        try {
            ContentValue content = ContentValue.decode(value);
            return content.isExternal()
                    ? external.isIntact(damaged.kind(), damaged.hash(), content.size())
                    : ObjectHashes.sha256Hex(content.inline()).equals(damaged.hash());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** How many items this group put in quarantine. */
    int quarantined() {
        return quarantined;
    }

    private Optional<IdInfo> info(String idHash) {
        IdInfo pending = ids.get(idHash);
        return pending != null ? Optional.of(pending) : versions.info(idHash);
    }

    private void putInfo(String idHash, IdInfo info) throws IOException {
        try {
            batch.put(db.index(), StoreKeys.idInfo(idHash), VersionRecords.encodeInfo(info));
        } catch (RocksDBException e) {
            throw StoreDatabase.failure("batch", e);
        }
        ids.put(idHash, info);
    }

    @Override
    public void close() {
        batch.close();
    }
}
