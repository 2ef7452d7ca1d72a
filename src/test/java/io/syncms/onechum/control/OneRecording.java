package io.syncms.onechum.control;

import io.syncms.platform.control.Jsonp;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The recording of a Chum between two real one.core instances (read only): system property
 * {@code one.chum.dir}, else {@code ../shared/one-chum} next to the project directory.
 */
final class OneRecording {

    /** One line of {@code transcript.jsonl}. */
    record Line(int seq, String dir, String frame, JsonObject json, JsonObject raw) {

        boolean fromA() {
            return "A->B".equals(dir);
        }

        boolean text() {
            return "text".equals(frame);
        }
    }

    private OneRecording() {
    }

    static Path directory() {
        String configured = System.getProperty("one.chum.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path projectDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return projectDir.toAbsolutePath().resolve("../shared/one-chum").normalize();
    }

    static List<Line> transcript() {
        try {
            return Files.readAllLines(directory().resolve("transcript.jsonl")).stream()
                    .filter(line -> !line.isBlank())
                    .map(OneRecording::line)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Line line(String text) {
        try (var reader = Jsonp.JSON.createReader(new StringReader(text))) {
            JsonObject raw = reader.readObject();
            return new Line(raw.getInt("seq"), raw.getString("dir"), raw.getString("frame"),
                    raw.containsKey("json") ? raw.getJsonObject("json") : null, raw);
        }
    }
}
