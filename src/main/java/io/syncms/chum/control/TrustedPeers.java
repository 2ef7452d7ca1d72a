package io.syncms.chum.control;

import io.syncms.platform.control.DurableFile;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.chum.entity.PairingConflictException;
import io.syncms.chum.entity.TrustedPeer;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The owners of other instances this instance Chums with (the pairing step), by person ID hash.
 * Kept in one JSON file, {@code chum/peers.json} in the store directory, replaced crash-safely on
 * every change: {@code {"peers":[{"personId":"…","publicKey":"<base64>","url":"…","instanceName":"…"},…]}}
 * ({@code instanceName} only if the pairing gave it).
 */
public final class TrustedPeers {

    private final Path file;
    private final Map<String, TrustedPeer> peers = new TreeMap<>();

    /** Loads the registry of a file (none yet: empty). */
    public TrustedPeers(Path file) {
        this.file = file;
        load();
    }

    /** The registry in {@code chum/peers.json} of a store directory. */
    public static TrustedPeers inStoreDirectory(Path storeDirectory) {
        return new TrustedPeers(storeDirectory.resolve("chum").resolve("peers.json"));
    }

    /**
     * Adds a peer that is not paired yet; pairing it again with the same key and URL changes nothing.
     *
     * @return true if it was added, false if it was paired so already
     * @throws PairingConflictException if the person is paired with another key, URL or instance name
     */
    public synchronized boolean pair(TrustedPeer peer) {
        TrustedPeer known = peers.get(peer.personId());
        if (known == null) {
            register(peer);
            return true;
        }
        if (!known.equals(peer)) {
            throw new PairingConflictException("Person " + peer.personId() + " is paired already, with another "
                    + (!known.publicKey().equals(peer.publicKey()) ? "key" : !known.url().equals(peer.url()) ? "URL" : "instance name")
                    + "; replacing a pairing is its own call"
                    + " (PUT /api/peers/" + peer.personId() + ")");
        }
        return false;
    }

    /** Adds a peer, or replaces the one with the same person ID; durable when it returns. Returns the replaced entry. */
    public synchronized Optional<TrustedPeer> replace(TrustedPeer peer) {
        Optional<TrustedPeer> previous = Optional.ofNullable(peers.get(peer.personId()));
        register(peer);
        return previous;
    }

    /** Adds a peer, or replaces the one with the same person ID; durable when it returns. */
    public synchronized TrustedPeer register(TrustedPeer peer) {
        TrustedPeer previous = peers.put(peer.personId(), peer);
        try {
            save();
        } catch (IOException e) {
            restore(peer.personId(), previous);
            throw new UncheckedIOException(e);
        }
        return peer;
    }

    /** Removes a peer; false if it was not registered. */
    public synchronized boolean remove(String personId) {
        TrustedPeer previous = peers.remove(personId);
        if (previous == null) {
            return false;
        }
        try {
            save();
        } catch (IOException e) {
            peers.put(personId, previous);
            throw new UncheckedIOException(e);
        }
        return true;
    }

    public synchronized Optional<TrustedPeer> find(String personId) {
        return Optional.ofNullable(peers.get(personId));
    }

    /** All peers, by person ID. */
    public synchronized List<TrustedPeer> list() {
        return List.copyOf(peers.values());
    }

    private void restore(String personId, TrustedPeer previous) {
        if (previous == null) {
            peers.remove(personId);
        } else {
            peers.put(personId, previous);
        }
    }

    private void save() throws IOException {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (TrustedPeer peer : peers.values()) {
            JsonObjectBuilder entry = JSON.createObjectBuilder()
                    .add("personId", peer.personId())
                    .add("publicKey", peer.publicKey())
                    .add("url", peer.url());
            if (peer.instanceName() != null) {
                entry.add("instanceName", peer.instanceName());
            }
            array.add(entry);
        }
        String json = JSON.createObjectBuilder().add("peers", array).build().toString();
        DurableFile.write(file, json.getBytes(StandardCharsets.UTF_8));
    }

    private void load() {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a damaged registry is an error, not an empty one: it would silently drop every pairing
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            List<TrustedPeer> loaded = new ArrayList<>();
            for (JsonValue value : reader.readObject().getJsonArray("peers")) {
                JsonObject peer = value.asJsonObject();
                loaded.add(new TrustedPeer(peer.getString("personId"), peer.getString("publicKey"), peer.getString("url"),
                        peer.getString("instanceName", null)));
            }
            loaded.forEach(peer -> peers.put(peer.personId(), peer));
        } catch (RuntimeException e) {
            throw new IllegalStateException("The trusted peers file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
