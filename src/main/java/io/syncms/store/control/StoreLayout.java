package io.syncms.store.control;

import io.syncms.store.entity.Sha256Hex;
import io.syncms.store.entity.MalformedHashException;
import io.syncms.store.entity.ReferenceKind;

import java.nio.file.Path;

/**
 * Where an object store keeps what:
 * <pre>
 * root/
 *   db/                   the RocksDB database ({@link StoreDatabase}): objects, ID objects, small
 *                         BLOBs and CLOBs, the write log and the version index
 *   blobs/ab/cd/abcd…     BLOBs larger than the inline limit, named by their hash
 *   clobs/ab/cd/abcd…     CLOBs larger than the inline limit
 *   tmp/                  large content being written (renamed into place, or deleted at open)
 *   quarantine/           files that failed their hash check, moved aside
 *   identity/             the instance key pair
 *   store.lock            held while a process has the store open
 * </pre>
 * A store of the first layout (one file per object) also has {@code objects/}, {@code ids/} and
 * {@code journal/} until {@link LegacyMigration} has converted it. Two fan-out levels of two hex
 * digits keep directories small with millions of large BLOBs.
 */
final class StoreLayout {

    private final Path root;

    StoreLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * @throws MalformedHashException unless the hash is 64 lower-case hex digits (which also keeps
     *         anything but a file name out of the paths built from it)
     */
    static String requireHash(String hash) {
        if (!Sha256Hex.is(hash)) {
            throw new MalformedHashException(hash);
        }
        return hash;
    }

    Path root() {
        return root;
    }

    Path databaseDirectory() {
        return root.resolve("db");
    }

    Path quarantineDirectory() {
        return root.resolve("quarantine");
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

    /** The journal of the first layout; present only in a store not yet converted. */
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
