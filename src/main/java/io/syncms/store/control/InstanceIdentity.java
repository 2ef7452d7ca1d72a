package io.syncms.store.control;

import io.syncms.store.entity.OneObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * Who this instance is: its name, its owner ({@code Person{email}}, stored in the object store) and
 * the owner's Ed25519 key pair, created on first start and kept in the store directory
 * ({@code identity/owner.key} PKCS#8, {@code identity/owner.pub} X.509; owner-only permissions
 * where the file system has them), so a restart has the same key.
 */
public final class InstanceIdentity {

    private static final String ALGORITHM = "Ed25519";
    /** The X.509 SubjectPublicKeyInfo of an Ed25519 key up to the 32 raw key bytes (RFC 8410). */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int RAW_KEY_LENGTH = 32;
    private static final Object CREATION_LOCK = new Object();

    private final String instanceName;
    private final String ownerEmail;
    private final String ownerIdHash;
    private final KeyPair keys;

    private InstanceIdentity(String instanceName, String ownerEmail, String ownerIdHash, KeyPair keys) {
        this.instanceName = instanceName;
        this.ownerEmail = ownerEmail;
        this.ownerIdHash = ownerIdHash;
        this.keys = keys;
    }

    /**
     * Loads the identity of the open store, creating what is missing: the owner's Person object
     * (unless the person already has a version, which is kept) and the key pair.
     */
    public static InstanceIdentity load(ObjectStore store, String instanceName, String ownerEmail) {
        requireText(instanceName, "instance name");
        requireText(ownerEmail, "owner email");
        OneObject owner = OneObject.builder("Person").put("email", ownerEmail).build();
        String ownerIdHash = new ObjectHashes(store.registry()).idHashOf(owner);
        if (store.head(ownerIdHash).isEmpty()) {
            store.storeObject(owner);
        }
        try {
            return new InstanceIdentity(instanceName, ownerEmail, ownerIdHash,
                    loadOrCreateKeys(store.directory().resolve("identity")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The instance key pair cannot be read or made", e);
        }
    }

    public String instanceName() {
        return instanceName;
    }

    public String ownerEmail() {
        return ownerEmail;
    }

    /** The ID hash of the owner's {@code Person}. */
    public String ownerIdHash() {
        return ownerIdHash;
    }

    /** The 32 bytes of the owner's Ed25519 public key. */
    public byte[] publicKey() {
        byte[] encoded = keys.getPublic().getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - RAW_KEY_LENGTH, encoded.length);
    }

    /** {@link #publicKey()} in standard Base64. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey());
    }

    /** An Ed25519 signature (64 bytes) of the data with the owner's key. */
    public byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * Whether the signature was made over the data with the key whose raw 32 bytes are given in
     * Base64; false also when the key or the signature is malformed.
     */
    public static boolean verify(String publicKeyBase64, byte[] data, byte[] signature) {
        try {
            byte[] raw = Base64.getDecoder().decode(publicKeyBase64);
            if (raw.length != RAW_KEY_LENGTH) {
                return false;
            }
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKeyOf(raw));
            verifier.update(data);
            return verifier.verify(signature);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private static PublicKey publicKeyOf(byte[] raw) throws GeneralSecurityException {
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, raw.length);
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
    }

    private static KeyPair loadOrCreateKeys(Path directory) throws IOException, GeneralSecurityException {
        Path privateFile = directory.resolve("owner.key");
        Path publicFile = directory.resolve("owner.pub");
        synchronized (CREATION_LOCK) {
            // the private key is written last: if it exists, the pair is complete
            if (Files.exists(privateFile)) {
                if (!Files.exists(publicFile)) {
                    throw new IllegalStateException(publicFile + " is missing next to " + privateFile);
                }
                KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
                KeyPair keys = new KeyPair(
                        factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile))),
                        factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile))));
                requireMatching(keys);
                return keys;
            }
            createPrivateDirectory(directory);
            KeyPair keys = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            writeOwnerOnly(publicFile, keys.getPublic().getEncoded());
            writeOwnerOnly(privateFile, keys.getPrivate().getEncoded());
            syncDirectory(directory);
            return keys;
        }
    }

    private static void requireMatching(KeyPair keys) throws GeneralSecurityException {
        byte[] probe = "syncms key pair check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(ALGORITHM);
        signer.initSign(keys.getPrivate());
        signer.update(probe);
        Signature verifier = Signature.getInstance(ALGORITHM);
        verifier.initVerify(keys.getPublic());
        verifier.update(probe);
        if (!verifier.verify(signer.sign())) {
            throw new IllegalStateException("owner.pub does not belong to owner.key");
        }
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (posix(directory.getParent())) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        FileAttribute<?>[] ownerOnly = posix(file.getParent())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly)) {
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean posix(Path directory) throws IOException {
        return Files.getFileStore(directory).supportsFileAttributeView("posix");
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not possible on every platform; the keys are written and forced themselves
        }
    }

    private static void requireText(String value, String what) {
        if (Objects.requireNonNull(value, what).isBlank()) {
            throw new IllegalArgumentException("The " + what + " must not be blank");
        }
    }
}
