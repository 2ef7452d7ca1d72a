package io.syncms.onechum.control;

import io.syncms.onechum.entity.OneChumOptions;
import io.syncms.onechum.entity.OneChumResult;
import io.syncms.platform.control.Jsonp;
import io.syncms.store.control.AccessService;
import io.syncms.store.control.ObjectHashes;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.control.RecipeRegistry;
import io.syncms.store.entity.ItemType;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.Recipe;
import io.syncms.store.entity.RecipeRule;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreOptions;
import io.syncms.testing.OneCorePeer;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * This module and a real one.core instance Chum over a loopback WebSocket, the module dialing. Runs only
 * when {@code ONE_CORE_DIR} names a built one.core (a directory with {@code lib/} and
 * {@code node_modules/ws}); CI has none, so there it is skipped. The one.core side is {@link OneCorePeer}:
 * it stores a note with a BLOB, a CLOB and a child and a document with two versions, grants them to the
 * module's person, and reports its Chum log object and which of the module's hashes it has. The other
 * direction of connection (one.core dials the module) is in {@code OneChumIT}.
 */
@EnabledIfEnvironmentVariable(named = "ONE_CORE_DIR", matches = ".+")
class OneCoreLiveTest {

    @TempDir
    Path directory;

    @Test
    void theModuleAndOneCoreChumEverythingBothWaysAndTheirLogsShareAnId() throws Exception {
        ExecutorService workers = Executors.newCachedThreadPool();
        ObjectStore store = new ObjectStore(directory.resolve("store"), registry(), StoreOptions.defaults().withFsync(false)).open();
        try (OneCorePeer oneCore = OneCorePeer.start(directory.resolve("one-core"));
             AccessService access = new AccessService(store)) {
            JsonObject ready = oneCore.read("ready");
            String onePerson = ready.getString("personId");
            OneObject owner = OneObject.builder("Person").put("email", "module@example.org").build();
            store.storeObject(owner);
            String modulePerson = new ObjectHashes(store.registry()).idHashOf(owner);
            Shared shared = write(store, onePerson);
            oneCore.send(Jsonp.JSON.createObjectBuilder().add("remotePersonId", modulePerson)
                    .add("remoteInstanceName", "syncms-live").add("chumName", "live")
                    .add("expect", Jsonp.JSON.createArrayBuilder(shared.hashes())).build());
            JsonObject data = oneCore.read("data");
            int port = oneCore.read("listening").getInt("listening");

            OneConnection connection = OneWebSocketClient.dial(HttpClient.newHttpClient(),
                    URI.create("ws://127.0.0.1:" + port + "/"), Duration.ofSeconds(5), workers, 30_000, 64 << 20)
                    .get(10, TimeUnit.SECONDS);
            OneChumResult result = new OneChumSession(store, access, connection,
                    new OneChumOptions("live", "syncms-live", ready.getString("instanceName"), modulePerson, onePerson,
                            false, 5000), 30_000, 1 << 30).run();
            JsonObject done = oneCore.read("done");

            assertNull(result.failure(), result.toString());
            assertEquals(List.of(), result.errors());
            assertEquals(done.getString("idHash"), result.logIdHash());
            assertEquals(List.of(), done.getJsonObject("obj").getJsonArray("errors"), done.toString());
            for (String hash : List.of(data.getString("note"), data.getString("child"))) {
                assertTrue(store.contains(ReferenceKind.OBJECT, hash), hash);
            }
            assertTrue(store.contains(ReferenceKind.BLOB, data.getString("blob")));
            assertTrue(store.contains(ReferenceKind.CLOB, data.getString("clob")));
            assertEquals(data.getString("docHead"), store.head(data.getString("docIdHash")).orElseThrow().hash());
            for (String hash : shared.hashes()) {
                assertTrue(done.getJsonObject("has").getBoolean(hash), "one.core lacks " + hash + ": " + done);
            }
        } finally {
            store.close();
            workers.shutdownNow();
        }
    }

    record Shared(List<String> hashes) {
    }

    private static Shared write(ObjectStore store, String grantee) {
        byte[] bytes = new byte[120_000];
        new Random(7).nextBytes(bytes);
        String blob = store.storeBlob(new ByteArrayInputStream(bytes)).hash();
        String clob = store.storeClob("CLOB from the module äöü€ ✓ ".repeat(3000)).hash();
        String child = store.storeObject(OneObject.builder("OneInterop$Note").put("text", "child from the module").build()).hash();
        String note = store.storeObject(OneObject.builder("OneInterop$Note").put("text", "note from the module")
                .put("attachment", blob).put("clob", clob).put("child", child).build()).hash();
        store.storeObject(OneObject.builder("Access").put("object", note).put("person", List.of(grantee))
                .put("group", List.of()).build());
        OneObject doc = OneObject.builder("OneInterop$Doc").put("title", "doc from the module").put("body", "version 1").build();
        store.storeObject(doc);
        String head = store.storeObject(OneObject.builder("OneInterop$Doc").put("title", "doc from the module")
                .put("body", "version 2").build()).hash();
        String docId = new ObjectHashes(store.registry()).idHashOf(doc);
        store.storeObject(OneObject.builder("IdAccess").put("id", docId).put("person", List.of(grantee))
                .put("group", List.of()).build());
        return new Shared(List.of(note, child, blob, clob, docId, head));
    }

    private static RecipeRegistry registry() {
        RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
        registry.register(new Recipe("OneInterop$Note", List.of(
                RecipeRule.of("text", ItemType.string()),
                RecipeRule.optional("attachment", ItemType.referenceToBlob()),
                RecipeRule.optional("clob", ItemType.referenceToClob()),
                RecipeRule.optional("child", ItemType.referenceToObj(Set.of("*"))))));
        registry.register(new Recipe("OneInterop$Doc", List.of(
                RecipeRule.id("title", ItemType.string()),
                RecipeRule.optional("body", ItemType.string()))));
        return registry;
    }
}
