package io.syncms.chum.control;

import io.syncms.chum.entity.ChangePage;
import io.syncms.chum.entity.ChumAccessDeniedException;
import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.ObjectBody;
import io.syncms.store.control.MicrodataParser;
import io.syncms.store.control.ObjectHashes;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.entity.AccessControlTypes;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.ReceivedItem;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreException;
import io.syncms.store.entity.StoreOutcome;
import io.syncms.store.entity.StoreResult;
import io.syncms.store.entity.StoreUnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Pulls what a remote exporter lists into the local store, one listing round at a time, at the
 * store's speed: nothing waits for a round trip per batch.
 *
 * <p>For each page it first looks locally which entries it lacks (what it has counts as "exists"
 * and is never fetched), then fetches only those:
 * <ul>
 *   <li>BLOBs and CLOBs first (they reference nothing, so their order does not matter): up to
 *       {@code fetchAhead} batch requests stream at once, and each stores what it receives in
 *       atomic group commits of up to {@value #CONTENT_COMMIT_BYTES} bytes (content over
 *       {@value #BUFFERED_ITEM_LIMIT} bytes is stored as it streams in, never held in memory);
 *   <li>then objects and ID objects, in listing order, which puts referenced content first: up to
 *       {@code fetchAhead} batches are fetched ahead while the current one is stored, as one atomic
 *       commit, so an object may reference one earlier in the same batch.
 * </ul>
 * The next listing page is fetched while a page is imported. Every item is checked against the hash
 * it was asked for; the store then parses objects strictly against the local recipes and refuses one
 * whose references are missing. A rejected item is recorded and the import goes on; only transport and
 * storage failures abort it.
 */
final class ChumImporter {

    /**
     * @param upToSeq       the remote write-log position the round covered
     * @param checkpointSeq where a checkpoint may go if the round is complete
     * @param complete      every listed entry is now stored locally (nothing rejected, not stopped)
     */
    record RoundResult(long upToSeq, long checkpointSeq, boolean complete) {
    }

    static final int BUFFERED_ITEM_LIMIT = 1 << 20;
    static final int CONTENT_COMMIT_BYTES = 8 << 20;

    private final ObjectStore store;
    private final RemoteExporter peer;
    private final ChumSettings settings;
    private final ChumRecord record;
    private final BooleanSupplier stopping;
    private final Executor executor;
    private final ImportTimings timings = new ImportTimings();

    /** @param executor runs the fetches made ahead of the one being stored */
    ChumImporter(ObjectStore store, RemoteExporter peer, ChumSettings settings, ChumRecord record,
                 BooleanSupplier stopping, Executor executor) {
        this.store = store;
        this.peer = peer;
        this.settings = settings;
        this.record = record;
        this.stopping = stopping;
        this.executor = executor;
    }

    /** Where the time of the rounds so far went. */
    ImportTimings timings() {
        return timings;
    }

    /** Lists what may be new since the remote sequence number and imports what is missing. */
    RoundResult importChanges(long afterSeq) {
        long listing = System.nanoTime();
        ChangePage page = peer.changesAfter(afterSeq, settings.pageSize());
        timings.add(ImportTimings.Phase.LISTING, listing);
        record.listed(page.total());
        long seen = 0;
        boolean complete = true;
        while (true) {
            String cursor = page.nextCursor();
            CompletableFuture<ChangePage> next = cursor == null || stopping.getAsBoolean() ? null
                    : CompletableFuture.supplyAsync(() -> peer.nextChanges(cursor, settings.pageSize()), executor);
            try {
                complete &= importPage(page.entries());
            } catch (RuntimeException e) {
                if (next != null) {
                    next.cancel(false);
                }
                throw e;
            }
            seen += page.entries().size();
            if (next == null || stopping.getAsBoolean()) {
                break;
            }
            long waiting = System.nanoTime();
            page = join(next);
            timings.add(ImportTimings.Phase.LISTING, waiting);
        }
        boolean stopped = stopping.getAsBoolean();
        if (!stopped) {
            record.skipped(page.total() - seen);
        }
        return new RoundResult(page.upToSeq(), page.checkpointSeq(), complete && !stopped);
    }

    private boolean importPage(List<ClosureEntry> entries) {
        long lookup = System.nanoTime();
        List<ClosureEntry> lacking = new ArrayList<>();
        for (ClosureEntry entry : entries) {
            if (store.contains(entry.kind(), entry.hash())) {
                record.existed();
            } else {
                lacking.add(entry);
            }
        }
        timings.add(ImportTimings.Phase.LOOKUP, lookup);
        long content = System.nanoTime();
        boolean complete = importContent(lacking);
        timings.add(ImportTimings.Phase.CONTENT, content);
        // what objects reference is stored before the first object
        return importObjects(lacking) && complete;
    }

    // ---------------------------------------------------------------- BLOBs and CLOBs

    private boolean importContent(List<ClosureEntry> lacking) {
        List<Supplier<Boolean>> fetches = new ArrayList<>();
        for (ReferenceKind kind : List.of(ReferenceKind.BLOB, ReferenceKind.CLOB)) {
            List<String> wanted = new ArrayList<>();
            lacking.stream().filter(entry -> entry.kind() == kind).forEach(entry -> wanted.add(entry.hash()));
            for (List<String> batch : batches(wanted)) {
                fetches.add(() -> fetchContent(kind, batch));
            }
        }
        // content batches are independent: several stream at once, each storing what it receives
        boolean complete = true;
        Deque<CompletableFuture<Boolean>> running = new ArrayDeque<>();
        try {
            for (Supplier<Boolean> fetch : fetches) {
                if (stopping.getAsBoolean()) {
                    complete = false;
                    break;
                }
                if (running.size() >= settings.fetchAhead()) {
                    complete &= join(running.removeFirst());
                }
                running.addLast(CompletableFuture.supplyAsync(fetch, executor));
            }
            while (!running.isEmpty()) {
                complete &= join(running.removeFirst());
            }
        } finally {
            awaitQuietly(running);
        }
        return complete;
    }

    private boolean fetchContent(ReferenceKind kind, List<String> batch) {
        Set<String> open = new LinkedHashSet<>(batch);
        ContentCommits commits = new ContentCommits(kind);
        boolean complete = true;
        try {
            peer.fetchContent(kind, batch, (hash, size, content) -> {
                if (open.remove(hash)) {
                    commits.accept(hash, size, content);
                }
            });
            complete = commits.flush();
        } catch (ChumAccessDeniedException e) {
            complete = commits.flush();
            if (batch.size() == 1) {
                record.rejected(kind, batch.get(0), e.code(), e.getMessage());
                return false;
            }
            // access changed since the listing: ask one by one, so what is still accessible arrives
            for (String hash : List.copyOf(open)) {
                open.remove(hash);
                complete &= fetchContent(kind, List.of(hash));
            }
        }
        for (String hash : open) {
            record.rejected(kind, hash, "CHUM-MISSING1", "CHUM-MISSING1: the exporter did not send " + kind + " " + hash);
            complete = false;
        }
        return complete && commits.complete();
    }

    /** Content of one fetch, stored in atomic commits of up to {@value #CONTENT_COMMIT_BYTES} bytes. */
    private final class ContentCommits {

        private final ReferenceKind kind;
        private final List<byte[]> contents = new ArrayList<>();
        private final List<String> hashes = new ArrayList<>();
        private long bytes;
        private boolean complete = true;

        ContentCommits(ReferenceKind kind) {
            this.kind = kind;
        }

        void accept(String hash, long size, InputStream content) throws IOException {
            if (size > BUFFERED_ITEM_LIMIT) {
                complete &= storeStreamed(hash, content);
                return;
            }
            byte[] item = content.readAllBytes();
            contents.add(item);
            hashes.add(hash);
            bytes += item.length;
            if (bytes >= CONTENT_COMMIT_BYTES) {
                flush();
            }
        }

        boolean flush() {
            if (!contents.isEmpty()) {
                List<StoreOutcome> outcomes = store.storeContents(kind, contents, hashes);
                for (int i = 0; i < outcomes.size(); i++) {
                    complete &= outcome(kind, hashes.get(i), contents.get(i).length, outcomes.get(i));
                }
                contents.clear();
                hashes.clear();
                bytes = 0;
            }
            return complete;
        }

        boolean complete() {
            return complete;
        }

        private boolean storeStreamed(String hash, InputStream content) {
            try {
                StoreResult result = kind == ReferenceKind.BLOB ? store.storeBlob(content, hash) : store.storeClob(content, hash);
                return outcome(kind, hash, store.size(kind, hash), StoreOutcome.stored(result));
            } catch (StoreException | OneValidationException e) {
                return outcome(kind, hash, 0, StoreOutcome.refused(e));
            }
        }
    }

    // ---------------------------------------------------------------- objects and ID objects

    private boolean importObjects(List<ClosureEntry> lacking) {
        List<ClosureEntry> wanted = new ArrayList<>();
        lacking.stream().filter(entry -> entry.kind() == ReferenceKind.OBJECT || entry.kind() == ReferenceKind.ID)
                .forEach(wanted::add);
        List<List<ClosureEntry>> batches = batches(wanted);
        boolean complete = true;
        Deque<CompletableFuture<Fetched>> ahead = new ArrayDeque<>();
        int requested = 0;
        try {
            for (int stored = 0; stored < batches.size(); stored++) {
                // keep fetchAhead fetches (each parsed and checked on its own thread) beyond the batch being stored
                while (requested < batches.size() && ahead.size() <= settings.fetchAhead() && !stopping.getAsBoolean()) {
                    List<ClosureEntry> toFetch = batches.get(requested++);
                    ahead.addLast(CompletableFuture.supplyAsync(() -> fetchAndPrepare(toFetch), executor));
                }
                if (ahead.isEmpty()) {
                    complete = false;
                    break;
                }
                long waiting = System.nanoTime();
                Fetched fetched = join(ahead.removeFirst());
                timings.add(ImportTimings.Phase.WAITING_FOR_OBJECTS, waiting);
                long storing = System.nanoTime();
                complete &= store(fetched);
                timings.add(ImportTimings.Phase.STORING_OBJECTS, storing);
                if (stopping.getAsBoolean()) {
                    complete = false;
                    break;
                }
            }
        } finally {
            awaitQuietly(ahead);
        }
        return complete;
    }

    /** A fetched batch: the items that passed the importer's checks, prepared for the store. */
    private record Fetched(List<ReceivedItem> items, ObjectStore.PreparedBatch prepared, boolean complete) {
    }

    /**
     * Fetches a batch and does what needs no store: checks each item against the hash it was asked for
     * and refuses access-control types, then parses and serializes them ({@link ObjectStore#prepareReceived}).
     * What did not come or was refused counts as rejected already.
     */
    private Fetched fetchAndPrepare(List<ClosureEntry> batch) {
        Map<ClosureEntry, String> bodies = fetchBodies(batch);
        boolean complete = true;
        List<ReceivedItem> items = new ArrayList<>(batch.size());
        for (ClosureEntry entry : batch) {
            String microdata = bodies.get(entry);
            if (microdata == null) {
                complete = false;
                continue;
            }
            String actual = ObjectHashes.sha256Hex(microdata.getBytes(StandardCharsets.UTF_8));
            if (!actual.equals(entry.hash())) {
                record.rejected(entry.kind(), entry.hash(), "CHUM-HASH1", "CHUM-HASH1: the microdata received for "
                        + entry.kind() + " " + entry.hash() + " hashes to " + actual);
                complete = false;
                continue;
            }
            String type = MicrodataParser.typeNamed(microdata);
            if (AccessControlTypes.contains(type)) {
                // who may see what here is decided here: a peer's Access, IdAccess, Group or Person never counts
                record.rejected(entry.kind(), entry.hash(), "CHUM-LOCAL1", "CHUM-LOCAL1: " + type
                        + " objects never travel; the one offered as " + entry.kind() + " " + entry.hash() + " is refused");
                complete = false;
                continue;
            }
            items.add(new ReceivedItem(entry.kind(), entry.hash(), microdata));
        }
        return new Fetched(items, store.prepareReceived(items), complete);
    }

    /** Stores a fetched batch in one commit, in listing order. */
    private boolean store(Fetched fetched) {
        boolean complete = fetched.complete();
        if (fetched.items().isEmpty()) {
            return complete;
        }
        List<StoreOutcome> outcomes = store.store(fetched.prepared());
        for (int i = 0; i < fetched.items().size(); i++) {
            ReceivedItem item = fetched.items().get(i);
            complete &= outcome(item.kind(), item.hash(), item.microdata().getBytes(StandardCharsets.UTF_8).length, outcomes.get(i));
        }
        return complete;
    }

    /** The microdata of the batch by entry; what did not come is recorded as rejected and absent. */
    private Map<ClosureEntry, String> fetchBodies(List<ClosureEntry> batch) {
        Map<ClosureEntry, String> bodies = new HashMap<>();
        try {
            for (ObjectBody body : peer.fetchObjects(batch)) {
                bodies.putIfAbsent(new ClosureEntry(body.kind(), body.hash()), body.microdata());
            }
        } catch (ChumAccessDeniedException e) {
            if (batch.size() == 1) {
                record.rejected(batch.get(0).kind(), batch.get(0).hash(), e.code(), e.getMessage());
                return bodies;
            }
            // access changed since the listing: ask one by one, so what is still accessible arrives
            for (ClosureEntry entry : batch) {
                bodies.putAll(fetchBodies(List.of(entry)));
            }
            return bodies;
        }
        for (ClosureEntry entry : batch) {
            if (!bodies.containsKey(entry)) {
                record.rejected(entry.kind(), entry.hash(), "CHUM-MISSING1",
                        "CHUM-MISSING1: the exporter did not send " + entry.kind() + " " + entry.hash());
            }
        }
        return bodies;
    }

    // ---------------------------------------------------------------- bookkeeping

    /** Records what the store did with an item; rethrows what is not about the item (the store or the disk failed). */
    private boolean outcome(ReferenceKind kind, String hash, long size, StoreOutcome outcome) {
        if (outcome.isStored()) {
            if (outcome.result().created()) {
                record.received(kind, hash, size);
            } else {
                // it arrived by another way since the local look
                record.existed();
            }
            return true;
        }
        RuntimeException failure = outcome.problem();
        String code;
        if (failure instanceof StoreException storeFailure && !(failure instanceof StoreUnavailableException)) {
            code = storeFailure.code();
        } else if (failure instanceof OneValidationException validation) {
            code = validation.code();
        } else {
            throw failure;
        }
        record.rejected(kind, hash, code, failure.getMessage());
        return false;
    }

    private <T> List<List<T>> batches(List<T> items) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += settings.fetchBatchSize()) {
            batches.add(items.subList(from, Math.min(items.size(), from + settings.fetchBatchSize())));
        }
        return batches;
    }

    /** The value of a fetch; its failure as it was thrown (a transport or storage failure aborts the import). */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof IOException cause) {
                throw new UncheckedIOException(cause);
            }
            throw e;
        }
    }

    /** Waits for fetches still running after a failure or a stop, so none touches the store unseen. */
    private static void awaitQuietly(Deque<? extends CompletableFuture<?>> running) {
        for (CompletableFuture<?> future : running) {
            try {
                future.join();
            } catch (RuntimeException e) {
                // the failure that matters was thrown already
            }
        }
        running.clear();
    }
}
