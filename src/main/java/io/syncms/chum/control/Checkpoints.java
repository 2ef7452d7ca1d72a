package io.syncms.chum.control;

import io.syncms.platform.control.DurableFile;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.chum.entity.CheckpointKey;
import io.syncms.chum.entity.ChumCheckpoint;
import io.syncms.store.control.ObjectHashes;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The import checkpoints, one file per {@link CheckpointKey} in a directory ({@code chum/checkpoints}
 * in the store directory), named by the SHA-256 of the key's text and replaced crash-safely:
 * <pre>
 * {"localInstance":"a","remoteInstance":"b","localPerson":"…","remotePerson":"…",
 *  "remoteSeq":1234,"remoteStoreEpoch":"…","savedAt":"2026-11-28T03:03:00Z","localQuarantined":0}
 * </pre>
 * A file that cannot be read, or that names another key, counts as no checkpoint: the next Chum
 * lists everything again, which costs time but loses nothing.
 */
public final class Checkpoints {

    private static final Logger LOG = Logger.getLogger(Checkpoints.class.getName());

    private final Path directory;

    public Checkpoints(Path directory) {
        this.directory = directory;
    }

    public static Checkpoints inStoreDirectory(Path storeDirectory) {
        return new Checkpoints(storeDirectory.resolve("chum").resolve("checkpoints"));
    }

    public Optional<ChumCheckpoint> read(CheckpointKey key) {
        Path file = fileOf(key);
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            CheckpointKey stored = new CheckpointKey(object.getString("localInstance"), object.getString("remoteInstance"),
                    object.getString("localPerson"), object.getString("remotePerson"));
            if (!stored.equals(key)) {
                LOG.warning(() -> "Checkpoint file " + file + " is for " + stored + ", not " + key + "; ignored");
                return Optional.empty();
            }
            return Optional.of(new ChumCheckpoint(object.getJsonNumber("remoteSeq").longValueExact(),
                    object.getString("remoteStoreEpoch"), Instant.parse(object.getString("savedAt")),
                    object.containsKey("localQuarantined") ? object.getJsonNumber("localQuarantined").longValueExact() : 0));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Checkpoint file " + file + " cannot be read; the next Chum starts from the beginning", e);
            return Optional.empty();
        }
    }

    /** Replaces the checkpoint of the key; durable when it returns. */
    public void save(CheckpointKey key, ChumCheckpoint checkpoint) {
        String json = JSON.createObjectBuilder()
                .add("localInstance", key.localInstance())
                .add("remoteInstance", key.remoteInstance())
                .add("localPerson", key.localPerson())
                .add("remotePerson", key.remotePerson())
                .add("remoteSeq", checkpoint.remoteSeq())
                .add("remoteStoreEpoch", checkpoint.remoteStoreEpoch())
                .add("savedAt", checkpoint.savedAt().toString())
                .add("localQuarantined", checkpoint.localQuarantined())
                .build().toString();
        try {
            DurableFile.write(fileOf(key), json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path fileOf(CheckpointKey key) {
        return directory.resolve(ObjectHashes.sha256Hex(key.asText().getBytes(StandardCharsets.UTF_8)) + ".json");
    }
}
