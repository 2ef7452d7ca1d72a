package io.syncms.chum.control;

import io.syncms.chum.entity.ChangeNotice;
import io.syncms.chum.entity.ChangePage;
import io.syncms.chum.entity.Challenge;
import io.syncms.chum.entity.ChumAccessDeniedException;
import io.syncms.chum.entity.ChumProtocolException;
import io.syncms.chum.entity.ChumSessionClosedException;
import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.ChumState;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.chum.entity.ChumTransportException;
import io.syncms.chum.entity.ChumUnauthenticatedException;
import io.syncms.chum.entity.FinishReason;
import io.syncms.chum.entity.HandshakeGrant;
import io.syncms.chum.entity.HttpLimits;
import io.syncms.chum.entity.ObjectBody;
import io.syncms.chum.entity.ProtocolVersionMismatchException;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreResult;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Chum over HTTP (JDK HTTP server in front of each exporter, {@link HttpChumPeer} as client), without a container. */
class HttpChumTest {

    @TempDir
    Path root;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor();
    private final HttpChumConnector connector = connector(HttpLimits.defaults());
    private final List<AutoCloseable> open = new ArrayList<>();
    private final java.util.Map<String, HttpExporterServer> servers = new java.util.HashMap<>();
    private ChumNode a;
    private ChumNode b;

    @BeforeEach
    void pairUp() {
        a = node("a", ChumPair.SETTINGS);
        b = node("b", ChumPair.SETTINGS);
        a.trust(b);
        b.trust(a);
    }

    private ChumNode node(String name, ChumSettings settings) {
        return node(name, settings, connector);
    }

    private ChumNode node(String name, ChumSettings settings, HttpChumConnector through) {
        HttpExporterServer server = new HttpExporterServer();
        servers.put(name, server);
        ChumNode node = ChumNode.open(root.resolve(name), name, server.url(), through, executor, settings);
        server.serve(node.chums.exporter());
        open.add(node);
        open.add(server);
        return node;
    }

    @AfterEach
    void close() throws Exception {
        closeNodes();
        executor.shutdownNow();
        watchdogs.shutdownNow();
    }

