package io.syncms.store.control;

import io.syncms.store.entity.ReferenceKind;

/** One thing a {@link CommitRequest} asks the store to write, in the order given. */
sealed interface WriteOp permits WriteOp.PutContent, WriteOp.AddVersion, WriteOp.LinkNode, WriteOp.Quarantine {

    /**
     * Content under its hash, unless it is stored already.
     *
     * @param type   the ONE type of an object or ID object, else null
     * @param idHash the ID hash of a versioned object or of an ID object itself, else null
     */
    record PutContent(ReferenceKind kind, String hash, ContentValue value, String type, String idHash) implements WriteOp {

        long bytes() {
            return value.isExternal() ? 64 : value.inline().length + 64;
        }
    }

    /**
     * The versioned object {@code dataHash} (of {@code type}) as the new head of {@code idHash},
     * through a new version node, unless it is in the history already.
     */
    record AddVersion(String idHash, String dataHash, String type) implements WriteOp {
    }

    /**
     * A version node given whole (one.core's merge of what a peer sent): stored by an earlier
     * {@link PutContent}, it becomes the head of {@code idHash} with its data, unless it is the head, or
     * unless the head is no longer {@code expectedHead} (null: no version) when the group commits: then
     * nothing changes, and the caller, who merged against the old head, merges again.
     */
    record LinkNode(String idHash, String type, String dataHash, String nodeHash, long creationTime, String expectedHead)
            implements WriteOp {
    }

    /**
     * Takes damaged content out of the store (it then counts as missing and is stored anew when it
     * arrives again) and records why; skipped if the content is whole again by then.
     */
    record Quarantine(ReferenceKind kind, String hash, String reason) implements WriteOp {
    }
}
