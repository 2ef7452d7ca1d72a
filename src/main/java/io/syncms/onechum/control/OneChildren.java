package io.syncms.onechum.control;

import io.syncms.store.control.ObjectReferences;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.entity.AccessControlTypes;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.ObjectReference;
import io.syncms.store.entity.ReferenceKind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The children one.core lists for an object or ID object (services 4 and 5): everything reachable
 * through its references, each once, the start left out, a referenced ID as its ID object only
 * (not its versions), in one.core's order: a depth-first walk in recipe order that appends each
 * item after what it references, reversed, so every item comes before everything it references and
 * an importer that reverses the list again stores bottom-up. Objects and IDs of the access-control
 * types are left out with what only they reference: they never travel. Iterative, so that a version
 * node's long history does not exhaust the stack.
 */
final class OneChildren {

    private final ObjectStore store;
    private final ObjectReferences references;

    /** A child's {@code type} in a children list: one.core names an object reference "object", not "obj". */
    static String nameOf(ReferenceKind kind) {
        return kind == ReferenceKind.OBJECT ? "object" : kind.dataType();
    }

    /** The kind a children list's {@code type} names, null for another name. */
    static ReferenceKind kindNamed(String name) {
        for (ReferenceKind kind : ReferenceKind.values()) {
            if (nameOf(kind).equals(name)) {
                return kind;
            }
        }
        return null;
    }

    OneChildren(ObjectStore store) {
        this.store = store;
        this.references = new ObjectReferences(store.registry());
    }

    private record Frame(ClosureEntry entry, Iterator<ObjectReference> references) {
    }

    /** @param start an OBJECT (service 4) or ID (service 5) entry */
    List<ClosureEntry> of(ClosureEntry start) {
        List<ClosureEntry> appended = new ArrayList<>();
        Set<ClosureEntry> seen = new HashSet<>();
        seen.add(start);
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(start, referencesOf(start)));
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (!frame.references().hasNext()) {
                stack.pop();
                if (frame.entry() != start) {
                    appended.add(frame.entry());
                }
                continue;
            }
            ObjectReference next = frame.references().next();
            ClosureEntry child = new ClosureEntry(next.kind(), next.hash());
            if (!seen.add(child)) {
                continue;
            }
            if (child.kind() == ReferenceKind.BLOB || child.kind() == ReferenceKind.CLOB) {
                store.size(child.kind(), child.hash()); // one.core fails the request for missing content too
                appended.add(child);
            } else if (!isAccessControl(child)) {
                stack.push(new Frame(child, referencesOf(child)));
            }
        }
        Collections.reverse(appended);
        return appended;
    }

    private Iterator<ObjectReference> referencesOf(ClosureEntry entry) {
        return entry.kind() == ReferenceKind.ID
                ? references.referencesOfIdObject(store.readIdObject(entry.hash())).iterator()
                : references.referencesOf(store.readObject(entry.hash())).iterator();
    }

    private boolean isAccessControl(ClosureEntry entry) {
        String type = entry.kind() == ReferenceKind.ID
                ? store.typeOfId(entry.hash()).orElse(null) : store.readObject(entry.hash()).type();
        return AccessControlTypes.contains(type);
    }
}
