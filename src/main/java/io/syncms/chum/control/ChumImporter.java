package io.syncms.chum.control;

import io.syncms.chum.entity.ChangePage;
import io.syncms.chum.entity.ChumAccessDeniedException;
import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.ObjectBody;
import io.syncms.store.control.ObjectHashes;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreException;
import io.syncms.store.entity.StoreResult;
import io.syncms.store.entity.StoreUnavailableException;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

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
 */
final class ChumImporter {

    /**
     * @param upToSeq       the remote write-log position the round covered
     * @param checkpointSeq where a checkpoint may go if the round is complete
     * @param complete      every listed entry is now stored locally (nothing rejected, not stopped)
     */
    record RoundResult(long upToSeq, long checkpointSeq, boolean complete) {
    }

    private final ObjectStore store;
    private final ObjectHashes hashes;
    private final ChumPeer peer;
    private final String token;
    private final ChumSettings settings;
    private final ChumRecord record;
    private final BooleanSupplier stopping;

    ChumImporter(ObjectStore store, ChumPeer peer, String token, ChumSettings settings, ChumRecord record,
                 BooleanSupplier stopping) {
        this.store = store;
        this.hashes = new ObjectHashes(store.registry());
        this.peer = peer;
        this.token = token;
        this.settings = settings;
        this.record = record;
        this.stopping = stopping;
    }

    /** Lists what may be new since the remote sequence number and imports what is missing. */
    RoundResult importChanges(long afterSeq) {
        ChangePage page = peer.changesAfter(token, afterSeq, settings.pageSize());
        record.listed(page.total());
        long seen = 0;
        boolean complete = true;
        while (true) {
            complete &= importPage(page.entries());
            seen += page.entries().size();
            if (page.nextCursor() == null || stopping.getAsBoolean()) {
                break;
            }
            page = peer.nextChanges(token, page.nextCursor(), settings.pageSize());
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
        boolean complete = importContent(ReferenceKind.BLOB, lacking);
        complete &= importContent(ReferenceKind.CLOB, lacking);
        complete &= importObjects(lacking);
        return complete;
    }

    // ---------------------------------------------------------------- BLOBs and CLOBs

    private boolean importContent(ReferenceKind kind, List<ClosureEntry> lacking) {
        List<String> wanted = new ArrayList<>();
        lacking.stream().filter(entry -> entry.kind() == kind).forEach(entry -> wanted.add(entry.hash()));
        boolean complete = true;
        for (List<String> batch : batches(wanted)) {
            if (stopping.getAsBoolean()) {
                return false;
            }
            complete &= fetchContent(kind, batch);
        }
        return complete;
    }

    private boolean fetchContent(ReferenceKind kind, List<String> batch) {
        Set<String> open = new LinkedHashSet<>(batch);
        boolean[] complete = {true};
        try {
            peer.fetchContent(token, kind, batch, (hash, size, content) -> {
                if (open.remove(hash)) {
                    complete[0] &= storeContent(kind, hash, content);
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
                each &= fetchContent(kind, List.of(hash));
            }
            return complete[0] && each;
        }
        for (String hash : open) {
            record.rejected(kind, hash, "CHUM-MISSING1", "CHUM-MISSING1: the exporter did not send " + kind + " " + hash);
            complete[0] = false;
        }
        return complete[0];
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
        for (List<ClosureEntry> batch : batches(wanted)) {
            if (stopping.getAsBoolean()) {
                return false;
            }
            Map<ClosureEntry, String> bodies = fetchBodies(batch);
            for (ClosureEntry entry : batch) {
                String microdata = bodies.get(entry);
                if (microdata == null) {
                    complete = false;
                } else {
                    complete &= storeObject(entry, microdata);
                }
            }
        }
        return complete;
    }

    /** The microdata of the batch by entry; what did not come is recorded as rejected and absent. */
    private Map<ClosureEntry, String> fetchBodies(List<ClosureEntry> batch) {
        Map<ClosureEntry, String> bodies = new HashMap<>();
        try {
            for (ObjectBody body : peer.fetchObjects(token, batch)) {
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

    private <T> List<List<T>> batches(List<T> items) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += settings.fetchBatchSize()) {
            batches.add(items.subList(from, Math.min(items.size(), from + settings.fetchBatchSize())));
        }
        return batches;
    }
}
