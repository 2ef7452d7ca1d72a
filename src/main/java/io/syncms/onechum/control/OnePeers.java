package io.syncms.onechum.control;

import io.syncms.onechum.entity.OnePeer;
import io.syncms.platform.control.DurableFile;
import io.syncms.platform.control.JsonBinding;

import jakarta.json.bind.Jsonb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The ONE peers allowed to connect, kept in {@code chum/one-peers.json} of the store directory and
 * replaced crash-safely on every change. A credential ({@code one1.} and 32 random bytes, base64url)
 * is shown once, at registration; only its SHA-256 is kept, and a presented credential is compared
 * by its hash, so the file gives no one a way in.
 */
public final class OnePeers {

    public static final String CREDENTIAL_PREFIX = "one1.";
    private static final int CREDENTIAL_BYTES = 32;

    /** A new registration and its credential, which is not kept. */
    public record Registered(OnePeer peer, String credential) {
    }

    /** The file's content. */
    public record Registrations(List<OnePeer> peers) {
    }

    private final Path file;
    private final Jsonb json;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, OnePeer> byId = new TreeMap<>();

    public OnePeers(Path file, Jsonb json) {
        this.file = file;
        this.json = json;
        load();
    }

    public static OnePeers inStoreDirectory(Path storeDirectory) {
        return new OnePeers(storeDirectory.resolve("chum").resolve("one-peers.json"), JsonBinding.JSONB);
    }

    public synchronized Registered register(String remotePersonId, String localPersonId, String chumName,
                                            String localInstanceName, String remoteInstanceName, boolean keepRunning) {
        byte[] secret = new byte[CREDENTIAL_BYTES];
        random.nextBytes(secret);
        String credential = CREDENTIAL_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        OnePeer peer = new OnePeer(UUID.randomUUID().toString(), remotePersonId, localPersonId, chumName,
                localInstanceName, remoteInstanceName, keepRunning, sha256(credential), Instant.now());
        byId.put(peer.id(), peer);
        save();
        return new Registered(peer, credential);
    }

    /** The peer a presented credential belongs to; empty for anything else, in time independent of the match. */
    public synchronized Optional<OnePeer> authenticate(String credential) {
        if (credential == null || !credential.startsWith(CREDENTIAL_PREFIX) || credential.length() > 100) {
            return Optional.empty();
        }
        byte[] presented = HexFormat.of().parseHex(sha256(credential));
        OnePeer found = null;
        for (OnePeer peer : byId.values()) {
            if (MessageDigest.isEqual(presented, HexFormat.of().parseHex(peer.credentialSha256()))) {
                found = peer;
            }
        }
        return Optional.ofNullable(found);
    }

    public synchronized List<OnePeer> list() {
        return List.copyOf(byId.values());
    }

    public synchronized Optional<OnePeer> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** @return whether there was such a registration */
    public synchronized boolean remove(String id) {
        boolean removed = byId.remove(id) != null;
        if (removed) {
            save();
        }
        return removed;
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            Registrations stored = json.fromJson(Files.readString(file), Registrations.class);
            stored.peers().forEach(peer -> byId.put(peer.id(), peer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void save() {
        try {
            DurableFile.write(file, json.toJson(new Registrations(new ArrayList<>(byId.values())))
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
