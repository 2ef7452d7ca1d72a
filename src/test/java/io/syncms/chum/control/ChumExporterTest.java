package io.syncms.chum.control;

import io.syncms.chum.entity.ChangeNotice;
import io.syncms.chum.entity.ChangePage;
import io.syncms.chum.entity.Challenge;
import io.syncms.chum.entity.ChumAccessDeniedException;
import io.syncms.chum.entity.ChumException;
import io.syncms.chum.entity.ChumLimits;
import io.syncms.chum.entity.ChumProtocolException;
import io.syncms.chum.entity.ChumSessionClosedException;
import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.ChumUnauthenticatedException;
import io.syncms.chum.entity.FinishReason;
import io.syncms.chum.entity.HandshakeGrant;
import io.syncms.chum.entity.HandshakeRequest;
import io.syncms.chum.entity.ObjectBody;
import io.syncms.chum.entity.ProtocolVersionMismatchException;
import io.syncms.store.control.InstanceIdentity;
import io.syncms.store.control.ObjectReferences;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.ObjectReference;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreOptions;
import io.syncms.store.entity.StoreResult;
import io.syncms.testing.MutableClock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exporter of "a" as the importer of "b" (and impostors) meet it, without a Chum session around it. */
class ChumExporterTest {

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock();
    private final List<ChumException> refusals = new CopyOnWriteArrayList<>();
    private ChumPair pair;
    private ChumNode a;
    private ChumNode b;
    private ChumExporter exporter;

    @BeforeEach
    void open() {
        pair = new ChumPair(root);
        a = pair.a;
        b = pair.b;
        exporter = new ChumExporter(new LocalInstance(a.store, a.access, a.identity), a.chums.trustedPeers(),
                ChumPair.SETTINGS.withClock(clock).withTokenLifetime(Duration.ofSeconds(90)), ChumLimits.defaults(), session -> { },
                (request, failure) -> refusals.add(failure));
    }

    @AfterEach
    void close() throws InterruptedException {
        exporter.close();
        pair.close();
    }

    // ---------------------------------------------------------------- authentication

    @Test
    void theGrantCarriesNoTokenButConfirmsTheOneBothSidesDerive() {
        HandshakeDraft draft = draft();
        HandshakeGrant grant = exporter.handshake(draft.signedBy(b.identity));
        String token = draft.token(grant);

        assertTrue(token.matches("chum2\\.[A-Za-z0-9_-]{43}"), token);
        assertFalse(ChumWire.grant(grant).toString().contains(token.substring(6)), "the token never travels");
        assertEquals(Duration.ofSeconds(30).toMillis(), grant.idleTimeoutMillis());
        assertEquals(Duration.ofSeconds(90).toMillis(), grant.lifetimeMillis());
        assertEquals(a.store.lastSeq(), grant.lastSeq());
        assertEquals(0, exporter.changesAfter(token, 0, 10).total());
        assertThrows(ChumUnauthenticatedException.class, () -> exporter.changesAfter(null, 0, 10));
        assertThrows(ChumUnauthenticatedException.class, () -> exporter.changesAfter("chum2.forged", 0, 10));
        assertThrows(ChumUnauthenticatedException.class, () -> exporter.fetchObjects("", List.of()));
        assertThrows(ChumUnauthenticatedException.class, () -> exporter.waitForChanges("x", 0, 0));
        assertThrows(ChumUnauthenticatedException.class, () -> exporter.finish("x", FinishReason.COMPLETE, "done"));
    }

    @Test
    void theChallengeIsSignedWithTheExportersKeyOverTheImportersNonce() {
        HandshakeDraft draft = draft();
        Challenge challenge = draft.challenge;
        byte[] signature = Base64.getDecoder().decode(challenge.signature());
        assertEquals(a.identity.publicKeyBase64(), challenge.publicKey());
        assertTrue(InstanceIdentity.verify(a.identity.publicKeyBase64(), challenge.signedBytes(draft.importerNonce), signature));
        assertFalse(InstanceIdentity.verify(a.identity.publicKeyBase64(), challenge.signedBytes("another-importers-nonce"), signature));
        assertFalse(InstanceIdentity.verify(b.identity.publicKeyBase64(), challenge.signedBytes(draft.importerNonce), signature));
        assertThrows(ChumProtocolException.class, () -> exporter.challenge(null, "test"));
        assertThrows(ChumProtocolException.class, () -> exporter.challenge("short", "test"));
        assertThrows(ChumProtocolException.class, () -> exporter.challenge("x".repeat(87), "test"));
    }

