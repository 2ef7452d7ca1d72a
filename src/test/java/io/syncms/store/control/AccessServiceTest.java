package io.syncms.store.control;

import io.syncms.store.entity.AccessRoots;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.ObjectReference;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreResult;
import io.syncms.store.entity.Version;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.syncms.store.control.StoreFixtures.DOCUMENT;
import static io.syncms.store.control.StoreFixtures.NOTE;
import static io.syncms.store.control.StoreFixtures.access;
import static io.syncms.store.control.StoreFixtures.document;
import static io.syncms.store.control.StoreFixtures.group;
import static io.syncms.store.control.StoreFixtures.idAccess;
import static io.syncms.store.control.StoreFixtures.note;
import static io.syncms.store.control.StoreFixtures.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessServiceTest {

    @TempDir
    Path directory;

    private final ObjectHashes hashes = new ObjectHashes(StoreFixtures.registry());
    private final String alice = hashes.idHashOf(person("alice@example.com"));
    private final String bob = hashes.idHashOf(person("bob@example.com"));
    private final String carol = hashes.idHashOf(person("carol@remote.example"));
    private ObjectStore store;
    private AccessService access;

    @BeforeEach
    void open() {
        store = StoreFixtures.open(directory);
        store.storeObject(person("alice@example.com"));
        store.storeObject(person("bob@example.com"));
        access = new AccessService(store);
    }

    @AfterEach
    void close() {
        access.close();
        store.close();
    }

    @Test
    void accessGrantsOneObjectToThePersonsItNames() {
        String shared = store.storeObject(note("for alice")).hash();
        String other = store.storeObject(note("for nobody")).hash();

        store.storeObject(access(shared, List.of(alice), List.of()));

        assertEquals(new AccessRoots(Set.of(shared), Set.of()), access.accessibleRoots(alice));
        assertTrue(access.accessibleRoots(bob).isEmpty());
        assertTrue(access.mayAccess(alice, ReferenceKind.OBJECT, shared));
        assertFalse(access.mayAccess(alice, ReferenceKind.OBJECT, other));
        assertFalse(access.mayAccess(bob, ReferenceKind.OBJECT, shared));
    }

    @Test
    void idAccessGrantsEveryVersionIncludingLaterOnes() {
        StoreResult v1 = store.storeObject(document("roadmap", 1));
        StoreResult v2 = store.storeObject(document("roadmap", 2));
        store.storeObject(idAccess(v1.idHash(), List.of(bob), List.of()));

        assertEquals(new AccessRoots(Set.of(), Set.of(v1.idHash())), access.accessibleRoots(bob));
        assertEquals(List.of(new ClosureEntry(ReferenceKind.ID, v1.idHash()),
                new ClosureEntry(ReferenceKind.OBJECT, v1.hash()),
                new ClosureEntry(ReferenceKind.OBJECT, v2.hash())), access.accessibleClosure(bob));
        assertTrue(access.mayAccess(bob, ReferenceKind.ID, v1.idHash()));
        assertTrue(access.mayAccess(bob, ReferenceKind.OBJECT, v1.hash()));

        StoreResult v3 = store.storeObject(document("roadmap", 3));

        assertTrue(access.mayAccess(bob, ReferenceKind.OBJECT, v3.hash()));
        assertFalse(access.mayAccess(alice, ReferenceKind.OBJECT, v3.hash()));
        // version nodes are not reachable by reference
        Version head = store.head(v1.idHash()).orElseThrow();
        assertFalse(access.mayAccess(bob, ReferenceKind.OBJECT, head.nodeHash()));
    }

    @Test
    void groupsGrantToTheirMembersAndANewGroupVersionRevokes() {
        String shared = store.storeObject(note("team note")).hash();
        StoreResult team = store.storeObject(group("team", List.of(alice, bob)));
        store.storeObject(access(shared, List.of(), List.of(team.idHash())));

        assertEquals(Set.of(shared), access.accessibleRoots(alice).objects());
        assertEquals(Set.of(shared), access.accessibleRoots(bob).objects());
        assertTrue(access.mayAccess(bob, ReferenceKind.OBJECT, shared));

        store.storeObject(group("team", List.of(alice)));

        assertEquals(Set.of(shared), access.accessibleRoots(alice).objects());
        assertTrue(access.accessibleRoots(bob).isEmpty());
        assertFalse(access.mayAccess(bob, ReferenceKind.OBJECT, shared));
        assertTrue(access.mayAccess(alice, ReferenceKind.OBJECT, shared));
    }

    @Test
    void aNewAccessVersionWithFewerPersonsRevokes() {
        String shared = store.storeObject(note("shared")).hash();
        store.storeObject(access(shared, List.of(alice, bob), List.of()));
        assertTrue(access.mayAccess(alice, ReferenceKind.OBJECT, shared));

        store.storeObject(access(shared, List.of(bob), List.of()));

        assertFalse(access.mayAccess(alice, ReferenceKind.OBJECT, shared));
        assertTrue(access.accessibleRoots(alice).isEmpty());
        assertTrue(access.mayAccess(bob, ReferenceKind.OBJECT, shared));

        // storing the old version again does not move the head: still revoked
        store.storeObject(access(shared, List.of(alice, bob), List.of()));
        assertFalse(access.mayAccess(alice, ReferenceKind.OBJECT, shared));
    }

    @Test
    void closurePutsReferencedContentFirstAndHasEveryKindOnce() {
        String blob = store.storeBlob(new ByteArrayInputStream(new byte[] {1, 2, 3})).hash();
        String clob = store.storeClob("body text").hash();
        String child = store.storeObject(OneObject.builder(NOTE).put("text", "child").put("attachment", blob).build()).hash();
        StoreResult doc = store.storeObject(OneObject.builder(DOCUMENT).put("title", "report").put("revision", 1)
                .put("body", clob).put("parts", List.of(child)).build());
        String root = store.storeObject(OneObject.builder(NOTE).put("text", "root").put("attachment", blob)
                .put("children", List.of(child)).put("about", doc.idHash()).build()).hash();

        List<ClosureEntry> closure = access.closure(ReferenceKind.OBJECT, root);

        assertEquals(List.of(
                new ClosureEntry(ReferenceKind.BLOB, blob),
                new ClosureEntry(ReferenceKind.OBJECT, child),
                new ClosureEntry(ReferenceKind.ID, doc.idHash()),
                new ClosureEntry(ReferenceKind.CLOB, clob),
                new ClosureEntry(ReferenceKind.OBJECT, doc.hash()),
                new ClosureEntry(ReferenceKind.OBJECT, root)), closure);
        assertReferencedFirst(closure);
    }

    @Test
    void closureOfAnIdFollowsTheReferencesOfEveryVersion() {
        String blob1 = store.storeBlob(new ByteArrayInputStream(new byte[] {1})).hash();
        String blob2 = store.storeBlob(new ByteArrayInputStream(new byte[] {2})).hash();
        StoreResult v1 = store.storeObject(OneObject.builder(DOCUMENT).put("title", "t").put("revision", 1).put("attachment", blob1).build());
        StoreResult v2 = store.storeObject(OneObject.builder(DOCUMENT).put("title", "t").put("revision", 2).put("attachment", blob2).build());
        String team = store.storeObject(group("team", List.of(alice, carol))).idHash();
        String grant = store.storeObject(access(v2.hash(), List.of(), List.of(team))).hash();

        assertEquals(List.of(
                new ClosureEntry(ReferenceKind.ID, v1.idHash()),
                new ClosureEntry(ReferenceKind.BLOB, blob1),
                new ClosureEntry(ReferenceKind.OBJECT, v1.hash()),
                new ClosureEntry(ReferenceKind.BLOB, blob2),
                new ClosureEntry(ReferenceKind.OBJECT, v2.hash())), access.closure(ReferenceKind.ID, v1.idHash()));

        // Access, IdAccess, Group and Person objects never travel: not they, nor what only they reference
        assertEquals(List.of(), access.closure(ReferenceKind.OBJECT, grant));
        assertEquals(List.of(), access.closure(ReferenceKind.ID, team));
        assertEquals(List.of(), access.closure(ReferenceKind.ID, alice));
        String folder = store.storeObject(OneObject.builder(NOTE).put("text", "folder")
                .put("children", List.of(grant, v2.hash())).build()).hash();
        assertEquals(List.of(new ClosureEntry(ReferenceKind.BLOB, blob2), new ClosureEntry(ReferenceKind.OBJECT, v2.hash()),
                new ClosureEntry(ReferenceKind.OBJECT, folder)), access.closure(ReferenceKind.OBJECT, folder));
        assertThrows(IllegalArgumentException.class, () -> access.closure(ReferenceKind.BLOB, blob1));
    }

    @Test
    void aGrantedIdThatArrivesLaterBecomesAccessible() {
        OneObject remoteDoc = document("from carol", 1);
        String remoteId = hashes.idHashOf(remoteDoc);
        store.storeObject(idAccess(remoteId, List.of(alice), List.of()));
        assertEquals(Set.of(remoteId), access.accessibleRoots(alice).idHashes());
        assertTrue(access.accessibleClosure(alice).isEmpty());

        String arrived = store.storeObject(remoteDoc).hash();

        assertTrue(access.mayAccess(alice, ReferenceKind.OBJECT, arrived));
        assertTrue(access.mayAccess(alice, ReferenceKind.ID, remoteId));
    }

    @Test
    void accessIsRebuiltFromTheStoreWhenTheServiceStarts() {
        String shared = store.storeObject(note("persisted grant")).hash();
        String team = store.storeObject(group("readers", List.of(bob))).idHash();
        store.storeObject(access(shared, List.of(), List.of(team)));
        StoreResult doc = store.storeObject(document("d", 1));
        store.storeObject(idAccess(doc.idHash(), List.of(alice), List.of()));
        store.storeObject(idAccess(doc.idHash(), List.of(), List.of()));
        access.close();
        store.close();

        store = StoreFixtures.open(directory);
        access = new AccessService(store);

        assertEquals(new AccessRoots(Set.of(shared), Set.of()), access.accessibleRoots(bob));
        assertTrue(access.accessibleRoots(alice).isEmpty());
        assertTrue(access.mayAccess(bob, ReferenceKind.OBJECT, shared));
        assertFalse(access.mayAccess(alice, ReferenceKind.OBJECT, doc.hash()));
    }

    @Test
    void rootsThroughGivenGroupsIgnoreCurrentMembershipAndGroupsOfListsMemberships() {
        String direct = store.storeObject(note("direct")).hash();
        String viaTeam = store.storeObject(note("via team")).hash();
        String viaClub = store.storeObject(note("via club")).hash();
        String team = store.storeObject(group("team", List.of(alice))).idHash();
        String club = store.storeObject(group("club", List.of(bob))).idHash();
        store.storeObject(access(direct, List.of(alice), List.of()));
        store.storeObject(access(viaTeam, List.of(), List.of(team)));
        store.storeObject(access(viaClub, List.of(), List.of(club)));

        assertEquals(Set.of(team), access.groupsOf(alice));
        assertEquals(Set.of(club), access.groupsOf(bob));
        assertEquals(Set.of(direct), access.accessibleRoots(alice, Set.of()).objects());
        assertEquals(Set.of(direct, viaClub), access.accessibleRoots(alice, Set.of(club)).objects());
        assertEquals(access.accessibleRoots(alice), access.accessibleRoots(alice, access.groupsOf(alice)));
    }

    @Test
    void closureOfSeveralRootsHasEachEntryOnceReferencedFirst() {
        String blob = store.storeBlob(new ByteArrayInputStream(new byte[] {9})).hash();
        String child = store.storeObject(OneObject.builder(NOTE).put("text", "child").put("attachment", blob).build()).hash();
        String first = store.storeObject(OneObject.builder(NOTE).put("text", "first").put("children", List.of(child)).build()).hash();
        StoreResult doc = store.storeObject(OneObject.builder(DOCUMENT).put("title", "d").put("revision", 1)
                .put("attachment", blob).build());

        List<ClosureEntry> closure = access.closure(List.of(new ClosureEntry(ReferenceKind.OBJECT, first),
                new ClosureEntry(ReferenceKind.ID, doc.idHash())));

        assertEquals(List.of(
                new ClosureEntry(ReferenceKind.BLOB, blob),
                new ClosureEntry(ReferenceKind.OBJECT, child),
                new ClosureEntry(ReferenceKind.OBJECT, first),
                new ClosureEntry(ReferenceKind.ID, doc.idHash()),
                new ClosureEntry(ReferenceKind.OBJECT, doc.hash())), closure);
        assertThrows(IllegalArgumentException.class,
                () -> access.closure(List.of(new ClosureEntry(ReferenceKind.CLOB, blob))));
    }

    /** Every reference of an entry that is in the closure comes before the entry. */
    private void assertReferencedFirst(List<ClosureEntry> closure) {
        ObjectReferences references = new ObjectReferences(store.registry());
        for (int i = 0; i < closure.size(); i++) {
            ClosureEntry entry = closure.get(i);
            List<ObjectReference> found = switch (entry.kind()) {
                case OBJECT -> references.referencesOf(store.readObject(entry.hash()));
                case ID -> references.referencesOfIdObject(store.readIdObject(entry.hash()));
                default -> List.of();
            };
            for (ObjectReference reference : found) {
                if (reference.kind() == ReferenceKind.ID) {
                    continue;
                }
                int at = closure.indexOf(new ClosureEntry(reference.kind(), reference.hash()));
                assertTrue(at >= 0 && at < i, reference + " of " + entry + " must come first");
            }
        }
    }
}
