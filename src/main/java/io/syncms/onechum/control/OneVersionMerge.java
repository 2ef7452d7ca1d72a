package io.syncms.onechum.control;

import io.syncms.store.control.MicrodataSerializer;
import io.syncms.store.control.ObjectHashes;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.entity.ItemType;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReceivedItem;
import io.syncms.store.entity.RecipeRule;
import io.syncms.store.entity.StoreOutcome;
import io.syncms.store.entity.Version;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merges a version a peer sent into the local history of its ID, as one.core's importer does after
 * storing the peer's version nodes as they are: the local head always points to a node made here.
 * <ul>
 *   <li>No local version: a {@code VersionNodeEdge} with the peer node's data, depth 0 and the
 *       peer node's creation time becomes the head (for a first version it is the peer's own edge,
 *       hash for hash).
 *   <li>The local history already holds that data: nothing changes.
 *   <li>Otherwise the two are concurrent: the merged data becomes the head through a
 *       {@code VersionNodeMerge} of the local head and the new edge (sorted), depth the deeper one's
 *       plus one, creation time the later one's, so the same inputs give the same node on every
 *       instance.
 * </ul>
 * The merged data follows one.core's default CRDTs for two histories without a common ancestor:
 * every register (a scalar, a reference, a stringifiable value) takes the value of the later
 * version (by creation time; on a tie, the larger data hash, so both sides pick the same), and a bag
 * or set holds the items of both.
 * Recipes' own {@code crdtConfig} and one.core's per-element history of arrays are not modeled.
 */
final class OneVersionMerge {

    private final ObjectStore store;
    private final ObjectHashes hashes;
    private final MicrodataSerializer serializer;

    OneVersionMerge(ObjectStore store) {
        this.store = store;
        this.hashes = new ObjectHashes(store.registry());
        this.serializer = new MicrodataSerializer(store.registry());
    }

    /** How often a merge is made again when the head moved meanwhile (a local write, another peer). */
    static final int ATTEMPTS = 5;

    /** @param remoteNode the deepest new node the peer sent for the ID (stored already) */
    void mergeRemote(String idHash, OneObject remoteNode) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Version> head = store.head(idHash);
            Optional<String> linked = mergeOnce(idHash, remoteNode, head);
            if (linked.isEmpty() || store.head(idHash).map(Version::nodeHash).equals(linked)) {
                return;
            }
        }
        throw new IllegalStateException("The history of " + idHash + " kept changing while a peer's version was merged");
    }

    /** The node made head, empty if nothing was to be done. */
    private Optional<String> mergeOnce(String idHash, OneObject remoteNode, Optional<Version> head) {
        String data = (String) remoteNode.get("data");
        long creationTime = ((Number) remoteNode.get("creationTime")).longValue();
        OneObject edge = OneObject.builder("VersionNodeEdge")
                .put("data", data).put("depth", 0).put("creationTime", creationTime).build();
        if (head.isEmpty()) {
            return Optional.of(store.storeVersionHead(idHash, edge, null).hash());
        }
        String edgeHash = hashes.hashOf(edge);
        if (edgeHash.equals(head.get().nodeHash()) || holds(head.get().nodeHash(), data)) {
            return Optional.empty();
        }
        OneObject localNode = store.readObject(head.get().nodeHash());
        long localTime = ((Number) localNode.get("creationTime")).longValue();
        // on a tie the larger data hash wins (one.core compares node hashes, which differ per side)
        boolean remoteWins = creationTime != localTime ? creationTime > localTime
                : data.compareTo(head.get().hash()) > 0;
        OneObject local = store.readObject(head.get().hash());
        OneObject remote = store.readObject(data);
        String merged = storeWithoutVersion(remoteWins ? merge(remote, local) : merge(local, remote));
        store.storeObject(edge);
        double depth = Math.max(((Number) localNode.get("depth")).doubleValue(), 0) + 1;
        return Optional.of(store.storeVersionHead(idHash, OneObject.builder("VersionNodeMerge")
                .put("nodes", new java.util.TreeSet<>(List.of(head.get().nodeHash(), edgeHash)))
                .put("data", merged)
                .put("depth", (long) depth)
                .put("creationTime", Math.max(localTime, creationTime))
                .build(), head.get().nodeHash()).hash());
    }

    /** Whether the local history of the ID already holds this data (then a peer's node of it is merged). */
    boolean isMerged(String idHash, String data) {
        Optional<Version> head = store.head(idHash);
        return head.isPresent() && holds(head.get().nodeHash(), data);
    }

    /** The winner's properties, with the items of the other's bags and sets added. */
    private OneObject merge(OneObject winner, OneObject other) {
        Map<String, Object> properties = new LinkedHashMap<>(winner.properties());
        for (RecipeRule rule : store.registry().get(winner.type()).rules()) {
            RecipeRule resolved = store.registry().resolve(rule);
            ItemType.Kind kind = resolved.itemtype().type();
            if ((kind == ItemType.Kind.BAG || kind == ItemType.Kind.SET) && !resolved.isId()
                    && other.get(resolved.itemprop()) instanceof Collection<?> theirs) {
                Set<Object> union = new LinkedHashSet<>();
                if (winner.get(resolved.itemprop()) instanceof Collection<?> ours) {
                    union.addAll(ours);
                }
                union.addAll(theirs);
                properties.put(resolved.itemprop(), kind == ItemType.Kind.SET ? union : List.copyOf(union));
            }
        }
        return OneObject.of(winner.type(), properties);
    }

    private String storeWithoutVersion(OneObject object) {
        String microdata = serializer.toMicrodata(object);
        String hash = hashes.sha256Hex(microdata);
        StoreOutcome outcome = store.storeReceivedWithoutVersions(
                List.of(new ReceivedItem(io.syncms.store.entity.ReferenceKind.OBJECT, hash, microdata))).get(0);
        if (!outcome.isStored()) {
            throw outcome.problem();
        }
        return hash;
    }

    /** Whether a node of the history ending in {@code headNode} has this data. */
    private boolean holds(String headNode, String data) {
        Deque<String> todo = new ArrayDeque<>(List.of(headNode));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String hash = todo.pop();
            if (!seen.add(hash)) {
                continue;
            }
            OneObject node = store.readObject(hash);
            if (data.equals(node.get("data"))) {
                return true;
            }
            if (node.get("prev") instanceof String prev) {
                todo.push(prev);
            }
            if (node.get("nodes") instanceof Collection<?> nodes) {
                nodes.forEach(n -> todo.push((String) n));
            }
        }
        return false;
    }
}
