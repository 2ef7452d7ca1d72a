package io.syncms.store.control;

import io.syncms.store.control.ExternalContent.Staged;
import io.syncms.store.control.WriteOp.AddVersion;
import io.syncms.store.control.WriteOp.PutContent;
import io.syncms.store.entity.CorruptObjectException;
import io.syncms.store.entity.HashMismatchException;
import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.MigrationReport;
import io.syncms.store.entity.MissingReferenceException;
import io.syncms.store.entity.ObjectNotFoundException;
import io.syncms.store.entity.ObjectReference;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.QuarantinedItem;
import io.syncms.store.entity.ReceivedItem;
import io.syncms.store.entity.RecoveryReport;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreException;
import io.syncms.store.entity.StoreOptions;
import io.syncms.store.entity.StoreOutcome;
import io.syncms.store.entity.StoreResult;
import io.syncms.store.entity.StoreUnavailableException;
import io.syncms.store.entity.Version;

import org.rocksdb.RocksIterator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The durable, content-addressed store of ONE objects, ID objects, BLOBs and CLOBs in a directory
 * (layout: {@link StoreLayout}), on RocksDB ({@link StoreDatabase}). Content is stored under its
 * SHA-256; every read hashes what it read and refuses to serve it if it does not match
 * ({@link CorruptObjectException}), and puts the damaged item in quarantine, so that it counts as
 * missing and is stored again, whole, when the same content arrives by a later write or a Chum.
 *
 * <h2>Writes</h2>
 * Concurrent writers share one atomic batch and one force of the write-ahead log
 * ({@link GroupCommitter}): a write is acknowledged once it is durable (with fsync on), and visible
 * only then; nothing half-written is ever visible, and an acknowledged write survives {@code kill -9}
 * (and, with fsync on, a machine crash). The batch calls ({@link #storeObjects}, {@link #storeContents})
 * commit many items at once; items of one batch may reference earlier items of it.
 *
 * <h2>Write log</h2>
 * Each item created gets the next per-store sequence number and a log entry, in the same atomic
 * write; {@link #writtenAfter} lists them in order and write listeners hear of them. The numbers,
 * with the store's {@link #epoch()}, are what Chum checkpoints refer to: they are never reused
 * within an epoch.
 *
 * <h2>Versions</h2>
 * Storing a versioned object also stores its ID object and, unless the object is already in the
 * ID's history, a version node ({@code VersionNodeEdge} for the first version, else a
 * {@code VersionNodeChange} pointing to the previous node) that makes it the head. Histories live
 * in the database's index, not in memory.
 *
 * <h2>Reference rule</h2>
 * An object (or ID object) is stored only if every object, BLOB and CLOB it references
 * ({@code referenceToObj}, {@code referenceToBlob}, {@code referenceToClob}) is already stored,
 * otherwise {@link MissingReferenceException}: the store never takes a dangling content reference,
 * and whatever is reachable from a stored object can be read and sent (unless it was damaged on
 * disk since, see {@link #check}). References to ID objects ({@code referenceToId}) need not
 * resolve: as in ONE, an Access may name a person whose objects live on another instance.
 *
 * <h2>Threads</h2>
 * All methods are safe for concurrent use. An instance is opened once; to reopen a directory create
 * a new instance. One process at a time may have a directory open ({@code store.lock}). A store of
 * the first layout (a file per object) is converted when it is opened ({@link LegacyMigration}).
 */
public final class ObjectStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ObjectStore.class.getName());
    private static final String OPEN_MARKER = "open";
    private static final String EPOCH = "epoch";
    private static final String QUARANTINED = "quarantined";
    /** From this many references on, an object's references are looked up in one call. */
    private static final int MANY_REFERENCES = 32;

    private enum State { NEW, OPEN, CLOSED }

    private final StoreLayout layout;
    private final RecipeRegistry registry;
    private final StoreOptions options;
    private final MicrodataSerializer serializer;
    private final MicrodataParser parser = new MicrodataParser();
    private final ObjectReferences references;
    private final ExternalContent external;
    private final List<Consumer<LogEntry>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile State state = State.NEW;
    private FileChannel lockChannel;
    private StoreDatabase db;
    private VersionTable versions;
    private GroupCommitter committer;
    private volatile long quarantined;
    private RecoveryReport recovery;
    private volatile String epoch;
    private volatile long visibleSeq;
    private long nextSeq;
    private volatile Throwable failure;
    private volatile StoreObserver observer = StoreObserver.NONE;

    public ObjectStore(Path directory, RecipeRegistry registry) {
        this(directory, registry, StoreOptions.defaults());
    }

    public ObjectStore(Path directory, RecipeRegistry registry, StoreOptions options) {
        this.layout = new StoreLayout(directory);
        this.registry = registry;
        this.options = options;
        this.serializer = new MicrodataSerializer(registry);
        this.references = new ObjectReferences(registry);
        this.external = new ExternalContent(layout, options.fsync(), options.inlineLimit());
    }

    /**
     * Creates the directory if needed, takes the store lock, opens the database (which replays its
     * write-ahead log) and converts a store of the first layout.
     *
     * @throws StoreUnavailableException {@code OS-LOCKED1} if another process (or instance) has it open
     */
    public ObjectStore open() {
        lifecycle.writeLock().lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("An ObjectStore is opened once; create a new instance to reopen " + layout.root());
            }
            try {
                Files.createDirectories(layout.root());
                lockDirectory();
                db = StoreDatabase.open(layout.databaseDirectory(), options.fsync(), options.cacheBytes());
                versions = new VersionTable(db);
                MigrationReport migration = LegacyMigration.isNeeded(layout)
                        ? new LegacyMigration(layout, db, external).run() : null;
                boolean clean = db.get(db.index(), StoreKeys.meta(OPEN_MARKER)) == null;
                boolean renewed = startEpoch(clean);
                int tempFiles = external.emptyTmp();
                quarantined = readCounter(QUARANTINED);
                nextSeq = Math.max(lastLoggedSeq(), readCounter(LegacyMigration.SEQ_FLOOR)) + 1;
                visibleSeq = nextSeq - 1;
                committer = new GroupCommitter(this::writeGroup);
                recovery = new RecoveryReport(clean, renewed, epoch, visibleSeq, tempFiles, migration);
                state = State.OPEN;
                return this;
            } catch (IOException e) {
                failOpen();
                throw new UncheckedIOException(e);
            } catch (RuntimeException | Error e) {
                failOpen();
                throw e;
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /**
     * Reads or creates the epoch and marks the store open. A store that was not closed properly
     * with fsync off may have lost writes that peers already saw (their sequence numbers would be
     * given out again): it gets a new epoch, so every peer's checkpoint of it is void.
     */
    private boolean startEpoch(boolean clean) throws IOException {
        byte[] stored = db.get(db.index(), StoreKeys.meta(EPOCH));
        boolean renew = stored == null || (!clean && !options.fsync());
        epoch = renew ? java.util.UUID.randomUUID().toString() : new String(stored, StandardCharsets.UTF_8);
        try (org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch()) {
            batch.put(db.index(), StoreKeys.meta(EPOCH), epoch.getBytes(StandardCharsets.UTF_8));
            batch.put(db.index(), StoreKeys.meta(OPEN_MARKER), new byte[] {1});
            db.writeDurably(batch);
        } catch (org.rocksdb.RocksDBException e) {
            throw StoreDatabase.failure("open", e);
        }
        if (renew && stored != null) {
            LOG.warning(() -> "The object store " + layout.root() + " was not closed properly and runs with fsync off: "
                    + "writes peers saw may be lost, so it starts a new epoch " + epoch + " (peers list it anew)");
        }
        return renew && stored != null;
    }

    private long readCounter(String name) throws IOException {
        byte[] value = db.get(db.index(), StoreKeys.meta(name));
        return value == null || value.length != Long.BYTES ? 0 : java.nio.ByteBuffer.wrap(value).getLong();
    }

    private long lastLoggedSeq() {
        try (RocksIterator iterator = db.iterator(db.log())) {
            iterator.seekToLast();
            return iterator.isValid() ? StoreKeys.seqOf(iterator.key()) : 0;
        }
    }

    /** Waits for running calls, forces what is written and releases the directory. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (state == State.OPEN) {
                try {
                    db.flush();
                    try (org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch()) {
                        batch.delete(db.index(), StoreKeys.meta(OPEN_MARKER));
                        db.writeDurably(batch);
                    }
                } catch (IOException | org.rocksdb.RocksDBException e) {
                    LOG.log(Level.WARNING, "Could not close the object store " + layout.root() + " cleanly", e);
                }
                releaseResources();
            }
            state = State.CLOSED;
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** Whether the store takes writes now (it is open and no write failed). */
    /** Tells {@code observer} of every commit and every damaged read from now on (one observer at a time). */
    public void observe(StoreObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    public boolean takesWrites() {
        return state == State.OPEN && failure == null;
    }

    public Path directory() {
        return layout.root();
    }

    public RecipeRegistry registry() {
        return registry;
    }

    /** What the last {@link #open()} found. */
    public RecoveryReport lastRecovery() {
        return whileOpen(() -> recovery);
    }

    /**
     * The epoch of the write log: sequence numbers are unique within it. A peer's checkpoint of
     * this store holds only while the epoch is the same.
     */
    public String epoch() {
        return whileOpen(() -> epoch);
    }

    /**
     * How many items were put in quarantine over the store's life: when it grows, items that were
     * stored are missing again, and a Chum must list everything to find them anew.
     */
    public long quarantinedCount() {
        return whileOpen(() -> quarantined);
    }

    /** The items in quarantine, at most {@code limit}, in hash order. */
    public List<QuarantinedItem> quarantine(int limit) {
        return whileOpen(() -> Quarantine.list(db, limit));
    }

    // ---------------------------------------------------------------- writes

    /**
     * Stores a ONE object (validated by serializing it with its recipe); for a versioned type also
     * its ID object and, if it is a new version, a version node that makes it the head.
     *
     * @return the object hash; {@code created} is false if it was already stored
     * @throws OneValidationException if the object does not match its recipe
     * @throws MissingReferenceException if an object, BLOB or CLOB it references is not stored
     */
    public StoreResult storeObject(OneObject object) {
        return single(storeObjects(List.of(object)));
    }

    /**
     * Stores an object given as microdata (as received from another instance): it is parsed
     * strictly with the registry's recipes and must be exactly the canonical microdata of what
     * was parsed. Then as {@link #storeObject}.
     *
     * @throws OneValidationException if it is not canonical microdata of a known type
     */
    public StoreResult storeMicrodata(String microdata) {
        return single(storeMicrodata(List.of(microdata)));
    }

    /**
     * Stores many objects in one atomic commit, in order: an object may reference objects earlier
     * in the list. An object that is invalid, or references what is neither stored nor earlier in
     * the list, is refused with its problem; the others are stored.
     *
     * @return one outcome per object, in order
     */
    public List<StoreOutcome> storeObjects(List<OneObject> objects) {
        List<PreparedItem> prepared = new ArrayList<>(objects.size());
        for (OneObject object : objects) {
            prepared.add(prepare(() -> preparedItem(ReferenceKind.OBJECT, object, serializer.toMicrodata(object))));
        }
        return store(new PreparedBatch(prepared));
    }

    /** As {@link #storeObjects}, for objects given as microdata (see {@link #storeMicrodata(String)}). */
    public List<StoreOutcome> storeMicrodata(List<String> microdata) {
        List<PreparedItem> prepared = new ArrayList<>(microdata.size());
        for (String text : microdata) {
            prepared.add(prepare(() -> preparedItem(ReferenceKind.OBJECT, parser.parse(text, registry), text)));
        }
        return store(new PreparedBatch(prepared));
    }

    /**
     * Stores objects and ID objects received from a peer in one atomic commit, in order (referenced
     * items first): as {@link #store(PreparedBatch)} of {@link #prepareReceived}.
     *
     * @return one outcome per item, in order
     */
    public List<StoreOutcome> storeReceived(List<ReceivedItem> items) {
        return store(prepareReceived(items));
    }

    /**
     * The work of storing received objects that needs nothing of the store (parsing, checking the
     * canonical form and the hash, serializing ID objects), so that it can run on another thread
     * while an earlier batch is stored. Each is parsed strictly, must be canonical microdata and hash
     * to the hash it was listed under ({@link HashMismatchException} otherwise). An ID object gets no
     * version; an object of a versioned type becomes the head of its ID as with
     * {@link #storeMicrodata(String)}.
     */
    public PreparedBatch prepareReceived(List<ReceivedItem> items) {
        List<PreparedItem> prepared = new ArrayList<>(items.size());
        for (ReceivedItem item : items) {
            prepared.add(prepare(() -> {
                OneObject object = item.kind() == ReferenceKind.ID
                        ? parser.parseIdObject(item.microdata(), registry) : parser.parse(item.microdata(), registry);
                PreparedItem ready = preparedItem(item.kind(), object, item.microdata());
                if (!ready.hash().equals(item.hash())) {
                    throw new HashMismatchException(item.kind(), item.hash(), ready.hash());
                }
                return ready;
            }));
        }
        return new PreparedBatch(prepared);
    }

    /**
     * Stores a prepared batch in one atomic commit, in order: an item is refused if what it
     * references is neither stored nor earlier in the batch.
     *
     * @return one outcome per item, in order
     */
    public List<StoreOutcome> store(PreparedBatch batch) {
        return commitPrepared(batch.items(), true);
    }

    /**
     * As {@link #storeReceived}, but an object of a versioned type gets no version: it is stored with
     * its ID object and the ID's history is left as it is, as one.core stores what a peer sends
     * before it merges the peer's version nodes ({@link #storeVersionHead}).
     */
    public List<StoreOutcome> storeReceivedWithoutVersions(List<ReceivedItem> items) {
        return commitPrepared(prepareReceived(items).items(), false);
    }

    /**
     * Stores a version node ({@code VersionNodeEdge}, {@code VersionNodeChange} or
     * {@code VersionNodeMerge}) and makes it the head of the ID hash, with the node's {@code data} as
     * the current version: how one.core records the outcome of merging a peer's versions. The data
     * and the nodes it names must be stored, and the data must be a version of that ID. Nothing changes
     * if the head is no longer {@code expectedHead} (null: the ID has no version) when it commits: a
     * caller that merged against that head compares {@link #head} with its node and merges again.
     *
     * @throws OneValidationException if the node is not a valid version node
     * @throws MissingReferenceException if what it references is not stored
     * @throws IllegalArgumentException if its data is not an object of that ID
     */
    public StoreResult storeVersionHead(String idHash, OneObject node, String expectedHead) {
        StoreLayout.requireHash(idHash);
        if (!VersionNodes.TYPES.contains(node.type())) {
            throw new IllegalArgumentException("A version head is a version node, not a " + node.type());
        }
        PreparedItem item = preparedItem(ReferenceKind.OBJECT, node, serializer.toMicrodata(node));
        String dataHash = (String) node.get("data");
        long creationTime = ((Number) node.get("creationTime")).longValue();
        return whileOpen(() -> {
            requireReferences(item.type(), item.references(), Set.of());
            OneObject data = readObject(dataHash);
            String dataId = registry.get(data.type()).versioned()
                    ? ObjectHashes.sha256Hex(ObjectHashes.utf8(serializer.toIdMicrodata(data))) : null;
            if (!idHash.equals(dataId)) {
                throw new IllegalArgumentException("The node's data " + dataHash + " is not a version of " + idHash);
            }
            CommitRequest request = commit(List.of(
                    new PutContent(ReferenceKind.OBJECT, item.hash(), ContentValue.inline(item.bytes()), item.type(), null),
                    new WriteOp.LinkNode(idHash, data.type(), dataHash, item.hash(), creationTime, expectedHead)));
            return result(request, 0, ReferenceKind.OBJECT, item.hash(), null);
        });
    }

    /** Items validated, serialized and hashed, ready to store ({@link #prepareReceived}). */
    public static final class PreparedBatch {

        private final List<PreparedItem> items;

        private PreparedBatch(List<PreparedItem> items) {
            this.items = List.copyOf(items);
        }

        List<PreparedItem> items() {
            return items;
        }

        public int size() {
            return items.size();
        }
    }

    /**
     * Stores an ID object given as ID microdata (strictly parsed, canonical). It gets no version.
     *
     * @throws OneValidationException if it is not canonical ID microdata of a versioned type
     * @throws MissingReferenceException if an object, BLOB or CLOB its ID properties reference is not stored
     */
    public StoreResult storeIdMicrodata(String idMicrodata) {
        OneObject idObject = parser.parseIdObject(idMicrodata, registry);
        byte[] bytes = ObjectHashes.utf8(idMicrodata);
        String idHash = ObjectHashes.sha256Hex(bytes);
        return whileOpen(() -> {
            requireReferences(idObject.type(), references.referencesOfIdObject(idObject), Set.of());
            CommitRequest request = commit(List.of(
                    new PutContent(ReferenceKind.ID, idHash, ContentValue.inline(bytes), idObject.type(), idHash)));
            return result(request, 0, ReferenceKind.ID, idHash, idHash);
        });
    }

    /** Stores binary data, streamed: never held in memory beyond the inline limit. */
    public StoreResult storeBlob(InputStream bytes) {
        return storeStream(ReferenceKind.BLOB, bytes, null);
    }

    /**
     * Stores binary data that must have the given hash (content fetched by hash from elsewhere).
     *
     * @throws HashMismatchException if it does not; nothing is stored
     */
    public StoreResult storeBlob(InputStream bytes, String expectedHash) {
        return storeStream(ReferenceKind.BLOB, bytes, StoreLayout.requireHash(expectedHash));
    }

    /**
     * Stores UTF-8 text, streamed.
     *
     * @throws OneValidationException {@code OS-UTF1} if the bytes are not well-formed UTF-8
     */
    public StoreResult storeClob(InputStream utf8) {
        return storeStream(ReferenceKind.CLOB, utf8, null);
    }

    /** As {@link #storeClob(InputStream)}, for text that must have the given hash. */
    public StoreResult storeClob(InputStream utf8, String expectedHash) {
        return storeStream(ReferenceKind.CLOB, utf8, StoreLayout.requireHash(expectedHash));
    }

    /** Stores text as a CLOB (UTF-8; a lone surrogate becomes U+FFFD, as in JavaScript). */
    public StoreResult storeClob(String text) {
        return storeClob(new ByteArrayInputStream(ObjectHashes.utf8(text)));
    }

    /**
     * Stores many BLOBs or CLOBs held in memory in one atomic commit (what a Chum receives in a
     * batch). An item whose bytes do not hash to its expected hash (if given), or, for a CLOB, that
     * is not well-formed UTF-8, is refused; the others are stored.
     *
     * @param expectedHashes one per item, an entry may be null (any hash), or the list may be null
     * @return one outcome per item, in order
     */
    public List<StoreOutcome> storeContents(ReferenceKind kind, List<byte[]> contents, List<String> expectedHashes) {
        if (kind != ReferenceKind.BLOB && kind != ReferenceKind.CLOB) {
            throw new IllegalArgumentException("storeContents stores BLOBs and CLOBs, not " + kind);
        }
        List<StoreOutcome> outcomes = new ArrayList<>(contents.size());
        List<WriteOp> ops = new ArrayList<>();
        List<Integer> opOf = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            byte[] bytes = contents.get(i);
            String expected = expectedHashes == null ? null : expectedHashes.get(i);
            String hash = ObjectHashes.sha256Hex(bytes);
            hashes.add(hash);
            try {
                if (expected != null && !StoreLayout.requireHash(expected).equals(hash)) {
                    throw new HashMismatchException(kind, expected, hash);
                }
                if (kind == ReferenceKind.CLOB) {
                    Utf8Validator validator = new Utf8Validator();
                    validator.update(bytes, 0, bytes.length);
                    validator.finish();
                }
                if (bytes.length > options.inlineLimit()) {
                    // rare in a batch: store it on its own, as a file
                    outcomes.add(StoreOutcome.stored(storeStream(kind, new ByteArrayInputStream(bytes), hash)));
                    opOf.add(-1);
                    continue;
                }
                opOf.add(ops.size());
                ops.add(new PutContent(kind, hash, ContentValue.inline(bytes), null, null));
                outcomes.add(null);
            } catch (StoreException | OneValidationException e) {
                outcomes.add(StoreOutcome.refused(e));
                opOf.add(-1);
            }
        }
        if (!ops.isEmpty()) {
            CommitRequest request = whileOpen(() -> commit(ops));
            for (int i = 0; i < contents.size(); i++) {
                if (opOf.get(i) >= 0) {
                    outcomes.set(i, StoreOutcome.stored(result(request, opOf.get(i), kind, hashes.get(i), null)));
                }
            }
        }
        return outcomes;
    }

    /**
     * An object or ID object validated, serialized and hashed, with the references it needs; or the
     * problem that refused it.
     */
    private record PreparedItem(ReferenceKind kind, String type, byte[] bytes, String hash, byte[] idBytes, String idHash,
                                List<ObjectReference> references, RuntimeException problem) {

        static PreparedItem refused(RuntimeException problem) {
            return new PreparedItem(null, null, null, null, null, null, List.of(), problem);
        }
    }

    private PreparedItem preparedItem(ReferenceKind kind, OneObject object, String microdata) {
        byte[] bytes = ObjectHashes.utf8(microdata);
        String hash = ObjectHashes.sha256Hex(bytes);
        if (kind == ReferenceKind.ID) {
            return new PreparedItem(kind, object.type(), bytes, hash, null, hash, references.referencesOfIdObject(object), null);
        }
        byte[] idBytes = null;
        String idHash = null;
        if (registry.get(object.type()).versioned()) {
            idBytes = ObjectHashes.utf8(serializer.toIdMicrodata(object));
            idHash = ObjectHashes.sha256Hex(idBytes);
        }
        return new PreparedItem(kind, object.type(), bytes, hash, idBytes, idHash, references.referencesOf(object), null);
    }

    /** A preparation, which may refuse its item. */
    @FunctionalInterface
    private interface ItemSource {
        PreparedItem get();
    }

    private PreparedItem prepare(ItemSource preparation) {
        try {
            return preparation.get();
        } catch (StoreException | OneValidationException e) {
            return PreparedItem.refused(e);
        }
    }

    private List<StoreOutcome> commitPrepared(List<PreparedItem> prepared, boolean linkVersions) {
        return whileOpen(() -> {
            StoreOutcome[] outcomes = new StoreOutcome[prepared.size()];
            List<WriteOp> ops = new ArrayList<>();
            int[] itemOp = new int[prepared.size()];
            Set<String> inBatch = new HashSet<>();
            for (int i = 0; i < prepared.size(); i++) {
                PreparedItem item = prepared.get(i);
                itemOp[i] = -1;
                if (item.problem() != null) {
                    outcomes[i] = StoreOutcome.refused(item.problem());
                    continue;
                }
                try {
                    requireReferences(item.type(), item.references(), inBatch);
                } catch (StoreException e) {
                    outcomes[i] = StoreOutcome.refused(e);
                    continue;
                }
                if (item.kind() == ReferenceKind.ID) {
                    itemOp[i] = ops.size();
                    ops.add(new PutContent(ReferenceKind.ID, item.hash(), ContentValue.inline(item.bytes()), item.type(), item.hash()));
                    continue;
                }
                if (item.idHash() != null) {
                    ops.add(new PutContent(ReferenceKind.ID, item.idHash(), ContentValue.inline(item.idBytes()), item.type(), item.idHash()));
                }
                itemOp[i] = ops.size();
                ops.add(new PutContent(ReferenceKind.OBJECT, item.hash(), ContentValue.inline(item.bytes()), item.type(), item.idHash()));
                if (item.idHash() != null && linkVersions) {
                    ops.add(new AddVersion(item.idHash(), item.hash(), item.type()));
                }
                inBatch.add(ReferenceKind.OBJECT + item.hash());
            }
            if (!ops.isEmpty()) {
                CommitRequest request = commit(ops);
                for (int i = 0; i < outcomes.length; i++) {
                    if (itemOp[i] >= 0) {
                        PreparedItem item = prepared.get(i);
                        outcomes[i] = StoreOutcome.stored(result(request, itemOp[i], item.kind(), item.hash(), item.idHash()));
                    }
                }
            }
            return List.of(outcomes);
        });
    }

    private static StoreResult single(List<StoreOutcome> outcomes) {
        StoreOutcome outcome = outcomes.get(0);
        if (outcome.problem() != null) {
            throw outcome.problem();
        }
        return outcome.result();
    }

    private StoreResult storeStream(ReferenceKind kind, InputStream in, String expectedHash) {
        requireOpen();
        Staged staged = external.stage(in, kind == ReferenceKind.CLOB ? new Utf8Validator() : null);
        try {
            if (expectedHash != null && !expectedHash.equals(staged.hash())) {
                throw new HashMismatchException(kind, expectedHash, staged.hash());
            }
            return whileOpen(() -> {
                ContentValue value;
                if (staged.isInline()) {
                    value = ContentValue.inline(staged.inline());
                } else {
                    if (contains(kind, staged.hash())) {
                        return new StoreResult(kind, staged.hash(), null, false, 0);
                    }
                    try {
                        // the file is durable in its place before the entry that makes it visible
                        external.place(kind, staged);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    value = ContentValue.external(staged.size());
                }
                CommitRequest request = commit(List.of(new PutContent(kind, staged.hash(), value, null, null)));
                return result(request, 0, kind, staged.hash(), null);
            });
        } finally {
            if (!staged.isInline()) {
                ExternalContent.deleteQuietly(staged.temp());
            }
        }
    }

    private StoreResult result(CommitRequest request, int op, ReferenceKind kind, String hash, String idHash) {
        LogEntry entry = request.created(op);
        return entry == null ? new StoreResult(kind, hash, idHash, false, 0) : new StoreResult(kind, hash, idHash, true, entry.seq());
    }

    /** Commits the operations with those of concurrent writers and tells the listeners what is new. */
    private CommitRequest commit(List<WriteOp> ops) {
        requireHealthy();
        CommitRequest request = new CommitRequest(ops);
        try {
            committer.commit(request);
        } catch (IOException e) {
            throw new StoreUnavailableException("OS-FAILED1",
                    "The object store could not write and stopped accepting writes; reopen it: " + e.getMessage(), e);
        }
        notifyListeners(request.entries());
        return request;
    }

    /** Writes one group of requests (on the leader's thread, one group at a time). */
    private void writeGroup(List<CommitRequest> group) throws IOException {
        try (CommitGroup commit = new CommitGroup(db, versions, external, serializer, nextSeq, options.clock().millis())) {
            for (CommitRequest request : group) {
                commit.add(request);
            }
            if (commit.batch().count() == 0) {
                return;
            }
            long quarantinedNow = quarantined + commit.quarantined();
            if (commit.quarantined() > 0) {
                commit.batch().put(db.index(), StoreKeys.meta(QUARANTINED),
                        java.nio.ByteBuffer.allocate(Long.BYTES).putLong(quarantinedNow).array());
            }
            long started = System.nanoTime();
            try {
                db.write(commit.batch());
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            long nanos = System.nanoTime() - started;
            quarantined = quarantinedNow;
            nextSeq = commit.nextSeq();
            visibleSeq = nextSeq - 1;
            tell(() -> observer.committed(group.size(), commit.batch().getDataSize(), nanos));
        } catch (org.rocksdb.RocksDBException e) {
            group.forEach(CommitRequest::clear);
            throw StoreDatabase.failure("batch", e);
        } catch (IOException | RuntimeException e) {
            group.forEach(CommitRequest::clear);
            throw e;
        }
    }

    /**
     * Takes damaged content out (see {@link WriteOp.Quarantine}); a damaged or missing file is moved
     * aside first. Serialized with the writes, so content stored whole again meanwhile stays.
     */
    private void quarantine(ReferenceKind kind, String hash, String reason) {
        LOG.warning(() -> "The object store " + layout.root() + " puts " + kind + " " + hash + " in quarantine: " + reason
                + "; it is stored again when the same content arrives");
        tell(() -> observer.corrupt(kind));
        try {
            external.quarantine(kind, hash);
            commit(List.of(new WriteOp.Quarantine(kind, hash, reason)));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not put " + kind + " " + hash + " in quarantine", e);
        }
    }

    /** Tells the observer; what it does never changes what the store does. */
    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A store observer failed", e);
        }
    }

    private void requireHealthy() {
        Throwable cause = failure;
        if (cause != null) {
            throw new StoreUnavailableException("OS-FAILED1",
                    "The object store stopped accepting writes after a write failed; reopen it: " + cause.getMessage(), cause);
        }
    }

    private void requireReferences(String type, List<ObjectReference> objectReferences, Set<String> inBatch) {
        List<ObjectReference> toLookUp = new ArrayList<>();
        Set<String> checked = new HashSet<>();
        for (ObjectReference reference : objectReferences) {
            String key = reference.kind() + reference.hash();
            if (reference.kind() != ReferenceKind.ID && checked.add(key) && !inBatch.contains(key)) {
                toLookUp.add(reference);
            }
        }
        if (toLookUp.isEmpty()) {
            return;
        }
        List<ObjectReference> missing = new ArrayList<>();
        if (toLookUp.size() < MANY_REFERENCES) {
            for (ObjectReference reference : toLookUp) {
                if (!isStored(reference.kind(), reference.hash())) {
                    missing.add(reference);
                }
            }
        } else {
            List<byte[]> keys = new ArrayList<>(toLookUp.size());
            toLookUp.forEach(reference -> keys.add(StoreKeys.content(reference.kind(), reference.hash())));
            boolean[] present;
            try {
                present = db.existAll(db.content(), keys);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int i = 0; i < present.length; i++) {
                if (!present[i]) {
                    missing.add(toLookUp.get(i));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingReferenceException(type, missing);
        }
    }

    // ---------------------------------------------------------------- reads

    /** Whether content of that kind is stored (and durable) under the hash. */
    public boolean contains(ReferenceKind kind, String hash) {
        StoreLayout.requireHash(hash);
        return whileOpen(() -> isStored(kind, hash));
    }

    /**
     * The microdata of a stored object, verified.
     *
     * @throws ObjectNotFoundException if it is not stored
     * @throws CorruptObjectException if what is stored does not hash to its name (it is then quarantined)
     */
    public String readMicrodata(String hash) {
        return readText(ReferenceKind.OBJECT, hash);
    }

    /** A stored object, verified and parsed with the registry's recipes. */
    public OneObject readObject(String hash) {
        return parser.parseStored(readMicrodata(hash), registry);
    }

    /** The ID microdata of an ID hash, verified. */
    public String readIdMicrodata(String idHash) {
        return readText(ReferenceKind.ID, idHash);
    }

    /** A stored ID object (ID properties only), verified and parsed. */
    public OneObject readIdObject(String idHash) {
        return parser.parseStoredIdObject(readIdMicrodata(idHash), registry);
    }

    /**
     * A stream of a BLOB; the whole content was hashed and verified before the stream is returned.
     * The caller closes it.
     */
    public InputStream openBlob(String hash) {
        return openStream(ReferenceKind.BLOB, hash);
    }

    /** A stream of the UTF-8 bytes of a CLOB, verified as {@link #openBlob}. */
    public InputStream openClob(String hash) {
        return openStream(ReferenceKind.CLOB, hash);
    }

    /** Stored content with its size, verified, from one read of the store (for sending it on). */
    public record StoredContent(long size, InputStream stream) {
    }

    /** A BLOB's or CLOB's size and stream, verified as {@link #openBlob}; the caller closes the stream. */
    public StoredContent openContent(ReferenceKind kind, String hash) {
        StoreLayout.requireHash(hash);
        return whileOpen(() -> {
            ContentValue value = value(kind, hash);
            return new StoredContent(value.size(), value.isExternal() ? openExternal(kind, hash, value)
                    : new ByteArrayInputStream(verified(kind, hash, value.inline())));
        });
    }

    /**
     * Stores an object this instance writes about its own work, such as a Chum log, without looking up
     * what it references: it lists items the work found stored (received, sent or already there), a
     * hundred thousand for a large Chum, whose look-ups took a seventh of the Chum's time. An item put in
     * quarantine meanwhile is referenced all the same, until it arrives again.
     */
    public StoreResult storeRecord(OneObject object) {
        PreparedItem item = preparedItem(ReferenceKind.OBJECT, object, serializer.toMicrodata(object));
        return single(commitPrepared(List.of(new PreparedItem(item.kind(), item.type(), item.bytes(), item.hash(),
                item.idBytes(), item.idHash(), List.of(), null)), true));
    }

    /** The size in bytes of stored content (microdata as UTF-8). */
    public long size(ReferenceKind kind, String hash) {
        StoreLayout.requireHash(hash);
        return whileOpen(() -> value(kind, hash).size());
    }

    private String readText(ReferenceKind kind, String hash) {
        StoreLayout.requireHash(hash);
        return whileOpen(() -> {
            ContentValue value = value(kind, hash);
            if (!value.isExternal()) {
                return new String(verified(kind, hash, value.inline()), StandardCharsets.UTF_8);
            }
            try (InputStream in = openExternal(kind, hash, value)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private InputStream openStream(ReferenceKind kind, String hash) {
        StoreLayout.requireHash(hash);
        return whileOpen(() -> {
            ContentValue value = value(kind, hash);
            return value.isExternal() ? openExternal(kind, hash, value)
                    : new ByteArrayInputStream(verified(kind, hash, value.inline()));
        });
    }

    private ContentValue value(ReferenceKind kind, String hash) {
        byte[] value;
        try {
            value = db.get(db.content(), StoreKeys.content(kind, hash));
        } catch (IOException e) {
            if (StoreDatabase.isCorruption(e)) {
                quarantine(kind, hash, "the database reported damage: " + e.getMessage());
                throw new CorruptObjectException(kind, hash, "unreadable");
            }
            throw new UncheckedIOException(e);
        }
        if (value == null) {
            throw new ObjectNotFoundException(kind, hash);
        }
        try {
            return ContentValue.decode(value);
        } catch (IllegalArgumentException e) {
            quarantine(kind, hash, e.getMessage());
            throw new CorruptObjectException(kind, hash, "undecodable");
        }
    }

    private byte[] verified(ReferenceKind kind, String hash, byte[] content) {
        String actual = ObjectHashes.sha256Hex(content);
        if (!actual.equals(hash)) {
            quarantine(kind, hash, "it hashes to " + actual);
            throw new CorruptObjectException(kind, hash, actual);
        }
        return content;
    }

    private InputStream openExternal(ReferenceKind kind, String hash, ContentValue value) {
        try {
            return external.openVerified(kind, hash);
        } catch (ObjectNotFoundException e) {
            quarantine(kind, hash, "its file " + external.path(kind, hash) + " is missing");
            throw e;
        } catch (CorruptObjectException e) {
            quarantine(kind, hash, "its file hashes to " + e.actualHash());
            throw e;
        }
    }

    private boolean isStored(ReferenceKind kind, String hash) {
        try {
            return db.exists(db.content(), StoreKeys.content(kind, hash));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- versions

    /** The current version of an ID hash, empty if it has none. */
    public Optional<Version> head(String idHash) {
        StoreLayout.requireHash(idHash);
        return whileOpen(() -> versions.head(idHash));
    }

    /** The versions of an ID hash, oldest first (the last one is the head). */
    public List<Version> versions(String idHash) {
        StoreLayout.requireHash(idHash);
        return whileOpen(() -> versions.versions(idHash));
    }

    /** The type of a stored ID object. */
    public Optional<String> typeOfId(String idHash) {
        StoreLayout.requireHash(idHash);
        return whileOpen(() -> versions.typeOf(idHash));
    }

    /** The ID hashes of the stored ID objects of a type, sorted. */
    public Set<String> idHashes(String type) {
        return whileOpen(() -> versions.idHashes(type));
    }

    // ---------------------------------------------------------------- write log

    /**
     * The highest sequence number of the write log, 0 if it is empty: {@link #writtenAfter} of it is
     * empty until something new is written.
     */
    public long lastSeq() {
        return whileOpen(() -> visibleSeq);
    }

    /**
     * The write log entries with a sequence number above {@code seq}, oldest first, at most
     * {@code limit}. An entry appears once all entries before it have, so remembering the last
     * sequence number seen is enough to miss none.
     */
    public List<LogEntry> writtenAfter(long seq, int limit) {
        return whileOpen(() -> {
            long visible = visibleSeq;
            List<LogEntry> entries = new ArrayList<>();
            if (limit <= 0 || seq >= visible) {
                return entries;
            }
            try (RocksIterator iterator = db.iterator(db.log())) {
                for (iterator.seek(StoreKeys.seq(Math.max(0, seq) + 1)); iterator.isValid() && entries.size() < limit; iterator.next()) {
                    long entrySeq = StoreKeys.seqOf(iterator.key());
                    if (entrySeq > visible) {
                        break;
                    }
                    entries.add(LogRecords.decode(entrySeq, iterator.value()));
                }
            }
            return entries;
        });
    }

    /**
     * Calls the listener with each new log entry once it is durable and visible in
     * {@link #writtenAfter}, on the writing thread, before the store call returns. Calls from
     * concurrent writers may run concurrently and out of sequence order; a listener that needs
     * every entry in order uses them as a signal to read {@link #writtenAfter}. For each entry the
     * listeners are called in the order they were added, so a listener added later sees an entry
     * only after the earlier ones have handled it. It must be quick; its exceptions are logged and
     * otherwise ignored.
     */
    public void addWriteListener(Consumer<LogEntry> listener) {
        listeners.add(listener);
    }

    public void removeWriteListener(Consumer<LogEntry> listener) {
        listeners.remove(listener);
    }

    private void notifyListeners(List<LogEntry> entries) {
        for (LogEntry entry : entries) {
            for (Consumer<LogEntry> listener : listeners) {
                try {
                    listener.accept(entry);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Write listener failed on entry " + entry.seq(), e);
                }
            }
        }
    }

    // ---------------------------------------------------------------- check

    /**
     * Checks every stored item against its hash, every large item's file, every log entry and
     * version against the content, and every object's references; with {@code repair}, puts what
     * is damaged in quarantine (it is then stored again when the same content arrives). Runs
     * beside writes, on a snapshot of the database.
     */
    public io.syncms.store.entity.StoreCheckReport check(boolean repair) {
        return whileOpen(() -> new StoreCheck(db, external, parser, registry, references,
                (kind, hash, reason) -> quarantine(kind, hash, reason)).run(repair));
    }

    // ---------------------------------------------------------------- lifecycle

    private <T> T whileOpen(Supplier<T> action) {
        Lock read = lifecycle.readLock();
        read.lock();
        try {
            requireOpen();
            return action.get();
        } finally {
            read.unlock();
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw StoreUnavailableException.closed();
        }
    }

    private void lockDirectory() throws IOException {
        lockChannel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new StoreUnavailableException("OS-LOCKED1", "The object store " + layout.root() + " is open elsewhere");
        }
    }

    /** A failed open leaves nothing behind: this instance is done. */
    private void failOpen() {
        releaseResources();
        state = State.CLOSED;
    }

    private void releaseResources() {
        if (db != null) {
            db.close();
        }
        closeQuietly(lockChannel);
        db = null;
        lockChannel = null;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Closing failed", e);
        }
    }
}
