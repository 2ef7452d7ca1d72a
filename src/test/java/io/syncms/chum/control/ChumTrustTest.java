package io.syncms.chum.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.chum.entity.ChangePage;
import io.syncms.chum.entity.Challenge;
import io.syncms.chum.entity.ChumError;
import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.ChumState;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.chum.entity.HandshakeGrant;
import io.syncms.chum.entity.HandshakeRequest;
import io.syncms.chum.entity.ObjectBody;
import io.syncms.chum.entity.PairingConflictException;
import io.syncms.chum.entity.TrustedPeer;
import io.syncms.store.control.InstanceIdentity;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.control.StoreFixtures;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreOptions;
import io.syncms.store.entity.StoreResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile network or a hostile paired peer can do to a Chum, and what it cannot: take over a
 * pairing, relay a handshake, keep serving an unpaired person, or change local access control.
 */
class ChumTrustTest {

    @TempDir
    Path root;

    private ChumPair pair;
    private ChumNode a;
    private ChumNode b;
    private ObjectStore malloryStore;
    private InstanceIdentity mallory;

    @BeforeEach
    void pairUp() {
        pair = new ChumPair(root);
        a = pair.a;
        b = pair.b;
        malloryStore = new ObjectStore(root.resolve("mallory"), ChumNode.registry(), StoreOptions.defaults().withFsync(false)).open();
        mallory = InstanceIdentity.load(malloryStore, "m", "mallory@example.com");
    }

    @AfterEach
    void close() throws InterruptedException {
        pair.close();
        malloryStore.close();
    }

    // ---------------------------------------------------------------- pairing

    @Test
    void pairingNeverReplacesSilentlyAndReplacingIsItsOwnCall() {
        TrustedPeer bob = a.chums.trustedPeers().find(pair.bob()).orElseThrow();
        assertFalse(a.chums.pair(bob), "the same pairing again changes nothing");
        PairingConflictException otherKey = assertThrows(PairingConflictException.class,
                () -> a.chums.pair(new TrustedPeer(pair.bob(), mallory.publicKeyBase64(), bob.url())));
        assertEquals("CHUM-PAIRED1", otherKey.code());
        assertTrue(otherKey.getMessage().contains("another key"), otherKey.getMessage());
        assertTrue(assertThrows(PairingConflictException.class, () -> a.chums.pair(new TrustedPeer(pair.bob(), bob.publicKey(),
                "mem://elsewhere"))).getMessage().contains("another URL"));
        assertEquals(bob, a.chums.trustedPeers().find(pair.bob()).orElseThrow(), "unchanged");

        TrustedPeer moved = new TrustedPeer(pair.bob(), bob.publicKey(), "mem://moved");
        assertEquals(bob, a.chums.replacePairing(moved).orElseThrow());
        assertEquals(moved, a.chums.trustedPeers().find(pair.bob()).orElseThrow());
        assertTrue(a.chums.pair(new TrustedPeer(mallory.ownerIdHash(), mallory.publicKeyBase64(), "mem://m")));
    }

    @Test
    void aChumDialsOnlyThePairedUrlOfAPairedPerson() {
        assertThrows(IllegalArgumentException.class, () -> a.chums.start(a.optionsTo(b, "free url", false, 20)
                .withRemoteUrl("http://10.0.0.1:22")));
        assertThrows(IllegalArgumentException.class, () -> a.chums.start(new io.syncms.chum.entity.ChumOptions(null,
                pair.alice(), mallory.ownerIdHash(), "unpaired", "a", "m", false, 20)));
        ChumSession paired = a.chums.start(a.optionsTo(b, "paired url", false, 20).withRemoteUrl(null));
        assertEquals(b.url, paired.options().remoteUrl());
    }

    // ---------------------------------------------------------------- mutual authentication

    @Test
    void aChumTowardsAnInstanceWhoseKeyIsNotThePairedOneFailsBeforeAnythingMoves() throws Exception {
        b.grant(b.note("for alice"), List.of(pair.alice()), List.of());
        a.chums.replacePairing(new TrustedPeer(pair.bob(), mallory.publicKeyBase64(), b.url));
        var aBefore = a.content();

        ChumStatus status = a.chums.start(a.optionsTo(b, "wrong key", false, 20)).ended().toCompletableFuture()
                .get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals(ChumState.FAILED, status.state());
        assertEquals("CHUM-AUTH1", status.errors().get(0).code());
        assertTrue(status.errors().get(0).message().contains("not the key paired with person " + pair.bob()),
                status.errors().get(0).message());
        assertEquals(aBefore, a.content());
        assertTrue(b.chums.statuses().isEmpty(), "b never got a handshake");
    }

