package io.syncms.testing;

import io.syncms.platform.control.Jsonp;

import jakarta.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * A real one.core instance in a Node.js process ({@code one-core-peer.mjs}), for the live interop tests.
 * They run only when {@code ONE_CORE_DIR} names a built one.core (a directory with {@code lib/} and
 * {@code node_modules/ws}); CI has none. The script's stderr goes to {@code one-core.log} in its directory.
 */
public final class OneCorePeer implements AutoCloseable {

    public static final String DIRECTORY_VARIABLE = "ONE_CORE_DIR";

    private final Process node;
    private final BufferedReader lines;
    private final Writer input;
    private final Path directory;

    private OneCorePeer(Process node, Path directory) {
        this.node = node;
        this.directory = directory;
        this.lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        this.input = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts one.core with a fresh storage in the directory. */
    public static OneCorePeer start(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path script = directory.resolve("one-core-peer.mjs");
        try (InputStream in = OneCorePeer.class.getResourceAsStream("/io/syncms/onechum/one-core-peer.mjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Process node = new ProcessBuilder("node", script.toString(), System.getenv(DIRECTORY_VARIABLE),
                directory.resolve("storage").toString()).redirectError(directory.resolve("one-core.log").toFile()).start();
        return new OneCorePeer(node, directory);
    }

    /** Sends the one line of instructions (whom to grant and Chum with, where to dial). */
    public void send(JsonObject request) throws IOException {
        input.write(request + "\n");
        input.flush();
    }

    /** Waits for the next message that has the member and returns that member's value. */
    public JsonObject read(String member) throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            try (var reader = Jsonp.JSON.createReader(new StringReader(line))) {
                JsonObject message = reader.readObject();
                if (message.containsKey(member)) {
                    return message.get(member) instanceof JsonObject object ? object
                            : Jsonp.JSON.createObjectBuilder().add(member, message.get(member)).build();
                }
            }
        }
        throw new IOException("one.core ended before it said " + member + "; see " + directory.resolve("one-core.log"));
    }

    @Override
    public void close() throws InterruptedException {
        node.destroy();
        if (!node.waitFor(10, TimeUnit.SECONDS)) {
            node.destroyForcibly();
        }
    }
}
