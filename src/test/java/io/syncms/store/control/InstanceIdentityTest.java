package io.syncms.store.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static io.syncms.store.control.StoreFixtures.person;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceIdentityTest {

    @TempDir
    Path directory;

    private final byte[] message = "sync me".getBytes(StandardCharsets.UTF_8);

    @Test
    void theOwnerIsStoredAndTheKeyIsTheSameAfterARestart() {
        String publicKey;
        byte[] signature;
        try (ObjectStore store = StoreFixtures.open(directory)) {
            InstanceIdentity identity = InstanceIdentity.load(store, "laptop", "owner@example.com");
            assertEquals("laptop", identity.instanceName());
            assertEquals("owner@example.com", identity.ownerEmail());
            assertEquals(new ObjectHashes(store.registry()).idHashOf(person("owner@example.com")), identity.ownerIdHash());
            assertEquals(person("owner@example.com"), store.readObject(store.head(identity.ownerIdHash()).orElseThrow().hash()));
            publicKey = identity.publicKeyBase64();
            signature = identity.sign(message);
        }
        try (ObjectStore store = StoreFixtures.open(directory)) {
            long seq = store.lastSeq();
            InstanceIdentity again = InstanceIdentity.load(store, "laptop", "owner@example.com");
            assertEquals(publicKey, again.publicKeyBase64());
            assertArrayEquals(signature, again.sign(message));
            assertEquals(seq, store.lastSeq());
        }
    }

    @Test
    void signaturesVerifyWithTheRawPublicKeyOnly() {
        try (ObjectStore store = StoreFixtures.open(directory)) {
            InstanceIdentity identity = InstanceIdentity.load(store, "desktop", "me@example.com");
            byte[] signature = identity.sign(message);

            assertEquals(32, identity.publicKey().length);
            assertEquals(64, signature.length);
            assertTrue(InstanceIdentity.verify(identity.publicKeyBase64(), message, signature));
            assertFalse(InstanceIdentity.verify(identity.publicKeyBase64(), "sync you".getBytes(StandardCharsets.UTF_8), signature));
            signature[10] ^= 1;
            assertFalse(InstanceIdentity.verify(identity.publicKeyBase64(), message, signature));
            assertFalse(InstanceIdentity.verify("not base64!", message, signature));
            assertFalse(InstanceIdentity.verify(Base64.getEncoder().encodeToString(new byte[31]), message, signature));
        }
    }

    @Test
    void anotherStoreHasAnotherKeyAndAnExistingOwnerVersionIsKept() throws IOException {
        Path other = Files.createDirectory(directory.resolve("other"));
        try (ObjectStore first = StoreFixtures.open(directory.resolve("first"));
             ObjectStore second = StoreFixtures.open(other)) {
            String named = second.storeObject(person("me@example.com", "Me Myself")).hash();
            InstanceIdentity a = InstanceIdentity.load(first, "a", "me@example.com");
            InstanceIdentity b = InstanceIdentity.load(second, "b", "me@example.com");

            assertNotEquals(a.publicKeyBase64(), b.publicKeyBase64());
            assertEquals(a.ownerIdHash(), b.ownerIdHash());
            assertEquals(named, second.head(b.ownerIdHash()).orElseThrow().hash());
            assertFalse(InstanceIdentity.verify(b.publicKeyBase64(), message, a.sign(message)));
        }
    }

    @Test
    void keyFilesAreOwnerOnly() throws IOException {
        try (ObjectStore store = StoreFixtures.open(directory)) {
            InstanceIdentity.load(store, "laptop", "owner@example.com");
        }
        Path key = directory.resolve("identity").resolve("owner.key");
        assertTrue(Files.size(key) > 32);
        if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
        }
    }

    @Test
    void blankNamesAreRejected() {
        try (ObjectStore store = StoreFixtures.open(directory)) {
            assertThrows(IllegalArgumentException.class, () -> InstanceIdentity.load(store, " ", "a@example.com"));
            assertThrows(IllegalArgumentException.class, () -> InstanceIdentity.load(store, "x", ""));
            assertEquals(0, store.lastSeq());
        }
    }
}