    /**
     * Mallory has a's trust under bob's person ID (a mistaken pairing) and sits between a and b. She can
     * sign a challenge a accepts, but a's handshake names her key, so b refuses it; and the grant would
     * carry no token for her anyway.
     */
    @Test
    void aRelayedHandshakeIsWorthlessAtTheInstanceItIsRelayedTo() throws Exception {
        String note = b.note("for alice");
        b.grant(note, List.of(pair.alice()), List.of());
        a.chums.replacePairing(new TrustedPeer(pair.bob(), mallory.publicKeyBase64(), "mem://relay"));
        List<HandshakeRequest> relayed = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        ChumPeer toB = new InMemoryChumPeer(b.chums.exporter());
        pair.network.register("mem://relay", new ForwardingPeer(toB) {
            @Override
            public Challenge challenge(String importerNonce) {
                Challenge real = super.challenge(importerNonce);
                // re-signed with mallory's key, so a (which paired that key) accepts it
                byte[] signed = Challenge.signedBytes(importerNonce, real.nonce(), real.protocolVersion(), real.instanceName(),
                        real.personId(), mallory.publicKeyBase64(), real.ephemeralKey(), real.expiresAt());
                return new Challenge(real.nonce(), real.protocolVersion(), real.instanceName(), real.personId(),
                        mallory.publicKeyBase64(), real.ephemeralKey(), real.expiresAt(),
                        Base64.getEncoder().encodeToString(mallory.sign(signed)));
            }

            @Override
            public HandshakeGrant handshake(HandshakeRequest request) {
                relayed.add(request);
                try {
                    return super.handshake(request);
                } catch (RuntimeException e) {
                    refusals.add(e.getMessage());
                    throw e;
                }
            }
        });

        ChumStatus status = a.chums.start(a.optionsTo(b, "relayed", false, 20).withRemoteUrl(null)).ended()
                .toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals(ChumState.FAILED, status.state());
        assertEquals(1, relayed.size());
        assertEquals(mallory.publicKeyBase64(), relayed.get(0).exporterKey(), "a signed for the key it paired");
        assertTrue(refusals.get(0).contains("meant for another instance"), refusals.toString());
        assertFalse(a.has(ReferenceKind.OBJECT, note));
        assertTrue(b.chums.statuses().isEmpty());
    }

    // ---------------------------------------------------------------- unpairing and token lifetime

    @Test
    void unpairingEndsARunningKeepRunningChumOnBothSidesAtOnce() throws Exception {
        ChumSession ofA = a.chums.start(a.optionsTo(b, "unpaired", true, 20));
        ChumSession ofB = ChumPair.sessionAt(b, ofA.id());
        ofA.fullSync().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ofB.fullSync().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);

        long started = System.nanoTime();
        assertTrue(a.chums.unpair(pair.bob()));
        ChumStatus endedAtA = ofA.ended().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ChumStatus endedAtB = ofB.ended().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertEquals(ChumState.FAILED, endedAtA.state());
        ChumError reason = endedAtA.errors().stream().filter(e -> e.code().equals("CHUM-UNPAIRED1")).findFirst().orElseThrow();
        assertEquals("CHUM-UNPAIRED1: person " + pair.bob() + " was unpaired at instance a", reason.message());
        assertTrue(Set.of(ChumState.FAILED, ChumState.STOPPED).contains(endedAtB.state()), endedAtB.toString());
        // both long polls were woken: far below the 20 s poll timeout of these tests
        assertTrue(millis < 5000, "ended after " + millis + " ms");
        assertFalse(a.chums.unpair(pair.bob()));

