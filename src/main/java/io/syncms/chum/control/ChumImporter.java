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
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreException;
import io.syncms.store.entity.StoreResult;
import io.syncms.store.entity.StoreUnavailableException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls what a remote exporter lists into the local store, one listing round at a time.
 *
 * <p>For each page it first looks locally which entries it lacks (what it has counts as "exists"
 * and is never fetched), then fetches only those: BLOBs and CLOBs streamed in batches (they
 * reference nothing, so storing them first never breaks the order), then the microdata of objects
 * and ID objects in batches, stored in listing order, which puts referenced content first. Every
 * object's hash is checked against the hash it was asked for before it is stored; the store then
 * parses it strictly against the local recipes and refuses it if content it references is missing.
 * BLOBs and CLOBs are stored with their expected hash, which the store checks. A rejected entry is
 * recorded and the import goes on; only transport and storage failures abort it.
 *
 * <h2>Parallel stores</h2>
 * Storing dominates an import (every item is a file and a journal entry, forced to disk), so up to
 * {@code importThreads} items are stored at once while the next batch is fetched, without giving
 * up the bottom-up order: all BLOBs and CLOBs of a page are stored before its first object; an
 * object is stored only after every object of the same page that its microdata names (any 64-hex
 * token counts, a superset of its references) is done; the ID object and the versions of one
 * versioned object are stored in listing order (so the history is the one a sequential import
 * builds); and a page is done before the next one starts. Content up to {@value #BUFFERED_ITEM_LIMIT} bytes is read into memory to be stored in the
 * background (at most {@code 4 * importThreads} items at a time); larger content is stored as it
 * streams in.
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
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final String ITEMTYPE = "itemtype=\"//refin.io/";

    private final ObjectStore store;
    private final ObjectHashes hashes;
    private final RemoteExporter peer;
    private final ChumSettings settings;
    private final ChumRecord record;
    private final BooleanSupplier stopping;
    private final Executor stores;
    private final Semaphore buffered;
    private final MicrodataParser parser = new MicrodataParser();

    /** @param executor where items are stored when {@code settings.importThreads()} is more than 1 */
    ChumImporter(ObjectStore store, RemoteExporter peer, ChumSettings settings, ChumRecord record,
                 BooleanSupplier stopping, Executor executor) {
        this.store = store;
        this.hashes = new ObjectHashes(store.registry());
        this.peer = peer;
        this.settings = settings;
        this.record = record;
        this.stopping = stopping;
        this.stores = settings.importThreads() > 1 ? new BoundedExecutor(executor, settings.importThreads()) : Runnable::run;
        this.buffered = new Semaphore(4 * settings.importThreads());
    }

    /** Lists what may be new since the remote sequence number and imports what is missing. */
    RoundResult importChanges(long afterSeq) {
        ChangePage page = peer.changesAfter(afterSeq, settings.pageSize());
        record.listed(page.total());
        long seen = 0;
        boolean complete = true;
        while (true) {
            complete &= importPage(page.entries());
            seen += page.entries().size();
            if (page.nextCursor() == null || stopping.getAsBoolean()) {
                break;
            }
            page = peer.nextChanges(page.nextCursor(), settings.pageSize());
        }
        boolean stopped = stopping.getAsBoolean();
        if (!stopped) {
            record.skipped(page.total() - seen);
        }
        return new RoundResult(page.upToSeq(), page.checkpointSeq(), complete && !stopped);
    }

    private boolean importPage(List<ClosureEntry> entries) {
        List<ClosureEntry> lacking = new ArrayList<>();
        for (ClosureEntry entry : entries) {
            if (store.contains(entry.kind(), entry.hash())) {
                record.existed();
            } else {
                lacking.add(entry);
            }
        }
        PendingStores content = new PendingStores();
        boolean complete = importContent(ReferenceKind.BLOB, lacking, content);
        complete &= importContent(ReferenceKind.CLOB, lacking, content);
        // what objects reference is stored before the first object
        complete &= content.awaitAll();
        complete &= importObjects(lacking);
        return complete;
    }

    // ---------------------------------------------------------------- BLOBs and CLOBs

    private boolean importContent(ReferenceKind kind, List<ClosureEntry> lacking, PendingStores pending) {
        List<String> wanted = new ArrayList<>();
        lacking.stream().filter(entry -> entry.kind() == kind).forEach(entry -> wanted.add(entry.hash()));
        boolean complete = true;
        for (List<String> batch : batches(wanted)) {
            if (stopping.getAsBoolean()) {
                return false;
            }
            complete &= fetchContent(kind, batch, pending);
        }
        return complete;
    }

    private boolean fetchContent(ReferenceKind kind, List<String> batch, PendingStores pending) {
        Set<String> open = new LinkedHashSet<>(batch);
        boolean[] complete = {true};
        try {
            peer.fetchContent(kind, batch, (hash, size, content) -> {
                if (open.remove(hash)) {
                    complete[0] &= storeContent(kind, hash, size, content, pending);
                }
            });
        } catch (ChumAccessDeniedException e) {
            if (batch.size() == 1) {
                record.rejected(kind, batch.get(0), e.code(), e.getMessage());
                return false;
            }
            // access changed since the listing: ask one by one, so what is still accessible arrives
            boolean each = true;
            for (String hash : open) {
                each &= fetchContent(kind, List.of(hash), pending);
            }
            return complete[0] && each;
        }
        for (String hash : open) {
            record.rejected(kind, hash, "CHUM-MISSING1", "CHUM-MISSING1: the exporter did not send " + kind + " " + hash);
            complete[0] = false;
        }
        return complete[0];
    }

    /**
     * Stores streamed content: small items in the background from a copy (true: handed over, the
     * outcome comes with the pending stores), large ones right away from the stream.
     */
    private boolean storeContent(ReferenceKind kind, String hash, long size, InputStream content, PendingStores pending)
            throws IOException {
        if (size > BUFFERED_ITEM_LIMIT || !(stores instanceof BoundedExecutor)) {
            return storeContent(kind, hash, content);
        }
        byte[] bytes = content.readAllBytes();
        try {
            buffered.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to store " + kind + " " + hash);
        }
        pending.add(CompletableFuture.supplyAsync(() -> {
            try {
                return storeContent(kind, hash, new ByteArrayInputStream(bytes));
            } finally {
                buffered.release();
            }
        }, stores));
        return true;
    }

    private boolean storeContent(ReferenceKind kind, String hash, InputStream content) {
        try {
            StoreResult result = kind == ReferenceKind.BLOB ? store.storeBlob(content, hash) : store.storeClob(content, hash);
            stored(kind, result);
            return true;
        } catch (RuntimeException e) {
            return rejected(kind, hash, e);
        }
    }

    // ---------------------------------------------------------------- objects and ID objects

    private boolean importObjects(List<ClosureEntry> lacking) {
        List<ClosureEntry> wanted = new ArrayList<>();
        lacking.stream().filter(entry -> entry.kind() == ReferenceKind.OBJECT || entry.kind() == ReferenceKind.ID)
                .forEach(wanted::add);
        boolean complete = true;
        PendingStores pending = new PendingStores();
        Map<String, CompletableFuture<Boolean>> storing = new HashMap<>();
        Map<String, CompletableFuture<Boolean>> versionChains = new HashMap<>();
        for (List<ClosureEntry> batch : batches(wanted)) {
            if (stopping.getAsBoolean()) {
                complete = false;
                break;
            }
            Map<ClosureEntry, String> bodies = fetchBodies(batch);
            for (ClosureEntry entry : batch) {
                String microdata = bodies.get(entry);
                if (microdata == null) {
                    complete = false;
                } else {
                    CompletableFuture<?> ready = afterReferenced(microdata, storing);
                    String chain = versionChain(entry, microdata);
                    CompletableFuture<Boolean> previous = chain == null ? null : versionChains.get(chain);
                    if (previous != null) {
                        ready = CompletableFuture.allOf(ready, previous);
                    }
                    CompletableFuture<Boolean> stored = ready.thenApplyAsync(done -> storeObject(entry, microdata), stores);
                    storing.put(entry.hash(), stored);
                    if (chain != null) {
                        versionChains.put(chain, stored);
                    }
                    pending.add(stored);
                }
            }
        }
        return pending.awaitAll() && complete;
    }

    /**
     * The ID hash whose stores must keep listing order, or null: an ID object and the versions of a
     * versioned object are stored one after the other as listed, so the versions get the same
     * history as with a sequential import and the ID object counts as received when it is listed
     * first. Only versioned objects are parsed here; what cannot be parsed is left to the store to reject.
     */
    private String versionChain(ClosureEntry entry, String microdata) {
        if (entry.kind() == ReferenceKind.ID) {
            return entry.hash();
        }
        String type = typeOf(microdata);
        if (type == null || !store.registry().isVersioned(type)) {
            return null;
        }
        try {
            return hashes.idHashOf(parser.parse(microdata, store.registry()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The ONE type the microdata names first (its outermost item), or null. */
    private static String typeOf(String microdata) {
        int start = microdata.indexOf(ITEMTYPE);
        int end = start < 0 ? -1 : microdata.indexOf('"', start + ITEMTYPE.length());
        return end < 0 ? null : microdata.substring(start + ITEMTYPE.length(), end);
    }

    /** Completes when every object of this page that the microdata may reference is done (stored or rejected). */
    private static CompletableFuture<?> afterReferenced(String microdata, Map<String, CompletableFuture<Boolean>> storing) {
        List<CompletableFuture<Boolean>> referenced = new ArrayList<>();
        Matcher hash = HASH.matcher(microdata);
        while (hash.find()) {
            CompletableFuture<Boolean> stored = storing.get(hash.group());
            if (stored != null) {
                referenced.add(stored);
            }
        }
        return referenced.isEmpty() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.allOf(referenced.toArray(CompletableFuture[]::new));
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

    private boolean storeObject(ClosureEntry entry, String microdata) {
        String actual = hashes.sha256Hex(microdata);
        if (!actual.equals(entry.hash())) {
            record.rejected(entry.kind(), entry.hash(), "CHUM-HASH1", "CHUM-HASH1: the microdata received for "
                    + entry.kind() + " " + entry.hash() + " hashes to " + actual);
            return false;
        }
        String type = typeOf(microdata);
        if (AccessControlTypes.contains(type)) {
            // who may see what here is decided here: a peer's Access, IdAccess, Group or Person never counts
            record.rejected(entry.kind(), entry.hash(), "CHUM-LOCAL1", "CHUM-LOCAL1: " + type
                    + " objects never travel; the one offered as " + entry.kind() + " " + entry.hash() + " is refused");
            return false;
        }
        try {
            StoreResult result = entry.kind() == ReferenceKind.OBJECT
                    ? store.storeMicrodata(microdata) : store.storeIdMicrodata(microdata);
            stored(entry.kind(), result);
            return true;
        } catch (RuntimeException e) {
            return rejected(entry.kind(), entry.hash(), e);
        }
    }

    // ---------------------------------------------------------------- bookkeeping

    private void stored(ReferenceKind kind, StoreResult result) {
        if (result.created()) {
            record.received(kind, result.hash(), store.size(kind, result.hash()));
        } else {
            // it arrived by another way since the local look
            record.existed();
        }
    }

    /** Records a rejected entry; rethrows what is not about the entry (the store or the disk failed). */
    private boolean rejected(ReferenceKind kind, String hash, RuntimeException failure) {
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

    /** Stores handed to the executor: waits for all of them and rethrows what is not about one entry. */
    private static final class PendingStores {

        private final List<CompletableFuture<Boolean>> futures = new ArrayList<>();

        void add(CompletableFuture<Boolean> future) {
            futures.add(future);
        }

        /** Whether every store succeeded; waits for all, even after a failure, so none runs on unseen. */
        boolean awaitAll() {
            boolean complete = true;
            RuntimeException failure = null;
            for (CompletableFuture<Boolean> future : futures) {
                try {
                    complete &= future.join();
                } catch (CompletionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException cause ? cause : e;
                    }
                }
            }
            futures.clear();
            if (failure != null) {
                throw failure;
            }
            return complete;
        }
    }

    private <T> List<List<T>> batches(List<T> items) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += settings.fetchBatchSize()) {
            batches.add(items.subList(from, Math.min(items.size(), from + settings.fetchBatchSize())));
        }
        return batches;
    }
}
