package io.syncms.store.boundary;

import io.syncms.platform.control.JsonBinding;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.control.RecipeRegistry;
import io.syncms.store.control.StoredRecipes;
import io.syncms.store.entity.StoreCheckReport;
import io.syncms.store.entity.StoreOptions;
import io.syncms.store.entity.StoreUnavailableException;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The object store from the command line, for a store no instance has open
 * ({@code server-config/store-tool}):
 * <pre>
 * check STORE_DIR [--repair]   verify everything; exit 0 if the store is whole, 1 if not
 * convert STORE_DIR            convert a store of the first layout now (opening it does the same)
 * </pre>
 * Exit 2 on a usage error or when the store cannot be opened (another process has it open).
 */
public final class StoreTool {

    private StoreTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || !(args[0].equals("check") || args[0].equals("convert"))
                || (args.length == 3 && !args[2].equals("--repair")) || args.length > 3) {
            err.println("usage: store-tool check STORE_DIR [--repair] | store-tool convert STORE_DIR");
            return 2;
        }
        Path directory = Path.of(args[1]);
        if (!Files.isDirectory(directory)) {
            err.println("store-tool: no store directory at " + directory);
            return 2;
        }
        try (ObjectStore store = new ObjectStore(directory, RecipeRegistry.withCoreRecipes(), StoreOptions.defaults()).open()) {
            new StoredRecipes(store).restore();
            if (args[0].equals("convert")) {
                out.println(JsonBinding.JSONB.toJson(StoreBodies.Recovery.of(store.lastRecovery())));
                return 0;
            }
            StoreCheckReport report = store.check(args.length == 3);
            out.println(JsonBinding.JSONB.toJson(StoreBodies.Check.of(report)));
            return report.clean() ? 0 : 1;
        } catch (StoreUnavailableException e) {
            err.println("store-tool: " + e.getMessage());
            return 2;
        }
    }
}