    @Test
    void aSignatureMadeWithAnotherKeyIsRejected() {
        ObjectStore malloryStore = new ObjectStore(root.resolve("mallory"), ChumNode.registry(),
                StoreOptions.defaults().withFsync(false)).open();
        try {
            InstanceIdentity mallory = InstanceIdentity.load(malloryStore, "b", "mallory@example.com");
            // claims to be bob of instance b, signs with her own key
            ChumUnauthenticatedException refused = assertThrows(ChumUnauthenticatedException.class,
                    () -> exporter.handshake(draft().signedBy(mallory)));
            assertTrue(refused.getMessage().contains("does not verify"), refused.getMessage());
        } finally {
            malloryStore.close();
        }
    }

    @Test
    void aRequestChangedAfterItWasSignedIsRejected() {
        HandshakeDraft draft = draft();
        HandshakeRequest signed = draft.signedBy(b.identity);
        draft.maxNotificationDelay = 5000;
        HandshakeRequest changed = draft.unsigned().withSignature(signed.signature());

        assertThrows(ChumUnauthenticatedException.class, () -> exporter.handshake(changed));
        assertThrows(ChumUnauthenticatedException.class, () -> exporter.handshake(draft().unsigned().withSignature("not base64!")));
    }

    @Test
    void aHandshakeSignedForAnotherInstancesKeyIsWorthlessHere() {
        // what a relay would bring: bob signed for the key he paired with the person, which is not a's
        HandshakeDraft relayed = draft();
        relayed.exporterKey = b.identity.publicKeyBase64();
        ChumUnauthenticatedException refused = assertThrows(ChumUnauthenticatedException.class,
                () -> exporter.handshake(relayed.signedBy(b.identity)));
        assertTrue(refused.getMessage().contains("meant for another instance"), refused.getMessage());

        HandshakeDraft otherEphemeral = draft();
        otherEphemeral.exporterEphemeralKey = draft().challenge.ephemeralKey();
        assertThrows(ChumUnauthenticatedException.class, () -> exporter.handshake(otherEphemeral.signedBy(b.identity)));
    }

    @Test
    void aChallengeIsAnsweredOnceByTheImporterThatAskedAndBeforeItExpires() {
        HandshakeDraft draft = draft();
        HandshakeRequest signed = draft.signedBy(b.identity);
        exporter.handshake(signed);
        assertThrows(ChumUnauthenticatedException.class, () -> exporter.handshake(signed), "replayed");

        HandshakeDraft stolen = draft();
        HandshakeDraft thief = draft();
        thief.nonce = stolen.challenge.nonce();
        assertThrows(ChumUnauthenticatedException.class, () -> exporter.handshake(thief.signedBy(b.identity)),
                "a nonce handed to another importer");

        HandshakeDraft old = draft();
        clock.advance(Duration.ofSeconds(61));
        assertThrows(ChumUnauthenticatedException.class, () -> exporter.handshake(old.signedBy(b.identity)));
        assertThrows(ChumUnauthenticatedException.class, () -> exporter.handshake(draft().unsigned()), "unsigned");
    }

    @Test
    void onlyTrustedPersonsMayHandshake() {
        a.chums.trustedPeers().remove(pair.bob());

        ChumUnauthenticatedException refused = assertThrows(ChumUnauthenticatedException.class,
                () -> exporter.handshake(draft().signedBy(b.identity)));
        assertTrue(refused.getMessage().contains("not a trusted peer"));
    }

    @Test
    void aHandshakeForAnotherInstanceOrPersonIsRefused() {
        HandshakeDraft otherInstance = draft();
        otherInstance.exporterInstance = "c";
        assertThrows(ChumProtocolException.class, () -> exporter.handshake(otherInstance.signedBy(b.identity)));
        HandshakeDraft otherPerson = draft();
        otherPerson.exporterPerson = pair.bob();
        assertThrows(ChumProtocolException.class, () -> exporter.handshake(otherPerson.signedBy(b.identity)));
    }

    @Test
    void anotherProtocolVersionIsRefusedAndRecordedHere() {
        HandshakeDraft draft = draft();
        assertEquals(ChumSettings.PROTOCOL_VERSION, draft.challenge.protocolVersion());
        draft.protocolVersion = 7;

        ProtocolVersionMismatchException mismatch = assertThrows(ProtocolVersionMismatchException.class,
                () -> exporter.handshake(draft.signedBy(b.identity)));

        assertEquals("CHUM-VERSION1", mismatch.code());
        assertEquals(List.of(mismatch), refusals);
    }

