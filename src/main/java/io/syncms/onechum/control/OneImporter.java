package io.syncms.onechum.control;

import io.syncms.onechum.control.OneChumLog.Failure;
import io.syncms.onechum.entity.OneChumTally;
import io.syncms.onechum.entity.OneFrame;
import io.syncms.onechum.entity.OneProtocolException;
import io.syncms.onechum.entity.OneRemoteException;
import io.syncms.platform.control.Jsonp;
import io.syncms.store.control.MicrodataParser;
import io.syncms.store.control.ObjectHashes;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.entity.AccessControlTypes;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReceivedItem;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.Sha256Hex;
import io.syncms.store.entity.StoreOutcome;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * This side's half of a ONE Chum as importer, making the requests one.core's importer makes, in its
 * order: the protocol version (retried every 300 ms, 15 times, while the other side answers
 * "unknown service"), the accessible roots, then root by root its children list, what of it is
 * missing here bottom-up (BLOBs, CLOBs, ID objects, objects, in the reversed list's order), then the
 * root; version nodes last, ID by ID, after which the deepest new node's data is merged into the
 * local history ({@link OneVersionMerge}). A root that fails is recorded in the log's errors and the
 * pass goes on; only a broken connection or protocol ends it. Every item is checked against the
 * hash it was asked for, and objects of the access-control types are refused.
 */
final class OneImporter {

    static final long VERSION_RETRY_MILLIS = 300;
    static final int VERSION_RETRIES = 15;

    private final ObjectStore store;
    private final OneConnection connection;
    private final OneChumTally received;
    private final List<Failure> errors;
    private final OneVersionMerge merge;
    private final long requestTimeoutMillis;
    private final long maxContentBytes;

    private record Root(String type, String hash, String idHash, String oneType) {
    }

    OneImporter(ObjectStore store, OneConnection connection, OneChumTally received, List<Failure> errors,
                long requestTimeoutMillis, long maxContentBytes) {
        this.store = store;
        this.connection = connection;
        this.received = received;
        this.errors = errors;
        this.merge = new OneVersionMerge(store);
        this.requestTimeoutMillis = requestTimeoutMillis;
        this.maxContentBytes = maxContentBytes;
    }

    /** Service 1, retried while the other side's exporter is not ready. */
    void checkProtocolVersion(BooleanSupplier stopping) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                JsonValue version = call(OneExporter.VERSION);
                if (!(version instanceof JsonNumber number) || number.intValue() != OneExporter.PROTOCOL_VERSION) {
                    throw new OneProtocolException("CS-MISMATCH: the other side speaks protocol " + version
                            + ", this side " + OneExporter.PROTOCOL_VERSION);
                }
                return;
            } catch (OneRemoteException e) {
                if (!OneErrors.UNKNOWN_SERVICE.equals(e.code()) || attempt >= VERSION_RETRIES || stopping.getAsBoolean()) {
                    throw e;
                }
                Thread.sleep(VERSION_RETRY_MILLIS);
            }
        }
    }

    /** One pass over everything the other side lists. */
    void importAll() {
        List<Root> roots = roots();
        Map<String, List<Root>> nodesById = new LinkedHashMap<>();
        for (Root root : roots) {
            if ("version_node".equals(root.type())) {
                nodesById.computeIfAbsent(root.idHash(), id -> new ArrayList<>()).add(root);
                continue;
            }
            guarded(root.hash() != null ? root.hash() : root.idHash(), () -> importRoot(root));
        }
        nodesById.forEach((idHash, nodes) -> guarded(idHash, () -> importVersionNodes(idHash, nodes)));
    }

    /** Service 10: this importer is done. */
    void finish() {
        call(OneExporter.FIN);
    }

    private void importRoot(Root root) {
        switch (root.type()) {
            case "unversioned" -> {
                if (!store.contains(ReferenceKind.OBJECT, root.hash())) {
                    fetchWithChildren(new ClosureEntry(ReferenceKind.OBJECT, root.hash()), root.oneType());
                }
            }
            case "versioned" -> {
                if (!store.contains(ReferenceKind.ID, root.idHash())) {
                    fetchWithChildren(new ClosureEntry(ReferenceKind.ID, root.idHash()), root.oneType());
                }
                if (!store.contains(ReferenceKind.OBJECT, root.hash())) {
                    fetchWithChildren(new ClosureEntry(ReferenceKind.OBJECT, root.hash()), root.oneType());
                }
            }
            case "id" -> {
                if (!store.contains(ReferenceKind.ID, root.idHash())) {
                    fetchWithChildren(new ClosureEntry(ReferenceKind.ID, root.idHash()), root.oneType());
                }
            }
            default -> throw new OneServiceException("DAH-PAO2", "Unknown root type " + root.type());
        }
    }

    private void importVersionNodes(String idHash, List<Root> nodes) {
        List<OneObject> fetched = new ArrayList<>();
        for (Root node : nodes) {
            if (store.contains(ReferenceKind.OBJECT, node.hash())) {
                // stored by an earlier pass whose merge did not happen (it failed, or the Chum ended): merge it now
                OneObject stored = store.readObject(node.hash());
                if (!merge.isMerged(idHash, (String) stored.get("data"))) {
                    fetched.add(stored);
                }
                continue;
            }
            fetchWithChildren(new ClosureEntry(ReferenceKind.OBJECT, node.hash()), null);
            OneObject stored = store.readObject(node.hash());
            String data = (String) stored.get("data");
            OneObject version = store.readObject(data);
            if (!idHash.equals(new ObjectHashes(store.registry()).idHashOf(version))) {
                throw new OneServiceException("CI-CCI1", "Node " + node.hash() + " holds a version of another ID");
            }
            if (!version.type().equals(node.oneType())) {
                throw new OneServiceException("CI-CCI2", "Node " + node.hash() + " holds a " + version.type());
            }
            fetched.add(stored);
        }
        if (!fetched.isEmpty()) {
            merge.mergeRemote(idHash, deepest(fetched));
        }
    }

    /** The node of greatest depth, the first of them on a tie, as one.core picks it. */
    private static OneObject deepest(List<OneObject> nodes) {
        OneObject deepest = nodes.get(0);
        for (OneObject node : nodes) {
            if (((Number) node.get("depth")).doubleValue() > ((Number) deepest.get("depth")).doubleValue()) {
                deepest = node;
            }
        }
        return deepest;
    }

    /**
     * The children list, what of it is missing here, then the start. The requests go out in one.core's
     * order, but up to {@value #WINDOW} at once instead of one by one; what arrives is stored bottom-up
     * in few commits, {@value #SLICE} items at a time: BLOBs and CLOBs first, then the objects in the
     * reversed list's order as one batch.
     * If anything fails, what arrived whole is stored, the start is not fetched, and the failure ends
     * this root, as in one.core.
     */
    private void fetchWithChildren(ClosureEntry start, String expectedType) {
        List<ClosureEntry> children = children(start);
        Collections.reverse(children);
        List<ClosureEntry> missing = new ArrayList<>();
        for (ClosureEntry child : children) {
            if (!store.contains(child.kind(), child.hash())) {
                missing.add(child);
            }
        }
        // slice by slice, so that what arrived is stored before more is asked for: memory stays bounded
        for (int from = 0; from < missing.size(); from += SLICE) {
            RuntimeException failure = fetchAndStore(missing.subList(from, Math.min(missing.size(), from + SLICE)));
            if (failure != null) {
                throw failure;
            }
        }
        fetch(start, expectedType);
    }

    static final int WINDOW = 64;
    /** Children asked for and then stored together: at most this many (and their content) in memory. */
    static final int SLICE = 256;

    /** Asks for the items (bottom-up order), stores what arrived whole; the first failure, or null. */
    private RuntimeException fetchAndStore(List<ClosureEntry> items) {
        List<Fetch> fetches = new ArrayList<>(items.size());
        Semaphore window = new Semaphore(WINDOW);
        try {
            for (ClosureEntry child : items) {
                acquire(window);
                Fetch fetch = request(child);
                fetch.answer().whenComplete((ignored, error) -> window.release());
                fetches.add(fetch);
            }
            RuntimeException failure = storeContent(fetches);
            RuntimeException objectFailure = storeObjects(fetches);
            return failure != null ? failure : objectFailure;
        } finally {
            for (Fetch fetch : fetches) {
                if (fetch.content() != null) {
                    fetch.content().close();
                }
            }
        }
    }

    /** A request on its way: for content, the buffer its chunks go to. */
    private record Fetch(ClosureEntry entry, CompletableFuture<JsonValue> answer, ContentBuffer content) {
    }

    private Fetch request(ClosureEntry entry) {
        if (entry.kind() == ReferenceKind.BLOB || entry.kind() == ReferenceKind.CLOB) {
            ContentBuffer buffer = new ContentBuffer(maxContentBytes);
            CompletableFuture<JsonValue> answer = connection.stream(OneExporter.CONTENT,
                    List.of(Jsonp.JSON.createValue(entry.hash()),
                            Jsonp.JSON.createValue(entry.kind() == ReferenceKind.CLOB ? "utf8" : OneFrame.UNDEFINED)), buffer);
            return new Fetch(entry, answer, buffer);
        }
        return new Fetch(entry, connection.call(entry.kind() == ReferenceKind.ID ? OneExporter.ID_OBJECT : OneExporter.OBJECT,
                List.of(Jsonp.JSON.createValue(entry.hash()))), null);
    }

    private void acquire(Semaphore window) {
        try {
            if (!window.tryAcquire(requestTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new OneRemoteException("No answer within " + requestTimeoutMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OneRemoteException("Interrupted while waiting for the other side");
        }
    }

    /** Stores the BLOBs and CLOBs that arrived whole; the first failure, or null. */
    private RuntimeException storeContent(List<Fetch> fetches) {
        RuntimeException failure = null;
        for (ReferenceKind kind : List.of(ReferenceKind.BLOB, ReferenceKind.CLOB)) {
            List<byte[]> contents = new ArrayList<>();
            List<String> hashes = new ArrayList<>();
            for (Fetch fetch : fetches) {
                if (fetch.entry().kind() != kind) {
                    continue;
                }
                try (ContentBuffer content = fetch.content()) {
                    wait(fetch.answer());
                    if (content.inMemory()) {
                        contents.add(content.bytes());
                        hashes.add(fetch.entry().hash());
                    } else {
                        storeStreamed(fetch.entry(), content);
                    }
                } catch (RuntimeException e) {
                    failure = failure != null ? failure : e;
                }
            }
            if (!contents.isEmpty()) {
                List<StoreOutcome> outcomes = store.storeContents(kind, contents, hashes);
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i).isStored()) {
                        received.add(kind, hashes.get(i));
                        received.addBytes(contents.get(i).length);
                    } else {
                        failure = failure != null ? failure : outcomes.get(i).problem();
                    }
                }
            }
        }
        return failure;
    }

    private void storeStreamed(ClosureEntry entry, ContentBuffer content) {
        try (InputStream in = content.open()) {
            if (entry.kind() == ReferenceKind.BLOB) {
                store.storeBlob(in, entry.hash());
            } else {
                store.storeClob(in, entry.hash());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        received.add(entry.kind(), entry.hash());
        received.addBytes(content.size());
    }

    /** Stores the objects and ID objects that arrived, in order, as one batch; the first failure, or null. */
    private RuntimeException storeObjects(List<Fetch> fetches) {
        RuntimeException failure = null;
        List<ReceivedItem> items = new ArrayList<>();
        for (Fetch fetch : fetches) {
            if (fetch.content() != null) {
                continue;
            }
            try {
                items.add(received(fetch.entry(), text(wait(fetch.answer()), "microdata"), null));
            } catch (RuntimeException e) {
                failure = failure != null ? failure : e;
            }
        }
        if (!items.isEmpty()) {
            List<StoreOutcome> outcomes = store.storeReceivedWithoutVersions(items);
            for (int i = 0; i < outcomes.size(); i++) {
                ReceivedItem item = items.get(i);
                if (outcomes.get(i).isStored()) {
                    received.add(item.kind(), item.hash());
                    received.addBytes(item.microdata().length());
                } else {
                    failure = failure != null ? failure : outcomes.get(i).problem();
                }
            }
        }
        return failure;
    }

    /** A received object or ID object, checked for its type before it is parsed. */
    private static ReceivedItem received(ClosureEntry entry, String microdata, String expectedType) {
        String type = MicrodataParser.typeNamed(microdata);
        if (type == null) {
            throw new OneServiceException("CIEC-FO1", "Not ONE microdata");
        }
        if (AccessControlTypes.contains(type)) {
            throw new OneServiceException(entry.kind() == ReferenceKind.ID ? "CIEC-FIDO3" : "CIEC-FO3",
                    type + " objects never travel");
        }
        if (expectedType != null && !expectedType.equals(type)) {
            throw new OneServiceException("CIEC-FOWT1", "Expected a " + expectedType + ", got a " + type);
        }
        return new ReceivedItem(entry.kind(), entry.hash(), microdata);
    }

    private List<ClosureEntry> children(ClosureEntry start) {
        JsonArray list = parseArray(call(start.kind() == ReferenceKind.ID ? OneExporter.ID_CHILDREN : OneExporter.CHILDREN,
                start.hash()), "CI-CHILDREN");
        List<ClosureEntry> children = new ArrayList<>(list.size());
        for (JsonValue item : list) {
            if (!(item instanceof JsonObject child)) {
                throw new OneProtocolException("A child is not an object");
            }
            ReferenceKind kind = OneChildren.kindNamed(text(child, "type"));
            if (kind == null) {
                throw new OneProtocolException("Unknown child type " + child.get("type"));
            }
            children.add(new ClosureEntry(kind, hash(child, "hash")));
        }
        return children;
    }

    /** Fetches and stores one object or ID object (a root, after its children). */
    private void fetch(ClosureEntry entry, String expectedType) {
        String microdata = text(call(entry.kind() == ReferenceKind.ID ? OneExporter.ID_OBJECT : OneExporter.OBJECT,
                entry.hash()), "microdata");
        StoreOutcome outcome = store.storeReceivedWithoutVersions(List.of(received(entry, microdata, expectedType))).get(0);
        if (!outcome.isStored()) {
            throw outcome.problem();
        }
        received.add(entry.kind(), entry.hash());
        received.addBytes(microdata.length());
    }

    private List<Root> roots() {
        JsonArray list = parseArray(call(OneExporter.ROOTS), "DAH-PAO1");
        List<Root> roots = new ArrayList<>(list.size());
        for (JsonValue item : list) {
            if (!(item instanceof JsonObject root)) {
                throw new OneProtocolException("DAH-PAO2: a root is not an object");
            }
            String type = text(root, "type");
            roots.add(switch (type) {
                case "unversioned" -> new Root(type, hash(root, "hash"), null, text(root, "oneType"));
                case "versioned" -> new Root(type, hash(root, "hash"), hash(root, "idHash"), text(root, "oneType"));
                case "id" -> new Root(type, null, hash(root, "idHash"), text(root, "oneType"));
                case "version_node" -> new Root(type, hash(root, "node"), hash(root, "dataIdHash"), text(root, "dataType"));
                default -> throw new OneProtocolException("DAH-PAO3: unknown root type " + type);
            });
        }
        return roots;
    }

    private void guarded(String hash, Runnable work) {
        try {
            work.run();
        } catch (OneRemoteException e) {
            if (connection.closed().isDone()) {
                throw e; // the connection is gone: the pass ends
            }
            failed(e.code() == null ? "CI-REMOTE" : e.code(), e.getMessage(), hash);
        } catch (OneServiceException e) {
            failed(e.code(), e.getMessage(), hash);
        } catch (OneProtocolException e) {
            throw e;
        } catch (RuntimeException e) {
            failed("CI-STORE", e.getClass().getSimpleName() + ": " + e.getMessage(), hash);
        }
    }

    private void failed(String code, String message, String hash) {
        synchronized (errors) {
            errors.add(new Failure(code, message, hash));
        }
    }

    private JsonValue call(int service, String... args) {
        List<JsonValue> values = new ArrayList<>(args.length);
        for (String arg : args) {
            values.add(Jsonp.JSON.createValue(arg));
        }
        return wait(connection.call(service, values));
    }

    private JsonValue wait(CompletableFuture<JsonValue> answer) {
        try {
            return answer.get(requestTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OneRemoteException("Interrupted while waiting for the other side");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new OneRemoteException(String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            answer.cancel(false);
            throw new OneRemoteException("No answer within " + requestTimeoutMillis + " ms");
        }
    }

    private static JsonArray parseArray(JsonValue data, String code) {
        if (!(data instanceof JsonString text)) {
            throw new OneProtocolException(code + ": the list is not a JSON string");
        }
        try (var reader = Jsonp.JSON.createReader(new StringReader(text.getString()))) {
            return reader.readArray();
        } catch (JsonException | IllegalStateException e) {
            throw new OneProtocolException(code + ": the list is not a JSON array", e);
        }
    }

    private static String text(JsonValue value, String what) {
        if (!(value instanceof JsonString text)) {
            throw new OneProtocolException("The " + what + " is not a string");
        }
        return text.getString();
    }

    private static String text(JsonObject object, String member) {
        return text(object.getOrDefault(member, JsonValue.NULL), member);
    }

    private static String hash(JsonObject object, String member) {
        String hash = text(object, member);
        if (!Sha256Hex.is(hash)) {
            throw new OneProtocolException("'" + member + "' is not a hash");
        }
        return hash;
    }

}
