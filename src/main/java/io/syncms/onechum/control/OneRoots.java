package io.syncms.onechum.control;

import io.syncms.platform.control.Jsonp;
import io.syncms.store.control.AccessService;
import io.syncms.store.control.ObjectHashes;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.entity.AccessControlTypes;
import io.syncms.store.entity.AccessRoots;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.Version;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The accessible roots one.core lists for a person (service 2): an {@code unversioned} or
 * {@code versioned} entry per object granted through Access, then an {@code id} entry per ID
 * granted through IdAccess followed by a {@code version_node} entry per node of its history (oldest
 * first, merge nodes left out but the branches under them in), as JSON members in one.core's order.
 * Groups are those the person belonged to when the Chum started. Access-control types are left out.
 */
final class OneRoots {

    /** The listing and every hash it names (roots, ID hashes of versioned roots, version nodes). */
    record Listing(String json, Set<String> hashes) {
    }

    private final ObjectStore store;
    private final AccessService access;
    private final ObjectHashes hashes;

    OneRoots(ObjectStore store, AccessService access) {
        this.store = store;
        this.access = access;
        this.hashes = new ObjectHashes(store.registry());
    }

    Listing of(String person, Set<String> groups) {
        AccessRoots roots = access.accessibleRoots(person, groups);
        JsonArrayBuilder list = Jsonp.JSON.createArrayBuilder();
        Set<String> named = new LinkedHashSet<>();
        for (String hash : roots.objects()) {
            OneObject object = readable(hash).orElse(null);
            if (object == null || AccessControlTypes.contains(object.type())) {
                continue;
            }
            JsonObjectBuilder entry = Jsonp.JSON.createObjectBuilder();
            String idHash = store.registry().get(object.type()).versioned() ? idHashOf(object) : null;
            if (idHash == null) {
                entry.add("type", "unversioned").add("hash", hash);
            } else {
                entry.add("type", "versioned").add("hash", hash).add("idHash", idHash);
                named.add(idHash);
            }
            list.add(entry.add("oneType", object.type()));
            named.add(hash);
        }
        for (String idHash : roots.idHashes()) {
            Optional<String> type = store.typeOfId(idHash);
            if (type.isEmpty() || AccessControlTypes.contains(type.get())) {
                continue;
            }
            list.add(Jsonp.JSON.createObjectBuilder().add("type", "id").add("idHash", idHash).add("oneType", type.get()));
            named.add(idHash);
            for (String node : nodesOf(idHash)) {
                list.add(Jsonp.JSON.createObjectBuilder().add("type", "version_node").add("node", node)
                        .add("dataIdHash", idHash).add("dataType", type.get()));
                named.add(node);
            }
        }
        return new Listing(list.build().toString(), named);
    }

    /** The nodes reachable from the head through prev and a merge's nodes, merges left out, oldest first. */
    private List<String> nodesOf(String idHash) {
        Optional<Version> head = store.head(idHash);
        if (head.isEmpty()) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.push(head.get().nodeHash());
        while (!todo.isEmpty()) {
            String hash = todo.pop();
            if (!seen.add(hash)) {
                continue;
            }
            OneObject node = store.readObject(hash);
            switch (node.type()) {
                case "VersionNodeMerge" -> {
                    List<String> branches = new ArrayList<>(strings(node.get("nodes")));
                    Collections.reverse(branches); // popped in the set's order
                    branches.forEach(todo::push);
                }
                case "VersionNodeChange" -> {
                    found.add(hash);
                    if (node.get("prev") instanceof String prev) {
                        todo.push(prev);
                    }
                }
                default -> found.add(hash);
            }
        }
        Collections.reverse(found);
        return found;
    }

    private static Collection<String> strings(Object value) {
        return value instanceof Collection<?> items ? items.stream().map(String.class::cast).toList() : List.of();
    }

    private Optional<OneObject> readable(String hash) {
        try {
            return Optional.of(store.readObject(hash));
        } catch (RuntimeException e) {
            return Optional.empty(); // granted but not (or no longer) readable here: nothing to offer
        }
    }

    private String idHashOf(OneObject object) {
        return hashes.idHashOf(object);
    }
}
