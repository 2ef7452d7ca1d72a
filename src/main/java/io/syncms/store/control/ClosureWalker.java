package io.syncms.store.control;

import io.syncms.store.entity.AccessControlTypes;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.CorruptObjectException;
import io.syncms.store.entity.ObjectNotFoundException;
import io.syncms.store.entity.ObjectReference;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.Version;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Everything reachable from roots through references: objects, ID objects, BLOBs and CLOBs, each
 * once, referenced content before what references it (depth-first, post-order; iterative, so long
 * chains do not exhaust the stack). An ID hash stands for its ID object followed by every version in
 * history order; an ID object that is not stored contributes nothing (ID references may dangle).
 * Version nodes are not reachable by reference and are not included. Cycles (possible through ID
 * references) are cut where they close. Objects and IDs of the {@link AccessControlTypes} are left
 * out, and so is what only they reference: they never travel. Content that is missing or damaged
 * here (in quarantine) is left out too, with what only it references; what references it stays in,
 * and a peer refuses it until the content arrives again.
 */
final class ClosureWalker {

    private enum NodeKind { OBJECT, ID, ID_OBJECT, BLOB, CLOB }

    private record Node(NodeKind kind, String hash) {
    }

    /**
     * The entries in order, every ID hash met on the way (stored or not), and whether content was left
     * out because it is missing or damaged here (in quarantine until it arrives again).
     */
    record Closure(List<ClosureEntry> entries, Set<String> idHashes, boolean incomplete) {
    }

    private static final Logger LOG = Logger.getLogger(ClosureWalker.class.getName());

    private final ObjectStore store;
    private final ObjectReferences references;

    ClosureWalker(ObjectStore store) {
        this.store = store;
        this.references = new ObjectReferences(store.registry());
    }

    /** Roots of kind OBJECT (an object) or ID (an ID object with all its versions). */
    Closure walk(Collection<ClosureEntry> roots) {
        List<ClosureEntry> entries = new ArrayList<>();
        Set<String> idHashes = new HashSet<>();
        Set<Node> visited = new HashSet<>();
        Deque<Frame> stack = new ArrayDeque<>();
        int[] missing = {0};
        for (ClosureEntry root : roots) {
            Node node = new Node(nodeKind(root.kind()), root.hash());
            if (visited.add(node)) {
                push(stack, node, idHashes, missing);
            }
            while (!stack.isEmpty()) {
                Frame frame = stack.peek();
                if (frame.children.hasNext()) {
                    Node child = frame.children.next();
                    if (visited.add(child)) {
                        push(stack, child, idHashes, missing);
                    }
                } else {
                    stack.pop();
                    entryOf(frame.node).ifPresent(entries::add);
                }
            }
        }
        if (missing[0] > 0) {
            int count = missing[0];
            LOG.warning(() -> "A closure left out " + count + " missing or damaged items (and what only they reference); "
                    + "they are listed again once they are stored whole");
        }
        return new Closure(entries, idHashes, missing[0] > 0);
    }

    /** Descends into a node, unless it is left out (an access-control type, or missing or damaged here). */
    private void push(Deque<Frame> stack, Node node, Set<String> idHashes, int[] missing) {
        Iterator<Node> children;
        try {
            children = children(node, idHashes);
        } catch (ObjectNotFoundException | CorruptObjectException e) {
            missing[0]++;
            return;
        }
        if (children != null) {
            stack.push(new Frame(node, children));
        }
    }

    /** The children of a node; null for an object or ID of an access-control type (left out with what it references). */
    private Iterator<Node> children(Node node, Set<String> idHashes) {
        List<Node> children = new ArrayList<>();
        switch (node.kind) {
            case OBJECT -> {
                OneObject object = store.readObject(node.hash);
                if (AccessControlTypes.contains(object.type())) {
                    return null;
                }
                addAll(children, references.referencesOf(object));
            }
            case ID_OBJECT -> addAll(children, references.referencesOfIdObject(store.readIdObject(node.hash)));
            case ID -> {
                idHashes.add(node.hash);
                if (store.typeOfId(node.hash).filter(AccessControlTypes::contains).isPresent()) {
                    return null;
                }
                if (store.contains(ReferenceKind.ID, node.hash)) {
                    children.add(new Node(NodeKind.ID_OBJECT, node.hash));
                    for (Version version : store.versions(node.hash)) {
                        children.add(new Node(NodeKind.OBJECT, version.hash()));
                    }
                }
            }
            case BLOB, CLOB -> {
                ReferenceKind kind = node.kind == NodeKind.BLOB ? ReferenceKind.BLOB : ReferenceKind.CLOB;
                if (!store.contains(kind, node.hash)) {
                    throw new ObjectNotFoundException(kind, node.hash);
                }
            }
        }
        return children.iterator();
    }

    private static void addAll(List<Node> children, List<ObjectReference> found) {
        for (ObjectReference reference : found) {
            children.add(new Node(nodeKind(reference.kind()), reference.hash()));
        }
    }

    private static NodeKind nodeKind(ReferenceKind kind) {
        return switch (kind) {
            case OBJECT -> NodeKind.OBJECT;
            case ID -> NodeKind.ID;
            case BLOB -> NodeKind.BLOB;
            case CLOB -> NodeKind.CLOB;
        };
    }

    private static Optional<ClosureEntry> entryOf(Node node) {
        return switch (node.kind) {
            case OBJECT -> Optional.of(new ClosureEntry(ReferenceKind.OBJECT, node.hash));
            case ID_OBJECT -> Optional.of(new ClosureEntry(ReferenceKind.ID, node.hash));
            case BLOB -> Optional.of(new ClosureEntry(ReferenceKind.BLOB, node.hash));
            case CLOB -> Optional.of(new ClosureEntry(ReferenceKind.CLOB, node.hash));
            case ID -> Optional.empty();
        };
    }

    /** A node on the depth-first path and the children not yet visited. */
    private static final class Frame {

        private final Node node;
        private final Iterator<Node> children;

        Frame(Node node, Iterator<Node> children) {
            this.node = node;
            this.children = children;
        }
    }
}