    @Test
    void theTokenExpiresWhenItIsNotUsed() {
        String token = handshake(b.identity, draft -> { }).token();
        clock.advance(Duration.ofSeconds(20));
        exporter.changesAfter(token, 0, 10);
        clock.advance(Duration.ofSeconds(20));
        exporter.changesAfter(token, 0, 10);

        clock.advance(Duration.ofSeconds(31));
        assertThrows(ChumUnauthenticatedException.class, () -> exporter.changesAfter(token, 0, 10));
        assertThrows(ChumUnauthenticatedException.class, () -> exporter.changesAfter(token, 0, 10));
    }

    @Test
    void aTokenOutlivesNoLifetimeAndARenewalContinuesTheSessionWithANewOne() {
        a.grant(a.note("for bob"), List.of(pair.bob()), List.of());
        a.grant(a.note("also for bob"), List.of(pair.bob()), List.of());
        String token = handshake(b.identity, draft -> { }).token();
        ChangePage first = exporter.changesAfter(token, 0, 1);
        for (int i = 0; i < 3; i++) {
            // used within the idle timeout every time: only the lifetime can end it
            clock.advance(Duration.ofSeconds(25));
            exporter.waitForChanges(token, a.store.lastSeq(), 0);
        }
        clock.advance(Duration.ofSeconds(25));
        ChumUnauthenticatedException expired = assertThrows(ChumUnauthenticatedException.class,
                () -> exporter.nextChanges(token, first.nextCursor(), 1));
        assertTrue(expired.getMessage().contains("lifetime"), expired.getMessage());

        String renewed = handshake(b.identity, draft -> draft.renew = true).token();
        // the same session: the listing round goes on where it was
        assertEquals(1, exporter.nextChanges(renewed, first.nextCursor(), 1).entries().size());
        assertThrows(ChumUnauthenticatedException.class, () -> exporter.changesAfter(token, 0, 1));

        String again = handshake(b.identity, draft -> draft.renew = true).token();
        assertThrows(ChumUnauthenticatedException.class, () -> exporter.changesAfter(renewed, 0, 1), "replaced at once");
        exporter.changesAfter(again, 0, 1);
        assertThrows(ChumSessionClosedException.class, () -> handshake(b.identity, draft -> {
            draft.renew = true;
            draft.chumId = "another-chum";
        }));
    }

    @Test
    void revokingAPersonEndsItsSessionsAndVoidsTheirTokensAtOnce() throws Exception {
        String token = handshake(b.identity, draft -> { }).token();
        exporter.revoke(pair.alice(), "not bob");
        exporter.changesAfter(token, 0, 1);
        CompletableFuture<ChangeNotice> waiting = CompletableFuture.supplyAsync(
                () -> exporter.waitForChanges(token, a.store.lastSeq(), 15_000), pair.executor);
        Thread.sleep(50);

        exporter.revoke(pair.bob(), "bob was unpaired");
        ChangeNotice woken = waiting.get(5, TimeUnit.SECONDS);
        assertTrue(woken.closed());
        assertEquals("bob was unpaired", woken.closeReason());
        assertThrows(ChumUnauthenticatedException.class, () -> exporter.changesAfter(token, 0, 1));
    }

    // ---------------------------------------------------------------- what is served

    @Test
    void theListingIsTheAccessibleClosureReferencedContentFirstInPages() {
        String bob = pair.bob();
        String blob = a.blob("attachment");
        String clob = a.clob("body");
        String child = a.note("child", blob, null, List.of());
        StoreResult doc = a.document("doc", 1, blob);
        a.grantId(doc.idHash(), List.of(bob), List.of());
        String parent = a.note("parent", null, clob, List.of(child));
        a.grant(parent, List.of(bob), List.of());
        a.note("private");
        String token = handshake(b.identity, draft -> { }).token();

        List<ClosureEntry> listed = new ArrayList<>();
        ChangePage page = exporter.changesAfter(token, 0, 2);
        List<String> cursors = new ArrayList<>();
        while (true) {
            assertTrue(page.entries().size() <= 2);
            listed.addAll(page.entries());
            if (page.nextCursor() == null) {
                break;
            }
            cursors.add(page.nextCursor());
            page = exporter.nextChanges(token, page.nextCursor(), 2);
        }

        assertEquals(a.access.accessibleClosure(bob), listed);
        // the BLOB both the child and the document reference is listed once
        assertEquals(6, page.total());
        assertEquals(a.store.lastSeq(), page.upToSeq());
        assertReferencedFirst(listed);
        // a cursor belongs to its round
        exporter.changesAfter(token, 0, 2);
        assertThrows(ChumProtocolException.class, () -> exporter.nextChanges(token, cursors.get(0).replace("r1:", "r9:"), 2));
        assertThrows(ChumProtocolException.class, () -> exporter.nextChanges(token, "garbage", 2));
    }

