package io.syncms.store.control;

import io.syncms.store.entity.StoreOptions;

import java.nio.file.Path;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The child process of {@link LegacyMigrationTest}: opens (and so converts) the store given as the
 * argument, reporting the conversion's progress after each atomic write on stderr, until it is killed.
 */
public final class ConvertingChild {

    private ConvertingChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Logger log = Logger.getLogger(LegacyMigration.class.getName());
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.FINE);
        log.addHandler(handler);
        log.setLevel(Level.FINE);
        try (ObjectStore store = new ObjectStore(Path.of(args[0]), StoreFixtures.registry(),
                StoreOptions.defaults().withFsync(false)).open()) {
            System.out.println("CONVERTED " + store.lastSeq());
        }
        Thread.sleep(60_000);
    }
}
