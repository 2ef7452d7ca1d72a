package io.syncms.onechum.control;

import io.syncms.onechum.entity.OneChumOptions;
import io.syncms.onechum.entity.OneChumResult;
import io.syncms.store.control.AccessService;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.control.StoreFixtures;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreOptions;
import io.syncms.store.entity.Version;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneChumSessionTest {

    @TempDir
    Path directory;

    private final List<AutoCloseable> open = new ArrayList<>();

    /** One instance: its store, access service, owner and what it granted the other side. */
    private final class Side {
        final String instance;
        final ObjectStore store;
        final AccessService access;
        final String owner;
        final Set<String> shared = new HashSet<>();
        final Set<String> sharedContent = new HashSet<>();
        String doc;

        Side(String instance) {
            this.instance = instance;
            this.store = new ObjectStore(directory.resolve(instance), StoreFixtures.registry(),
                    StoreOptions.defaults().withFsync(false)).open();
            this.access = new AccessService(store);
            open.add(access);
            open.add(store::close);
            store.storeObject(StoreFixtures.person("a@example.org"));
            store.storeObject(StoreFixtures.person("b@example.org"));
            this.owner = idOf(StoreFixtures.person(instance.endsWith("A") ? "a@example.org" : "b@example.org"));
        }

        String idOf(OneObject object) {
            return new io.syncms.store.control.ObjectHashes(store.registry()).idHashOf(object);
        }

        String blob(byte[] bytes) {
            String hash = store.storeBlob(new ByteArrayInputStream(bytes)).hash();
            sharedContent.add(hash);
            return hash;
        }

        String clob(String text) {
            String hash = store.storeClob(text).hash();
            sharedContent.add(hash);
            return hash;
        }

        String store(OneObject object) {
            String hash = store.storeObject(object).hash();
            shared.add(hash);
            return hash;
        }

        void grant(String hash, String person) {
            store.storeObject(StoreFixtures.access(hash, List.of(person), List.of()));
        }

        void grantId(String idHash, String person) {
            store.storeObject(StoreFixtures.idAccess(idHash, List.of(person), List.of()));
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void twoSidesExchangeObjectsContentAndVersionsAndShareTheLogsIdHash() throws Exception {
        Side a = new Side("instance-A");
        Side b = new Side("instance-B");
        fill(a, b.owner, 1);
        fill(b, a.owner, 2);
        // one document, changed on both sides without the other knowing: concurrent versions
        OneObject sharedOnA = OneObject.builder(StoreFixtures.DOCUMENT).put("title", "shared").put("revision", 7)
                .put("parts", List.of(a.store(StoreFixtures.note("part from A")))).build();
        a.store(sharedOnA);
        Thread.sleep(5); // distinct creation times: the later version's registers win
        OneObject sharedOnB = OneObject.builder(StoreFixtures.DOCUMENT).put("title", "shared").put("revision", 9)
                .put("parts", List.of(b.store(StoreFixtures.note("part from B")))).build();
        b.store(sharedOnB);
        String sharedId = a.idOf(sharedOnA);
        a.grantId(sharedId, b.owner);
        b.grantId(sharedId, a.owner);
        a.grant(a.shared.stream().filter(h -> !h.isEmpty()).findFirst().orElseThrow(), b.owner);

        OneChumResult[] results = chum(a, b);

        for (OneChumResult result : results) {
            assertNull(result.failure());
            assertTrue(result.fullSync());
            assertEquals(List.of(), result.errors());
        }
        assertEquals(results[0].logIdHash(), results[1].logIdHash());
        assertHasEverythingOf(a, b);
        assertHasEverythingOf(b, a);
        // the versioned documents: every node of the other side arrived as it was, the head holds its data
        for (Side[] pair : new Side[][]{{a, b}, {b, a}}) {
            Side from = pair[0];
            Side to = pair[1];
            for (Version version : from.store.versions(from.doc)) {
                assertTrue(to.store.contains(ReferenceKind.OBJECT, version.nodeHash()), "node " + version.nodeHash());
            }
            assertEquals(from.store.head(from.doc).orElseThrow().hash(), to.store.head(from.doc).orElseThrow().hash());
        }
        // the concurrent versions merged the same way on both sides: B's later revision, both parts
        OneObject mergedOnA = a.store.readObject(a.store.head(sharedId).orElseThrow().hash());
        OneObject mergedOnB = b.store.readObject(b.store.head(sharedId).orElseThrow().hash());
        assertEquals(mergedOnA, mergedOnB);
        assertEquals(9L, ((Number) mergedOnA.get("revision")).longValue());
        assertEquals(2, ((List<?>) mergedOnA.get("parts")).size());
        assertEquals("VersionNodeMerge", a.store.readObject(a.store.head(sharedId).orElseThrow().nodeHash()).type());
        assertEquals(a.store.head(sharedId).orElseThrow().nodeHash(), b.store.head(sharedId).orElseThrow().nodeHash());
    }

    @Test
    void accessControlObjectsNeverTravelAndNothingUnlistedIsServed() throws Exception {
        Side a = new Side("instance-A");
        Side b = new Side("instance-B");
        String secret = a.store.storeObject(StoreFixtures.note("not granted")).hash();
        fill(a, b.owner, 1);

        OneChumResult[] results = chum(a, b);

        assertNull(results[1].failure());
        assertFalse(b.store.contains(ReferenceKind.OBJECT, secret));
        assertTrue(b.store.contains(ReferenceKind.OBJECT, a.shared.iterator().next()));
        for (String type : List.of("Access", "IdAccess")) {
            assertFalse(a.store.idHashes(type).isEmpty());
            assertTrue(b.store.idHashes(type).stream().noneMatch(a.store.idHashes(type)::contains), type);
        }
    }

    @Test
    void anUnlistedHashIsRefusedWithOneCoresCodeEvenIfItExists() throws Exception {
        Side a = new Side("instance-A");
        String secret = a.store.storeObject(StoreFixtures.note("not granted")).hash();
        try (SocketPair sockets = new SocketPair()) {
            new OneChumSession(a.store, a.access, sockets.a,
                    new OneChumOptions("chum", a.instance, "instance-B", a.owner, "b".repeat(64), false, 5000), 10_000, 1 << 30);

            var refused = sockets.b.call(OneExporter.OBJECT, List.of(jakarta.json.Json.createValue(secret)));
            var unknown = sockets.b.call(9, List.of());

            var error = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> refused.get(5, TimeUnit.SECONDS));
            assertEquals("CES-GO1", ((io.syncms.onechum.entity.OneRemoteException) error.getCause()).code());
            var missing = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> unknown.get(5, TimeUnit.SECONDS));
            assertEquals(OneErrors.UNKNOWN_SERVICE, ((io.syncms.onechum.entity.OneRemoteException) missing.getCause()).code());
            assertEquals("8", sockets.b.call(OneExporter.VERSION, List.of()).get(5, TimeUnit.SECONDS).toString());
        }
    }

    private void fill(Side side, String remoteOwner, int seed) {
        Random random = new Random(seed);
        byte[] small = new byte[3000];
        random.nextBytes(small);
        byte[] large = new byte[150_000];
        random.nextBytes(large);
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 90_000; i++) {
            text.append("line ").append(i).append(" of a big CLOB äöü€ ✓\n");
        }
        String child = side.store(StoreFixtures.note("child of " + side.instance));
        String note = side.store(OneObject.builder(StoreFixtures.NOTE).put("text", "shared by " + side.instance)
                .put("attachment", side.blob(small)).put("body", side.clob("Hello CLOB – ünïcödé ✓"))
                .put("children", List.of(child)).build());
        String big = side.store(OneObject.builder(StoreFixtures.NOTE).put("text", "big note of " + side.instance)
                .put("attachment", side.blob(large)).put("body", side.clob(text.toString())).build());
        side.grant(note, remoteOwner);
        side.grant(big, remoteOwner);
        OneObject first = StoreFixtures.document("doc of " + side.instance, 1);
        side.store(first);
        side.store(OneObject.builder(StoreFixtures.DOCUMENT).put("title", "doc of " + side.instance).put("revision", 2)
                .put("parts", List.of(child)).build());
        side.doc = side.idOf(first);
        side.grantId(side.doc, remoteOwner);
    }

    private OneChumResult[] chum(Side a, Side b) throws Exception {
        try (SocketPair sockets = new SocketPair()) {
            OneChumSession onA = new OneChumSession(a.store, a.access, sockets.a,
                    new OneChumOptions("chum", a.instance, b.instance, a.owner, b.owner, false, 5000), 10_000, 1 << 30);
            OneChumSession onB = new OneChumSession(b.store, b.access, sockets.b,
                    new OneChumOptions("chum", b.instance, a.instance, b.owner, a.owner, false, 5000), 10_000, 1 << 30);
            CompletableFuture<OneChumResult> resultA = CompletableFuture.supplyAsync(onA::run);
            CompletableFuture<OneChumResult> resultB = CompletableFuture.supplyAsync(onB::run);
            return new OneChumResult[]{resultA.get(30, TimeUnit.SECONDS), resultB.get(30, TimeUnit.SECONDS)};
        }
    }

    private static void assertHasEverythingOf(Side to, Side from) throws IOException {
        for (String hash : from.shared) {
            if (from.store.readObject(hash).type().equals(StoreFixtures.DOCUMENT) || to.shared.contains(hash)) {
                continue; // versions are checked through their nodes
            }
            assertTrue(to.store.contains(ReferenceKind.OBJECT, hash), "object " + hash);
        }
        for (String hash : from.sharedContent) {
            ReferenceKind kind = from.store.contains(ReferenceKind.BLOB, hash) ? ReferenceKind.BLOB : ReferenceKind.CLOB;
            try (InputStream expected = from.store.openContent(kind, hash).stream();
                 InputStream actual = to.store.openContent(kind, hash).stream()) {
                assertArrayEquals(expected.readAllBytes(), actual.readAllBytes(), kind + " " + hash);
            }
        }
    }
}