    @Test
    void nothingOutsideTheAccessibleClosureIsSentAndARevocationCountsAtOnce() {
        String bob = pair.bob();
        String blob = a.blob("shared attachment");
        String privateBlob = a.blob("private attachment");
        String shared = a.note("shared", blob, null, List.of());
        String secret = a.note("secret");
        a.grant(shared, List.of(bob), List.of());
        String token = handshake(b.identity, draft -> { }).token();
        ClosureEntry sharedEntry = new ClosureEntry(ReferenceKind.OBJECT, shared);
        ClosureEntry secretEntry = new ClosureEntry(ReferenceKind.OBJECT, secret);

        List<ObjectBody> bodies = exporter.fetchObjects(token, List.of(sharedEntry));
        assertEquals(List.of(new ObjectBody(ReferenceKind.OBJECT, shared, a.store.readMicrodata(shared))), bodies);
        assertThrows(ChumAccessDeniedException.class, () -> exporter.fetchObjects(token, List.of(sharedEntry, secretEntry)));
        assertThrows(ChumAccessDeniedException.class,
                () -> exporter.fetchObjects(token, List.of(new ClosureEntry(ReferenceKind.ID, pair.alice()))));
        List<String> streamed = new ArrayList<>();
        ContentSink sink = (hash, size, content) -> streamed.add(hash);
        assertThrows(ChumAccessDeniedException.class,
                () -> exporter.fetchContent(token, ReferenceKind.BLOB, List.of(blob, privateBlob), sink));
        assertEquals(List.of(), streamed, "a denied request sends nothing");
        exporter.fetchContent(token, ReferenceKind.BLOB, List.of(blob), sink);
        assertEquals(List.of(blob), streamed);

        a.grant(shared, List.of(), List.of());

        assertThrows(ChumAccessDeniedException.class, () -> exporter.fetchObjects(token, List.of(sharedEntry)));
        assertThrows(ChumAccessDeniedException.class, () -> exporter.fetchContent(token, ReferenceKind.BLOB, List.of(blob), sink));
        assertEquals(0, exporter.changesAfter(token, 0, 10).total());
    }

    @Test
    void accessControlObjectsAreNeverListedNorSentEvenWhenGrantedOrReferenced() {
        String bob = pair.bob();
        String groupId = a.group("team", List.of(bob));
        String groupVersion = a.store.head(groupId).orElseThrow().hash();
        String note = a.note("note", null, null, List.of(groupVersion));
        String access = a.grant(note, List.of(bob), List.of());
        a.grant(access, List.of(bob), List.of());
        a.grantId(groupId, List.of(bob), List.of());
        String token = handshake(b.identity, draft -> { }).token();

        List<ClosureEntry> listed = exporter.changesAfter(token, 0, 100).entries();

        assertEquals(List.of(new ClosureEntry(ReferenceKind.OBJECT, note)), listed);
        for (ClosureEntry never : List.of(new ClosureEntry(ReferenceKind.OBJECT, access),
                new ClosureEntry(ReferenceKind.OBJECT, groupVersion), new ClosureEntry(ReferenceKind.ID, groupId))) {
            assertThrows(ChumAccessDeniedException.class, () -> exporter.fetchObjects(token, List.of(never)), never.toString());
        }
    }

    @Test
    void aListingPageLeavesOutWhatWasRevokedAfterTheRoundOpened() {
        String bob = pair.bob();
        String first = a.note("first");
        String second = a.note("second");
        a.grant(first, List.of(bob), List.of());
        a.grant(second, List.of(bob), List.of());
        String token = handshake(b.identity, draft -> { }).token();
        ChangePage page = exporter.changesAfter(token, 0, 1);
        assertEquals(2, page.total());

        a.grant(page.entries().get(0).hash().equals(first) ? second : first, List.of(), List.of());

        assertEquals(List.of(), exporter.nextChanges(token, page.nextCursor(), 1).entries());
    }