    private void closeNodes() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        open.clear();
        servers.clear();
    }

    private HttpChumConnector connector(HttpLimits limits) {
        return new HttpChumConnector(HttpChumConnector.newClient(Duration.ofSeconds(2), null), Duration.ofSeconds(20), limits,
                watchdogs);
    }

    @Test
    void aOneShotChumOverHttpLeavesEachSideWithWhatItMaySee() throws Exception {
        String bob = b.owner();
        String alice = a.owner();
        String aPrivate = a.note("a private");
        String shared = a.note("a shared", a.blob("attachment"), a.clob("body text"), List.of(a.note("child")));
        a.grant(shared, List.of(bob), List.of());
        StoreResult doc = a.document("roadmap", 1, a.blob("v1"));
        a.grantId(doc.idHash(), List.of(bob), List.of());
        String friends = a.group("friends", List.of(bob));
        String forFriends = a.note("for friends");
        a.grant(forFriends, List.of(), List.of(friends));
        String fromB = b.note("from b", b.blob("b blob"), null, List.of());
        b.grant(fromB, List.of(alice), List.of());
        Set<ClosureEntry> aExpected = union(a.content(), b.visibleTo(alice));
        Set<ClosureEntry> bExpected = union(b.content(), a.visibleTo(bob));

        List<ChumStatus> statuses = chum(a, b, "over http");

        for (ChumStatus status : statuses) {
            assertEquals(ChumState.DONE, status.state(), status.toString());
            assertTrue(status.fullSyncAchieved());
            assertEquals(List.of(), status.errors());
        }
        assertEquals(aExpected, a.content());
        assertEquals(bExpected, b.content());
        assertFalse(b.has(ReferenceKind.OBJECT, aPrivate));
        assertEquals(statuses.get(0).received(), statuses.get(1).sent());
        assertEquals(statuses.get(1).received(), statuses.get(0).sent());
        assertEquals(2, statuses.get(1).received().blobs());
        assertEquals(1, statuses.get(1).received().clobs());
        // one trace across both instances: the initiator's requests carried it (traceparent) to the responder
        assertTrue(statuses.get(0).traceId().matches("[0-9a-f]{32}"), statuses.get(0).traceId());
        assertEquals(statuses.get(0).traceId(), statuses.get(1).traceId());
    }

    @Test
    void keepRunningCarriesANewWriteThroughTheLongPollAndStopsOnBothSides() throws Exception {
        ChumSession ofA = a.chums.start(a.optionsTo(b, "keep running", true, 20));
        ChumSession ofB = ChumPair.sessionAt(b, ofA.id());
        ofA.fullSync().toCompletableFuture().get(20, TimeUnit.SECONDS);
        ofB.fullSync().toCompletableFuture().get(20, TimeUnit.SECONDS);

        String later = a.note("written later", a.blob("later blob"), null, List.of());
        a.grant(later, List.of(b.owner()), List.of());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!b.has(ReferenceKind.OBJECT, later) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(b.has(ReferenceKind.OBJECT, later), "the new write arrived through the long poll");

        ChumStatus stopped = ofB.stop().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(ChumState.STOPPED, stopped.state());
        assertEquals(ChumState.STOPPED, ofA.ended().toCompletableFuture().get(20, TimeUnit.SECONDS).state());
        assertTrue(ofA.log().toCompletableFuture().isDone() && ofB.log().toCompletableFuture().isDone());
    }

    @Test
    void problemAnswersBecomeTheExportersExceptions() {
        String hidden = a.note("not for bob");
        String hiddenBlob = a.blob("not for bob either");
        String shared = a.note("for bob");
        a.grant(shared, List.of(b.owner()), List.of());
        ChumPeer peer = connector.connect(aUrl());

        assertThrows(ChumUnauthenticatedException.class, () -> peer.changesAfter(null, 0, 10));
        assertThrows(ChumUnauthenticatedException.class, () -> peer.changesAfter("chum2.forged", 0, 10));
        HandshakeDraft draft = HandshakeDraft.against(peer, "b", b.owner());
        String token = draft.token(peer.handshake(draft.signedBy(b.identity)));

        ChangePage page = peer.changesAfter(token, 0, 1000);
        assertEquals(Set.of(new ClosureEntry(ReferenceKind.OBJECT, shared)), new HashSet<>(page.entries()));
        List<ObjectBody> bodies = peer.fetchObjects(token, page.entries());
        assertEquals(shared, bodies.get(0).hash());
        assertThrows(ChumAccessDeniedException.class, () -> peer.fetchObjects(token,
                List.of(new ClosureEntry(ReferenceKind.OBJECT, shared), new ClosureEntry(ReferenceKind.OBJECT, hidden))));
        List<String> streamed = new ArrayList<>();
        assertThrows(ChumAccessDeniedException.class, () -> peer.fetchContent(token, ReferenceKind.BLOB, List.of(hiddenBlob),
                (hash, size, content) -> streamed.add(hash)));
        assertEquals(List.of(), streamed, "nothing is sent");
        assertThrows(ChumProtocolException.class, () -> peer.nextChanges(token, "r9:1", 10));
        ChangeNotice notice = peer.waitForChanges(token, page.upToSeq(), 10);
        assertFalse(notice.changed() || notice.closed());

        peer.finish(token, FinishReason.COMPLETE, "done");
        assertThrows(ChumSessionClosedException.class, () -> peer.changesAfter(token, 0, 10));
    }

    @Test
    void aVersionMismatchComesBackWithBothVersions() {
        ChumPeer peer = connector.connect(aUrl());
        HandshakeDraft draft = HandshakeDraft.against(peer, "b", b.owner());
        draft.protocolVersion = ChumSettings.PROTOCOL_VERSION + 1;
        ProtocolVersionMismatchException mismatch = assertThrows(ProtocolVersionMismatchException.class,
                () -> peer.handshake(draft.signedBy(b.identity)));
        assertEquals("b", mismatch.importerInstance());
        assertEquals(ChumSettings.PROTOCOL_VERSION + 1, mismatch.importerVersion());
        assertEquals("a", mismatch.exporterInstance());
        assertEquals(ChumSettings.PROTOCOL_VERSION, mismatch.exporterVersion());
        assertEquals("CHUM-VERSION1: Chum protocol version mismatch: instance \"b\" speaks version "
                + (ChumSettings.PROTOCOL_VERSION + 1) + ", instance \"a\" speaks version " + ChumSettings.PROTOCOL_VERSION,
                mismatch.getMessage());
    }

    @Test
    void anUnreachableInstanceIsATransportFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ChumPeer peer = connector.connect("http://127.0.0.1:" + closedPort);
        assertThrows(ChumTransportException.class, () -> peer.challenge("an-importer-nonce-of-some-length"));
        assertThrows(IllegalArgumentException.class, () -> connector.connect("ftp://example.com"));
    }

    @Test
    void contentFramesStreamItemsAndTellABrokenStreamFromAComplete() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ContentFrames.Writer writer = new ContentFrames.Writer(bytes);
        String first = "a".repeat(64);
        String second = "b".repeat(64);
        writer.accept(first, 5, new java.io.ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));
        writer.accept(second, 3, new java.io.ByteArrayInputStream("xyz and more".getBytes(StandardCharsets.UTF_8)));
        writer.end();
        byte[] complete = bytes.toByteArray();

        List<String> read = new ArrayList<>();
        ContentFrames.read(new java.io.ByteArrayInputStream(complete), (hash, size, content) -> {
            // the first is left unread: the reader skips it
            if (hash.equals(second)) {
                read.add(new String(content.readAllBytes(), StandardCharsets.UTF_8));
            }
        }, (code, message) -> new ChumProtocolException(message), Long.MAX_VALUE);
        assertEquals(List.of("xyz"), read);

        byte[] truncated = java.util.Arrays.copyOf(complete, complete.length - 1);
        assertThrows(ChumTransportException.class, () -> ContentFrames.read(new java.io.ByteArrayInputStream(truncated),
                (hash, size, content) -> content.readAllBytes(), (code, message) -> new ChumProtocolException(message), Long.MAX_VALUE));
        byte[] cutInAnItem = java.util.Arrays.copyOf(complete, ContentFrames.MAGIC.length + 1 + 64 + 8 + 2);
        assertThrows(ChumTransportException.class, () -> ContentFrames.read(new java.io.ByteArrayInputStream(cutInAnItem),
                (hash, size, content) -> content.readAllBytes(), (code, message) -> new ChumProtocolException(message), Long.MAX_VALUE));

        ByteArrayOutputStream failing = new ByteArrayOutputStream();
        ContentFrames.Writer refused = new ContentFrames.Writer(failing);
        refused.fail("CHUM-DENIED1", "revoked meanwhile");
        ChumProtocolException failure = assertThrows(ChumProtocolException.class, () -> ContentFrames.read(
                new java.io.ByteArrayInputStream(failing.toByteArray()), (hash, size, content) -> { },
                (code, message) -> new ChumProtocolException(code + " " + message), Long.MAX_VALUE));
        assertTrue(failure.getMessage().endsWith("CHUM-DENIED1 revoked meanwhile"), failure.getMessage());
        assertThrows(ChumTransportException.class, () -> ContentFrames.read(
                new java.io.ByteArrayInputStream("<html>".getBytes(StandardCharsets.UTF_8)), (hash, size, content) -> { },
                (code, message) -> new ChumProtocolException(message), Long.MAX_VALUE));
    }

    // ---------------------------------------------------------------- a hostile or broken exporter

    /** b imports from a, whose server answers the operation with the handler; returns b's final status. */
    private ChumStatus chumFromHostileA(String operation, com.sun.net.httpserver.HttpHandler handler) throws Exception {
        String blob = a.blob("the real attachment");
        a.grant(a.note("for bob", blob, null, List.of()), List.of(b.owner()), List.of());
        servers.get("a").override(operation, handler);
        ChumSession started = b.chums.start(b.optionsTo(a, "hostile " + operation, false, 20));
        return started.ended().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private void assertFailedCleanly(ChumStatus status, String reason) throws Exception {
        assertEquals(ChumState.FAILED, status.state(), status.toString());
        assertTrue(status.errors().stream().anyMatch(e -> e.code().equals("CHUM-TRANSPORT1") && e.message().contains(reason)),
                status.errors().toString());
        assertEquals(0, status.received().blobs());
        try (var temp = java.nio.file.Files.list(root.resolve("b").resolve("tmp"))) {
            assertEquals(List.of(), temp.toList(), "nothing half-stored");
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String type, long length,
                                IoConsumer<java.io.OutputStream> body) throws java.io.IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, length);
        try (java.io.OutputStream out = exchange.getResponseBody()) {
            body.accept(out);
        }
    }

    private interface IoConsumer<T> {
        void accept(T value) throws java.io.IOException;
    }

    @Test
    void aListingLargerThanTheLimitFailsTheChumWithoutBeingReadWhole() throws Exception {
        // a client that takes at most 1 MiB per answer; the hostile page streams 3 MiB without announcing it
        pairUpThrough(new HttpLimits(1 << 20, 1 << 20, Duration.ofSeconds(5)));
        long[] sent = {0};
        ChumStatus status = chumFromHostileA("changes", exchange -> respond(exchange, 200, "application/json", 0, out -> {
            out.write("{\"upToSeq\":1,\"checkpointSeq\":1,\"total\":1,\"entries\":[".getBytes(StandardCharsets.UTF_8));
            byte[] entry = ("{\"kind\":\"OBJECT\",\"hash\":\"" + "ab".repeat(32) + "\"},").getBytes(StandardCharsets.UTF_8);
            try {
                for (int i = 0; i < (3 << 20) / entry.length; i++) {
                    out.write(entry);
                    sent[0] += entry.length;
                }
            } catch (java.io.IOException cancelled) {
                // the client hung up: what it should do
            }
        }));
        assertFailedCleanly(status, "larger than 1048576 bytes");
    }

    @Test
    void aProblemAnswerLargerThan64KiBIsNotReadWhole() throws Exception {
        ChumStatus status = chumFromHostileA("changes", exchange -> {
            byte[] detail = "x".repeat(200_000).getBytes(StandardCharsets.UTF_8);
            respond(exchange, 500, "application/problem+json", detail.length, out -> out.write(detail));
        });
        assertFailedCleanly(status, "larger than 65536 bytes");
    }

    @Test
    void anItemAnnouncedLargerThanTheLimitFailsBeforeAByteOfItIsStored() throws Exception {
        pairUpThrough(new HttpLimits(1 << 20, 1000, Duration.ofSeconds(5)));
        ChumStatus status = chumFromHostileA("content", exchange -> respond(exchange, 200, "application/octet-stream", 0, out -> {
            out.write(ContentFrames.MAGIC);
            out.write('C');
            out.write("cd".repeat(32).getBytes(StandardCharsets.US_ASCII));
            out.write(java.nio.ByteBuffer.allocate(8).putLong(5_000_000_000L).array());
            out.write(new byte[4096]);
        }));
        assertFailedCleanly(status, "announces 5000000000 bytes");
    }

    @Test
    void aPeerThatStopsSendingInsideAnItemFailsTheChumAfterTheReadTimeout() throws Exception {
        pairUpThrough(new HttpLimits(1 << 20, 1 << 20, Duration.ofMillis(500)));
        java.util.concurrent.CountDownLatch hangUp = new java.util.concurrent.CountDownLatch(1);
        long started = System.nanoTime();
        ChumStatus status = chumFromHostileA("content", exchange -> respond(exchange, 200, "application/octet-stream", 0, out -> {
            out.write(ContentFrames.MAGIC);
            out.write('C');
            out.write("cd".repeat(32).getBytes(StandardCharsets.US_ASCII));
            out.write(java.nio.ByteBuffer.allocate(8).putLong(100_000).array());
            out.write(new byte[1000]);
            out.flush();
            try {
                hangUp.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        hangUp.countDown();
        assertFailedCleanly(status, "nothing arrived for 500 ms");
        assertTrue(millis < 10_000, "failed after " + millis + " ms");
    }

    @Test
    void anItemLongerThanAnnouncedBreaksTheFramingAndFailsTheChum() throws Exception {
        ChumStatus status = chumFromHostileA("content", exchange -> respond(exchange, 200, "application/octet-stream", 0, out -> {
            out.write(ContentFrames.MAGIC);
            out.write('C');
            out.write("cd".repeat(32).getBytes(StandardCharsets.US_ASCII));
            out.write(java.nio.ByteBuffer.allocate(8).putLong(5).array());
            out.write("0123456789".getBytes(StandardCharsets.US_ASCII));
            out.write('E');
        }));
        assertFailedCleanly(status, "Unknown frame");
    }

    /** Both nodes again, b's client with other limits. */
    private void pairUpThrough(HttpLimits limits) throws Exception {
        closeNodes();
        a = node("a", ChumPair.SETTINGS);
        b = node("b", ChumPair.SETTINGS, connector(limits));
        a.trust(b);
        b.trust(a);
    }

    // ---------------------------------------------------------------- helpers

    /** The URL of an exporter of a's store with no Chum service around it (it accepts any authenticated handshake). */
    private String aUrl() {
        HttpExporterServer server = new HttpExporterServer();
        ChumExporter exporter = new ChumExporter(new LocalInstance(a.store, a.access, a.identity), a.chums.trustedPeers(),
                ChumPair.SETTINGS, io.syncms.chum.entity.ChumLimits.defaults(), session -> { }, (request, failure) -> { });
        server.serve(exporter);
        open.add(0, server);
        open.add(0, exporter);
        return server.url();
    }

    private List<ChumStatus> chum(ChumNode from, ChumNode to, String name) throws Exception {
        ChumSession started = from.chums.start(from.optionsTo(to, name, false, 20));
        ChumStatus mine = started.ended().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ChumStatus theirs = ChumPair.sessionAt(to, started.id()).ended().toCompletableFuture()
                .get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return List.of(mine, theirs);
    }

    private static Set<ClosureEntry> union(Set<ClosureEntry> first, Set<ClosureEntry> second) {
        Set<ClosureEntry> union = new HashSet<>(first);
        union.addAll(second);
        return union;
    }
}
