package io.syncms.store.control;

import io.syncms.store.control.ContentFiles.TempFile;
import io.syncms.store.control.StoreWriter.Commit;
import io.syncms.store.control.StoreWriter.PendingFile;
import io.syncms.store.control.StoreWriter.VersionRequest;
import io.syncms.store.entity.CorruptObjectException;
import io.syncms.store.entity.HashMismatchException;
import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.MissingReferenceException;
import io.syncms.store.entity.ObjectNotFoundException;
import io.syncms.store.entity.ObjectReference;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.RecoveryReport;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreOptions;
import io.syncms.store.entity.StoreResult;
import io.syncms.store.entity.StoreUnavailableException;
import io.syncms.store.entity.Version;

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
 * (layout: {@link StoreLayout}). Every file is named by the SHA-256 of its content, written to a
 * temp file and renamed into place, so a half-written file is never visible; every read hashes the
 * content and refuses to serve it if it does not match its name ({@link CorruptObjectException}).
 *
 * <h2>Write log</h2>
 * Each created file gets an entry with a per-store sequence number in an append-only journal
 * ({@link Journal}); {@link #writtenAfter} lists them, and write listeners hear of them once they
 * are durable. The journal batch is forced to disk before the files are renamed into place, and
 * {@link #open()} finishes or voids what a crash interrupted ({@link StoreRecovery}): an
 * acknowledged write survives {@code kill -9} (and, with fsync on, a machine crash).
 *
 * <h2>Versions</h2>
 * Storing a versioned object also stores its ID object and, unless the object is already in the
 * ID's history, a version node ({@code VersionNodeEdge} for the first version, else a
 * {@code VersionNodeChange} pointing to the previous node) that makes it the head.
 *
 * <h2>Reference rule</h2>
 * An object (or ID object) is stored only if every object, BLOB and CLOB it references
 * ({@code referenceToObj}, {@code referenceToBlob}, {@code referenceToClob}) is already stored,
 * otherwise {@link MissingReferenceException}: the store never holds a dangling content reference,
 * and whatever is reachable from a stored object can be read and sent. References to ID objects
 * ({@code referenceToId}) need not resolve: as in ONE, an Access may name a person whose objects
 * live on another instance.
 *
 * <h2>Threads</h2>
 * All methods are safe for concurrent use. Writers of different content run in parallel (they share
 * the journal's forces); writers of the same hash, and of versions of the same ID, are serialized.
 * An instance is opened once; to reopen a directory create a new instance. One process at a time
 * may have a directory open ({@code store.lock}).
 */
public final class ObjectStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ObjectStore.class.getName());

    private enum State { NEW, OPEN, CLOSED }

    private final StoreLayout layout;
    private final RecipeRegistry registry;
    private final StoreOptions options;
    private final MicrodataSerializer serializer;
    private final MicrodataParser parser = new MicrodataParser();
    private final ObjectReferences references;
    private final ContentFiles files;
    private final VersionIndex versions = new VersionIndex();
    private final List<Consumer<LogEntry>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile State state = State.NEW;
    private FileChannel lockChannel;
    private Journal journal;
    private WriteLog log;
    private StoreWriter writer;
    private Checkpoint checkpoint;
    private RecoveryReport recovery;

    public ObjectStore(Path directory, RecipeRegistry registry) {
        this(directory, registry, StoreOptions.defaults());
    }

    public ObjectStore(Path directory, RecipeRegistry registry, StoreOptions options) {
        this.layout = new StoreLayout(directory);
        this.registry = registry;
        this.options = options;
        this.serializer = new MicrodataSerializer(registry);
        this.references = new ObjectReferences(registry);
        this.files = new ContentFiles(layout, options.fsync());
    }

    /**
     * Creates the directory layout if needed, takes the store lock, replays the journal and
     * recovers from a crash.
     *
     * @throws StoreUnavailableException {@code OS-LOCKED1} if another process (or instance) has it open
     * @throws io.syncms.store.entity.CorruptJournalException if the journal is damaged beyond a torn tail
     */
    public ObjectStore open() {
        lifecycle.writeLock().lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("An ObjectStore is opened once; create a new instance to reopen " + layout.root());
            }
            try {
                createDirectories();
                lockDirectory();
                journal = Journal.open(layout.journalFile(), options.fsync());
                log = new WriteLog(journal);
                checkpoint = new Checkpoint(layout.checkpointFile(), files);
                recovery = new StoreRecovery(layout, files, journal, log, versions).recover(checkpoint.read());
                checkpoint.write(log.lastSeq());
                writer = new StoreWriter(files, log, versions, serializer, options.clock());
                state = State.OPEN;
                return this;
            } catch (IOException e) {
                failOpen();
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                failOpen();
                throw e;
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** Waits for running calls, records the checkpoint and releases the directory. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (state == State.OPEN) {
                try {
                    checkpoint.write(log.lastSeq());
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "Could not record the checkpoint of " + layout.root(), e);
                }
                releaseResources();
            }
            state = State.CLOSED;
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** Whether the store takes writes now (it is open and no write failed half-way). */
    public boolean takesWrites() {
        return state == State.OPEN && !writer.failed();
    }

    public Path directory() {
        return layout.root();
    }

    public RecipeRegistry registry() {
        return registry;
    }

    /** What the last {@link #open()} recovered. */
    public RecoveryReport lastRecovery() {
        return whileOpen(() -> recovery);
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
        return storeValid(object, serializer.toMicrodata(object));
    }

    /**
     * Stores an object given as microdata (as received from another instance): it is parsed
     * strictly with the registry's recipes and must be exactly the canonical microdata of what
     * was parsed. Then as {@link #storeObject}.
     *
     * @throws OneValidationException if it is not canonical microdata of a known type
     */
    public StoreResult storeMicrodata(String microdata) {
        return storeValid(parser.parse(microdata, registry), microdata);
    }

    /**
     * Stores an ID object given as ID microdata (strictly parsed, canonical). It gets no version.
     *
     * @throws OneValidationException if it is not canonical ID microdata of a versioned type
     * @throws MissingReferenceException if an object, BLOB or CLOB its ID properties reference is not stored
     */
    public StoreResult storeIdMicrodata(String idMicrodata) {
        OneObject idObject = parser.parseIdObject(idMicrodata, registry);
        List<ObjectReference> idReferences = references.referencesOfIdObject(idObject);
        byte[] bytes = ObjectHashes.utf8(idMicrodata);
        Commit commit = whileOpen(() -> {
            requireReferences(idObject.type(), idReferences);
            TempFile temp = files.writeTemp(bytes);
            return writer.commit(List.of(new PendingFile(ReferenceKind.ID, idObject.type(), temp.hash(), temp)), null);
        });
        String idHash = ObjectHashes.sha256Hex(bytes);
        return afterCommit(commit, ReferenceKind.ID, idHash, idHash);
    }

    /** Stores binary data, streamed: never held in memory as a whole. */
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

    private StoreResult storeValid(OneObject object, String microdata) {
        List<ObjectReference> objectReferences = references.referencesOf(object);
        boolean versioned = registry.get(object.type()).versioned();
        byte[] idBytes = versioned ? ObjectHashes.utf8(serializer.toIdMicrodata(object)) : null;
        byte[] bytes = ObjectHashes.utf8(microdata);
        String type = object.type();
        Commit commit = whileOpen(() -> {
            requireReferences(type, objectReferences);
            List<PendingFile> pending = new ArrayList<>(2);
            String idHash = null;
            if (versioned) {
                TempFile id = files.writeTemp(idBytes);
                idHash = id.hash();
                pending.add(new PendingFile(ReferenceKind.ID, type, idHash, id));
            }
            TempFile data;
            try {
                data = files.writeTemp(bytes);
            } catch (RuntimeException e) {
                pending.forEach(file -> ContentFiles.deleteQuietly(file.temp().path()));
                throw e;
            }
            pending.add(new PendingFile(ReferenceKind.OBJECT, type, idHash, data));
            // from here on the temp files are the writer's: it keeps them if recovery will need them
            return writer.commit(pending, versioned ? new VersionRequest(idHash, data.hash()) : null);
        });
        return afterCommit(commit, ReferenceKind.OBJECT, ObjectHashes.sha256Hex(bytes),
                versioned ? ObjectHashes.sha256Hex(idBytes) : null);
    }

    private StoreResult storeStream(ReferenceKind kind, InputStream in, String expectedHash) {
        requireOpen();
        TempFile temp = files.writeTemp(in, kind == ReferenceKind.CLOB ? new Utf8Validator() : null);
        if (expectedHash != null && !expectedHash.equals(temp.hash())) {
            ContentFiles.deleteQuietly(temp.path());
            throw new HashMismatchException(kind, expectedHash, temp.hash());
        }
        Commit commit;
        try {
            commit = whileOpen(() -> writer.commit(List.of(new PendingFile(kind, null, null, temp)), null));
        } catch (StoreUnavailableException e) {
            if ("OS-CLOSED1".equals(e.code())) {
                ContentFiles.deleteQuietly(temp.path());
            }
            throw e;
        }
        return afterCommit(commit, kind, temp.hash(), null);
    }

    private StoreResult afterCommit(Commit commit, ReferenceKind kind, String hash, String idHash) {
        maybeCheckpoint();
        notifyListeners(commit.visible());
        return commit.entry(kind, hash)
                .map(entry -> new StoreResult(kind, hash, idHash, true, entry.seq()))
                .orElseGet(() -> new StoreResult(kind, hash, idHash, false, 0));
    }

    private void requireReferences(String type, List<ObjectReference> objectReferences) {
        List<ObjectReference> missing = new ArrayList<>();
        Set<String> checked = new HashSet<>();
        for (ObjectReference reference : objectReferences) {
            if (reference.kind() != ReferenceKind.ID
                    && checked.add(reference.kind() + reference.hash())
                    && !isStored(reference.kind(), reference.hash())) {
                missing.add(reference);
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
     * @throws CorruptObjectException if the file does not hash to its name
     */
    public String readMicrodata(String hash) {
        return readText(ReferenceKind.OBJECT, hash);
    }

    /** A stored object, verified and parsed with the registry's recipes. */
    public OneObject readObject(String hash) {
        return parser.parse(readMicrodata(hash), registry);
    }

    /** The ID microdata of an ID hash, verified. */
    public String readIdMicrodata(String idHash) {
        return readText(ReferenceKind.ID, idHash);
    }

    /** A stored ID object (ID properties only), verified and parsed. */
    public OneObject readIdObject(String idHash) {
        return parser.parseIdObject(readIdMicrodata(idHash), registry);
    }

    /**
     * A stream of a BLOB; the whole file was hashed and verified before the stream is returned.
     * The caller closes it.
     */
    public InputStream openBlob(String hash) {
        return openStream(ReferenceKind.BLOB, hash);
    }

    /** A stream of the UTF-8 bytes of a CLOB, verified as {@link #openBlob}. */
    public InputStream openClob(String hash) {
        return openStream(ReferenceKind.CLOB, hash);
    }

    /** The size in bytes of stored content (microdata as UTF-8). */
    public long size(ReferenceKind kind, String hash) {
        StoreLayout.requireHash(hash);
        return whileOpen(() -> {
            requireStored(kind, hash);
            return files.size(kind, hash);
        });
    }

    private String readText(ReferenceKind kind, String hash) {
        StoreLayout.requireHash(hash);
        return whileOpen(() -> {
            requireStored(kind, hash);
            return new String(files.readVerified(kind, hash), StandardCharsets.UTF_8);
        });
    }

    private InputStream openStream(ReferenceKind kind, String hash) {
        StoreLayout.requireHash(hash);
        return whileOpen(() -> {
            requireStored(kind, hash);
            return files.openVerified(kind, hash);
        });
    }

    private boolean isStored(ReferenceKind kind, String hash) {
        return !writer.isInFlight(kind, hash) && files.exists(kind, hash);
    }

    private void requireStored(ReferenceKind kind, String hash) {
        if (writer.isInFlight(kind, hash)) {
            throw new ObjectNotFoundException(kind, hash);
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
     * empty until something new is written. (Entries that recovery declared void leave gaps, so the
     * entry with this number may not be listed.)
     */
    public long lastSeq() {
        return whileOpen(() -> log.lastSeq());
    }

    /**
     * The write log entries with a sequence number above {@code seq}, oldest first, at most
     * {@code limit}. Reads only the journal records from {@code seq} on. An entry appears once all
     * entries before it have, so remembering the last sequence number seen is enough to miss none.
     */
    public List<LogEntry> writtenAfter(long seq, int limit) {
        return whileOpen(() -> {
            try {
                return log.writtenAfter(seq, limit);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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

    // ---------------------------------------------------------------- lifecycle

    private void maybeCheckpoint() {
        lifecycle.readLock().lock();
        try {
            if (state == State.OPEN && log.lastSeq() - checkpoint.lastWritten() >= options.checkpointInterval()) {
                checkpoint.write(log.lastSeq());
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not record the checkpoint of " + layout.root(), e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

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

    private void createDirectories() throws IOException {
        Files.createDirectories(layout.root());
        for (ReferenceKind kind : ReferenceKind.values()) {
            Files.createDirectories(layout.kindDirectory(kind));
        }
        Files.createDirectories(layout.tmpDirectory());
        Files.createDirectories(layout.journalDirectory());
        files.syncDirectory(layout.root());
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

    /** A failed open leaves half-built indexes behind: this instance is done. */
    private void failOpen() {
        releaseResources();
        state = State.CLOSED;
    }

    private void releaseResources() {
        closeQuietly(journal);
        closeQuietly(lockChannel);
        journal = null;
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