    @Test
    void aLongPollAnswersAnAccessibleWriteAndWaitsThroughOthers() throws Exception {
        String token = handshake(b.identity, draft -> { }).token();
        long start = a.store.lastSeq();
        a.note("not for bob");

        ChangeNotice quiet = exporter.waitForChanges(token, start, 100);
        assertFalse(quiet.changed() || quiet.closed());
        assertEquals(a.store.lastSeq(), quiet.upToSeq());
        assertEquals(a.store.lastSeq(), quiet.checkpointSeq());

        CompletableFuture<ChangeNotice> waiting = CompletableFuture.supplyAsync(
                () -> exporter.waitForChanges(token, quiet.upToSeq(), 15_000), pair.executor);
        Thread.sleep(50);
        String granted = a.note("for bob");
        long written = System.nanoTime();
        a.grant(granted, List.of(pair.bob()), List.of());
        ChangeNotice notice = waiting.get(5, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - written);

        assertTrue(notice.changed());
        // well before the poll timeout: the write woke it
        assertTrue(millis < 5000, "answered after " + millis + " ms");
        assertEquals(List.of(new ClosureEntry(ReferenceKind.OBJECT, granted)),
                exporter.changesAfter(token, quiet.upToSeq(), 10).entries());

        CompletableFuture<ChangeNotice> ending = CompletableFuture.supplyAsync(
                () -> exporter.waitForChanges(token, a.store.lastSeq(), 15_000), pair.executor);
        Thread.sleep(50);
        exporter.finish(token, FinishReason.COMPLETE, "done");
        ChangeNotice closed = ending.get(5, TimeUnit.SECONDS);
        assertTrue(closed.closed());
        assertEquals("done", closed.closeReason());
        assertThrows(ChumSessionClosedException.class, () -> exporter.changesAfter(token, 0, 10));
        // finishing an ended session again is harmless (both sides may say so when they stop)
        exporter.finish(token, FinishReason.STOPPED, "again");
    }

    @Test
    void anAsynchronousLongPollHoldsNoThreadWhileItWaits() throws Exception {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
        try {
            String token = handshake(b.identity, draft -> { }).token();
            long start = a.store.lastSeq();
            a.note("not for bob");
            assertThrows(ChumUnauthenticatedException.class, () -> exporter.waitForChangesAsync("x", 0, 0, scheduler));

            ChangeNotice quiet = exporter.waitForChangesAsync(token, start, 100, scheduler).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertFalse(quiet.changed() || quiet.closed());
            assertEquals(a.store.lastSeq(), quiet.upToSeq());

            // twenty polls wait at once on a scheduler with one thread: none of them occupies it
            List<CompletableFuture<ChangeNotice>> waiting = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                waiting.add(exporter.waitForChangesAsync(token, quiet.upToSeq(), 15_000, scheduler).toCompletableFuture());
            }
            Thread.sleep(50);
            a.note("still not for bob");
            Thread.sleep(50);
            assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone), "a write bob may not see answers nothing");
            String granted = a.note("for bob");
            long written = System.nanoTime();
            a.grant(granted, List.of(pair.bob()), List.of());
            for (CompletableFuture<ChangeNotice> poll : waiting) {
                assertTrue(poll.get(5, TimeUnit.SECONDS).changed());
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - written);
            assertTrue(millis < 5000, "answered after " + millis + " ms");

            CompletableFuture<ChangeNotice> ending = exporter.waitForChangesAsync(token, a.store.lastSeq(), 15_000, scheduler)
                    .toCompletableFuture();
            Thread.sleep(50);
            exporter.finish(token, FinishReason.COMPLETE, "done");
            ChangeNotice closed = ending.get(5, TimeUnit.SECONDS);
            assertTrue(closed.closed());
            assertEquals("done", closed.closeReason());
            assertThrows(ChumSessionClosedException.class, () -> exporter.waitForChangesAsync(token, 0, 10, scheduler));
        } finally {
            scheduler.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** An open session: the grant and the token this side derived. */
    private record Opened(HandshakeGrant grant, String token) {
    }

    private HandshakeDraft draft() {
        return HandshakeDraft.against(exporter, "b", pair.bob());
    }

    private Opened handshake(InstanceIdentity who, Consumer<HandshakeDraft> change) {
        HandshakeDraft draft = draft();
        change.accept(draft);
        HandshakeGrant grant = exporter.handshake(draft.signedBy(who));
        return new Opened(grant, draft.token(grant));
    }

    private void assertReferencedFirst(List<ClosureEntry> listing) {
        ObjectReferences references = new ObjectReferences(a.store.registry());
        for (int i = 0; i < listing.size(); i++) {
            ClosureEntry entry = listing.get(i);
            List<ObjectReference> found = switch (entry.kind()) {
                case OBJECT -> references.referencesOf(a.store.readObject(entry.hash()));
                case ID -> references.referencesOfIdObject(a.store.readIdObject(entry.hash()));
                default -> List.of();
            };
            for (ObjectReference reference : found) {
                if (reference.kind() != ReferenceKind.ID) {
                    int at = listing.indexOf(new ClosureEntry(reference.kind(), reference.hash()));
                    assertTrue(at >= 0 && at < i, reference + " of " + entry + " must come first");
                }
            }
        }
    }
}
