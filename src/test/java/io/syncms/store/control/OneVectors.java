package io.syncms.store.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one.core test vectors (read only): system property {@code one.vectors.dir}, else
 * {@code ../shared/one-vectors} next to the project directory.
 */
public final class OneVectors {

    private OneVectors() {}

    static Path directory() {
        String configured = System.getProperty("one.vectors.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path projectDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return projectDir.toAbsolutePath().resolve("../shared/one-vectors").normalize();
    }

    static List<JsonObject> vectors() {
        return read("vectors.json").getJsonArray("vectors").getValuesAs(JsonObject.class);
    }

    public static List<JsonObject> invalidCases() {
        return read("invalid.json").getJsonArray("cases").getValuesAs(JsonObject.class);
    }

    static JsonObject recipes() {
        return read("recipes.json");
    }

    static JsonObject vector(String name) {
        return vectors().stream()
                .filter(vector -> vector.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No vector " + name));
    }

    static Optional<String> optionalString(JsonObject json, String key) {
        JsonValue value = json.get(key);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL
                ? Optional.empty()
                : Optional.of(json.getString(key));
    }

    private static JsonObject read(String file) {
        Path path = directory().resolve(file);
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
                JsonReader json = Json.createReader(reader)) {
            return json.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read test vectors " + path + " (set -Done.vectors.dir)", e);
        }
    }
}
