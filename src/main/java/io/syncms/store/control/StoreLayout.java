package io.syncms.store.control;

import io.syncms.store.entity.MalformedHashException;
import io.syncms.store.entity.ReferenceKind;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where an object store keeps what:
 * <pre>
 * root/
 *   objects/ab/cd/abcd…   ONE object microdata     (by object hash)
 *   ids/ab/cd/abcd…       ID object microdata      (by ID hash)
 *   blobs/ab/cd/abcd…     BLOB bytes
 *   clobs/ab/cd/abcd…     CLOB UTF-8 text
 *   tmp/                  files being written (renamed into place, or deleted at open)
 *   journal/journal.log   the write journal
 *   journal/checkpoint    up to which sequence number every journaled file is in place
 *   identity/             the instance key pair
 *   store.lock            held while a process has the store open
 * </pre>
 * Two fan-out levels of two hex digits give 65,536 leaf directories per kind, so a directory holds a
 * few dozen files even with millions stored.
 */
final class StoreLayout {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    StoreLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * @throws MalformedHashException unless the hash is 64 lower-case hex digits (which also keeps
     *         anything but a file name out of the paths built from it)
     */
    static String requireHash(String hash) {
        if (hash == null || !HASH.matcher(hash).matches()) {
            throw new MalformedHashException(hash);
        }
        return hash;
    }

    Path root() {
        return root;
    }

    Path kindDirectory(ReferenceKind kind) {
        return root.resolve(switch (kind) {
            case OBJECT -> "objects";
            case ID -> "ids";
            case BLOB -> "blobs";
            case CLOB -> "clobs";
        });
    }

    Path file(ReferenceKind kind, String hash) {
        requireHash(hash);
        return kindDirectory(kind).resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
    }

    Path tmpDirectory() {
        return root.resolve("tmp");
    }

    Path journalDirectory() {
        return root.resolve("journal");
    }

    Path journalFile() {
        return journalDirectory().resolve("journal.log");
    }

    Path checkpointFile() {
        return journalDirectory().resolve("checkpoint");
    }

    Path identityDirectory() {
        return root.resolve("identity");
    }

    Path lockFile() {
        return root.resolve("store.lock");
    }
}