        String late = a.note("written after the unpairing");
        a.grant(late, List.of(pair.bob()), List.of());
        HandshakeDraft draft = HandshakeDraft.against(a.chums.exporter(), "b", pair.bob());
        assertThrows(io.syncms.chum.entity.ChumUnauthenticatedException.class,
                () -> a.chums.exporter().handshake(draft.signedBy(b.identity)), "bob can no longer handshake");
    }

    @Test
    void replacingAPairingEndsTheChumsOfTheOldOne() throws Exception {
        ChumSession ofA = a.chums.start(a.optionsTo(b, "replaced", true, 20));
        ofA.fullSync().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        TrustedPeer bob = a.chums.trustedPeers().find(pair.bob()).orElseThrow();

        a.chums.replacePairing(bob);
        assertFalse(ofA.ended().toCompletableFuture().isDone(), "the same pairing again ends nothing");
        a.chums.replacePairing(new TrustedPeer(pair.bob(), mallory.publicKeyBase64(), bob.url()));

        ChumStatus ended = ofA.ended().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals(ChumState.FAILED, ended.state());
        assertTrue(ended.errors().stream().anyMatch(e -> e.message().contains("pairing of person " + pair.bob() + " was replaced")));
    }

    @Test
    void aLongKeepRunningChumRenewsItsTokenAndCarriesOn() throws Exception {
        pair.close();
        ChumSettings shortLived = ChumPair.SETTINGS.withTokenLifetime(Duration.ofMillis(400));
        pair = new ChumPair(root.resolve("short"), shortLived, shortLived);
        a = pair.a;
        b = pair.b;
        AtomicInteger renewals = new AtomicInteger();
        pair.network.register(b.url, new ForwardingPeer(new InMemoryChumPeer(b.chums.exporter())) {
            @Override
            public HandshakeGrant handshake(HandshakeRequest request) {
                if (request.renew()) {
                    renewals.incrementAndGet();
                }
                return super.handshake(request);
            }
        });
        ChumSession ofA = a.chums.start(a.optionsTo(b, "long", true, 20));
        ChumSession ofB = ChumPair.sessionAt(b, ofA.id());
        ofA.fullSync().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);

        List<String> notes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread.sleep(350);
            String note = b.note("later " + i);
            b.grant(note, List.of(pair.alice()), List.of());
            notes.add(note);
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> notes.stream().allMatch(note -> a.has(ReferenceKind.OBJECT, note)));

        assertTrue(renewals.get() >= 2, "renewed " + renewals.get() + " times");
        assertEquals(ChumState.RUNNING, ofA.status().state());
        assertEquals(List.of(), ofA.status().errors());
        assertEquals(List.of(), ofB.status().errors());
        ofA.stop().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------- access control stays local

    /**
     * A paired peer that lists and serves, besides what it may, a Group named like a's own group (so
     * the same ID), an Access and a Person: a refuses all three, and who may see what at a is unchanged.
     */
    @Test
    void accessControlObjectsFromAPeerAreRefusedAndChangeNothingHere() throws Exception {
        String team = a.group("team", List.of(pair.alice()));
        String secret = a.note("for the team");
        a.grant(secret, List.of(), List.of(team));
        String shared = b.note("shared");
        b.grant(shared, List.of(pair.alice()), List.of());
        malloryStore.storeObject(StoreFixtures.note("for the team"));
        StoreResult forgedGroup = malloryStore.storeObject(StoreFixtures.group("team", List.of(pair.alice(), pair.bob())));
        String forgedAccess = malloryStore.storeObject(StoreFixtures.access(secret, List.of(pair.bob()), List.of())).hash();
        String forgedPerson = malloryStore.storeObject(StoreFixtures.person("bob@evil.example")).hash();
        assertEquals(team, forgedGroup.idHash(), "the forged group has the local group's ID");
        List<ClosureEntry> forged = List.of(new ClosureEntry(ReferenceKind.ID, forgedGroup.idHash()),
                new ClosureEntry(ReferenceKind.OBJECT, forgedGroup.hash()), new ClosureEntry(ReferenceKind.OBJECT, forgedAccess),
                new ClosureEntry(ReferenceKind.OBJECT, forgedPerson));
        pair.network.register(b.url, new ForwardingPeer(new InMemoryChumPeer(b.chums.exporter())) {
            @Override
            public ChangePage changesAfter(String token, long afterSeq, int limit) {
                ChangePage page = super.changesAfter(token, afterSeq, limit);
                List<ClosureEntry> entries = new ArrayList<>(forged);
                entries.addAll(page.entries());
                return new ChangePage(page.upToSeq(), page.checkpointSeq(), page.total() + forged.size(), entries, page.nextCursor());
            }

            @Override
            public List<ObjectBody> fetchObjects(String token, List<ClosureEntry> entries) {
                List<ObjectBody> bodies = new ArrayList<>();
                List<ClosureEntry> genuine = new ArrayList<>();
                for (ClosureEntry entry : entries) {
                    if (forged.contains(entry)) {
                        bodies.add(new ObjectBody(entry.kind(), entry.hash(), entry.kind() == ReferenceKind.ID
                                ? malloryStore.readIdMicrodata(entry.hash()) : malloryStore.readMicrodata(entry.hash())));
                    } else {
                        genuine.add(entry);
                    }
                }
                if (!genuine.isEmpty()) {
                    bodies.addAll(super.fetchObjects(token, genuine));
                }
                return bodies;
            }
        });
        String teamHead = a.store.head(team).orElseThrow().hash();

        ChumStatus status = pair.chum(a, b, "forged").get(0);

        assertTrue(a.has(ReferenceKind.OBJECT, shared), "what b may share still arrives");
        // the group's ID object is a's own (same name, same ID): a has it and fetches nothing for it
        for (ClosureEntry entry : forged.subList(1, forged.size())) {
            assertFalse(a.has(entry.kind(), entry.hash()), entry + " must not be stored");
            assertTrue(status.errors().stream().anyMatch(e -> "CHUM-LOCAL1".equals(e.code()) && entry.hash().equals(e.hash())),
                    entry + " refused: " + status.errors());
        }
        assertEquals(teamHead, a.store.head(team).orElseThrow().hash(), "the local group keeps its head");
        assertEquals(Set.of(), a.access.groupsOf(pair.bob()));
        assertFalse(a.access.mayAccess(pair.bob(), ReferenceKind.OBJECT, secret));
        assertTrue(a.access.accessibleRoots(pair.bob()).objects().isEmpty());
    }
}
