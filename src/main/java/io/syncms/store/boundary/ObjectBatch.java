package io.syncms.store.boundary;

import io.syncms.platform.boundary.JsonBodies;
import io.syncms.platform.control.StrictUtf8;
import io.syncms.platform.entity.ApiProblem;
import io.syncms.platform.entity.Problem;
import io.syncms.store.control.OneJson;
import io.syncms.store.control.RecipeObjects;
import io.syncms.store.control.RecipeRegistry;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.StoreOutcome;
import io.syncms.store.entity.StoreResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A batch of ONE objects as JSON lines ({@code application/x-ndjson}), stored bottom-up: each line is
 * read, parsed and validated on its own, and up to {@value #CHUNK_LINES} lines are committed in one
 * atomic store call, so an object may reference any object on an earlier line. The answer has one line
 * per non-blank input line, in order: {@code {"line":N,"status":"stored"|"existed","hash","idHash"?}} or
 * {@code {"line":N,"status":"refused","problem":{…}}} (the problem the single call would have answered);
 * a refused line does not stop the others. Results are written as each chunk is committed, so a client
 * streaming a large batch sees them come.
 *
 * <p>Limits: a line is at most {@code maxLineBytes} (it is refused, the batch goes on); the whole body at
 * most {@code maxBytes} and {@code maxLines} lines: past them the answer ends with
 * {@code {"status":"aborted","problem":{…}}} and nothing after that line is read. What was answered
 * before it is stored.
 */
final class ObjectBatch {

    static final int CHUNK_LINES = 10_000;

    /** Where the objects go. */
    interface Target {
        /** Stores the objects in one commit, one outcome each. */
        List<StoreOutcome> storeAll(List<OneObject> objects);

        /** Stores one object on its own (a {@code Recipe}, which also registers the recipe). */
        StoreResult storeOne(OneObject object);

        RecipeRegistry registry();
    }

    record Limits(int maxLineBytes, long maxBytes, int maxLines) {
    }

    private final Target target;
    private final Limits limits;
    private final Function<Throwable, Problem> problems;
    private final OneJson oneJson = new OneJson();

    ObjectBatch(Target target, Limits limits, Function<Throwable, Problem> problems) {
        this.target = target;
        this.limits = limits;
        this.problems = problems;
    }

    /** Reads the body to its end (or a limit) and writes the answer. */
    void run(InputStream body, OutputStream answer) throws IOException {
        LineReader lines = new LineReader(body, limits.maxLineBytes());
        List<Parsed> chunk = new ArrayList<>();
        long bytes = 0;
        int lineNumber = 0;
        int counted = 0;
        byte[] line;
        while ((line = lines.next()) != null) {
            lineNumber++;
            bytes += lines.lastLength() + 1;
            if (bytes > limits.maxBytes() || (!lines.lastWasBlank() && counted >= limits.maxLines())) {
                commit(chunk, answer);
                String detail = bytes > limits.maxBytes()
                        ? "the batch is larger than " + limits.maxBytes() + " bytes (syncms.api.max-batch-bytes); line " + lineNumber + " and what follows were not read"
                        : "the batch has more than " + limits.maxLines() + " lines (syncms.api.max-batch-lines); line " + lineNumber + " and what follows were not read";
                write(answer, Json.createObjectBuilder().add("status", "aborted")
                        .add("problem", Problem.of(ApiProblem.BATCH_TOO_LARGE, detail).toJson()).build());
                return;
            }
            if (lines.lastWasBlank()) {
                continue;
            }
            counted++;
            Parsed parsed = parse(lineNumber, line, lines.lastWasCut());
            if (parsed.object() != null && RecipeObjects.RECIPE_TYPE.equals(parsed.object().type())) {
                commit(chunk, answer);
                write(answer, storeOne(parsed));
                continue;
            }
            chunk.add(parsed);
            if (chunk.size() >= CHUNK_LINES) {
                commit(chunk, answer);
            }
        }
        commit(chunk, answer);
    }

    /** A line: the object it holds, or why it holds none. */
    private record Parsed(int line, OneObject object, Throwable problem) {
    }

    private Parsed parse(int lineNumber, byte[] line, boolean cut) {
        if (cut) {
            return new Parsed(lineNumber, null, new IllegalArgumentException(
                    "the line is longer than " + limits.maxLineBytes() + " bytes (syncms.api.max-json-bytes)"));
        }
        try {
            String text = StrictUtf8.decode(line);
            JsonObject json = JsonBodies.object(text);
            return new Parsed(lineNumber, oneJson.fromJson(json, target.registry()), null);
        } catch (CharacterCodingException e) {
            return new Parsed(lineNumber, null, new IllegalArgumentException("the line is not well-formed UTF-8"));
        } catch (RuntimeException e) {
            return new Parsed(lineNumber, null, e);
        }
    }

    private void commit(List<Parsed> chunk, OutputStream answer) throws IOException {
        if (chunk.isEmpty()) {
            return;
        }
        List<OneObject> objects = new ArrayList<>();
        for (Parsed parsed : chunk) {
            if (parsed.object() != null) {
                objects.add(parsed.object());
            }
        }
        List<StoreOutcome> outcomes = objects.isEmpty() ? List.of() : target.storeAll(objects);
        int next = 0;
        for (Parsed parsed : chunk) {
            if (parsed.object() == null) {
                write(answer, refused(parsed.line(), parsed.problem()));
            } else {
                StoreOutcome outcome = outcomes.get(next++);
                write(answer, outcome.isStored() ? stored(parsed.line(), outcome.result()) : refused(parsed.line(), outcome.problem()));
            }
        }
        chunk.clear();
        answer.flush();
    }

    private JsonObject storeOne(Parsed parsed) {
        try {
            return stored(parsed.line(), target.storeOne(parsed.object()));
        } catch (RuntimeException e) {
            return refused(parsed.line(), e);
        }
    }

    private static JsonObject stored(int line, StoreResult result) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("line", line)
                .add("status", result.created() ? "stored" : "existed").add("hash", result.hash());
        if (result.idHash() != null) {
            json.add("idHash", result.idHash());
        }
        return json.build();
    }

    private JsonObject refused(int line, Throwable problem) {
        return Json.createObjectBuilder().add("line", line).add("status", "refused")
                .add("problem", problems.apply(problem).toJson()).build();
    }

    private static void write(OutputStream answer, JsonObject json) throws IOException {
        answer.write(json.toString().getBytes(StandardCharsets.UTF_8));
        answer.write('\n');
    }

    /**
     * Splits a stream into lines at {@code \n} (a {@code \r} before it is dropped) without ever holding
     * more than {@code maxLineBytes} of one line: the rest of a longer line is skipped and the line
     * marked cut.
     */
    static final class LineReader {

        private final InputStream in;
        private final int maxLineBytes;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;
        private long lastLength;
        private boolean lastWasCut;
        private boolean lastWasBlank;

        LineReader(InputStream in, int maxLineBytes) {
            this.in = in;
            this.maxLineBytes = maxLineBytes;
        }

        /** The next line without its end, or null at the end of the stream. */
        byte[] next() throws IOException {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            long length = 0;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        if (!any) {
                            return null;
                        }
                        break;
                    }
                }
                any = true;
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                int count = position - start;
                length += count;
                if (line.size() < maxLineBytes + 1) {
                    line.write(buffer, start, Math.min(count, maxLineBytes + 1 - line.size()));
                }
                if (position < limit) {
                    position++;
                    break;
                }
            }
            byte[] bytes = line.toByteArray();
            if (bytes.length > 0 && bytes[bytes.length - 1] == '\r' && length <= maxLineBytes + 1) {
                bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
                length--;
            }
            lastLength = length;
            lastWasCut = length > maxLineBytes;
            lastWasBlank = !lastWasCut && isBlank(bytes);
            return bytes;
        }

        long lastLength() {
            return lastLength;
        }

        boolean lastWasCut() {
            return lastWasCut;
        }

        boolean lastWasBlank() {
            return lastWasBlank;
        }

        private static boolean isBlank(byte[] bytes) {
            for (byte b : bytes) {
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }
}
