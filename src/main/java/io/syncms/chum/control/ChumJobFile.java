package io.syncms.chum.control;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.chum.entity.ChumOptions;
import io.syncms.chum.entity.ChumRun;
import io.syncms.chum.entity.ChumState;
import io.syncms.platform.control.DurableFile;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Chum jobs of a store directory, in {@code chum/jobs.json}, replaced crash-safely on every change:
 * {@code {"jobs":[{"id","createdAt","options":{…},"repeatEveryMs"?,"history":[…]},…]}}.
 */
final class ChumJobFile {

    /** What the file keeps of a job; {@code every}: the interval of a repeated one-shot Chum, null for a keepRunning one. */
    record Entry(String id, Instant createdAt, ChumOptions options, Duration every, List<ChumRun> history) {
    }

    private final Path file;

    ChumJobFile(Path file) {
        this.file = file;
    }

    static ChumJobFile inStoreDirectory(Path storeDirectory) {
        return new ChumJobFile(storeDirectory.resolve("chum").resolve("jobs.json"));
    }

    /** The jobs in the file; none if there is no file. A damaged file is an error, never "no jobs". */
    List<Entry> load() {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            List<Entry> entries = new ArrayList<>();
            for (JsonValue value : reader.readObject().getJsonArray("jobs")) {
                JsonObject job = value.asJsonObject();
                List<ChumRun> history = new ArrayList<>();
                for (JsonValue run : job.getJsonArray("history")) {
                    history.add(run(run.asJsonObject()));
                }
                Duration every = job.containsKey("repeatEveryMs") ? Duration.ofMillis(job.getJsonNumber("repeatEveryMs").longValue()) : null;
                entries.add(new Entry(job.getString("id"), Instant.parse(job.getString("createdAt")),
                        options(job.getJsonObject("options")), every, history));
            }
            return entries;
        } catch (RuntimeException e) {
            throw new IllegalStateException("The Chum jobs file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    void save(List<Entry> entries) {
        JsonArrayBuilder jobs = JSON.createArrayBuilder();
        for (Entry entry : entries) {
            JsonArrayBuilder history = JSON.createArrayBuilder();
            entry.history().forEach(run -> history.add(json(run)));
            JsonObjectBuilder job = JSON.createObjectBuilder().add("id", entry.id()).add("createdAt", entry.createdAt().toString())
                    .add("options", json(entry.options())).add("history", history);
            if (entry.every() != null) {
                job.add("repeatEveryMs", entry.every().toMillis());
            }
            jobs.add(job);
        }
        try {
            DurableFile.write(file, JSON.createObjectBuilder().add("jobs", jobs).build().toString()
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("The Chum jobs file " + file + " could not be written", e);
        }
    }

    private static JsonObject json(ChumOptions options) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("localPersonId", options.localPersonId())
                .add("remotePersonId", options.remotePersonId()).add("chumName", options.chumName())
                .add("localInstanceName", options.localInstanceName()).add("remoteInstanceName", options.remoteInstanceName())
                .add("keepRunning", options.keepRunning()).add("maxNotificationDelay", options.maxNotificationDelay());
        if (options.remoteUrl() != null) {
            json.add("remoteUrl", options.remoteUrl());
        }
        return json.build();
    }

    private static ChumOptions options(JsonObject json) {
        return new ChumOptions(json.getString("remoteUrl", null), json.getString("localPersonId"),
                json.getString("remotePersonId"), json.getString("chumName"), json.getString("localInstanceName"),
                json.getString("remoteInstanceName"), json.getBoolean("keepRunning"),
                json.getJsonNumber("maxNotificationDelay").longValue());
    }

    private static JsonObject json(ChumRun run) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("state", run.state().name()).add("fullSync", run.fullSync())
                .add("startedAt", run.startedAt().toString()).add("endedAt", run.endedAt().toString());
        if (run.error() != null) {
            json.add("error", run.error());
        }
        return json.build();
    }

    private static ChumRun run(JsonObject json) {
        return new ChumRun(ChumState.valueOf(json.getString("state")), json.getBoolean("fullSync"), json.getString("error", null),
                Instant.parse(json.getString("startedAt")), Instant.parse(json.getString("endedAt")));
    }
}
