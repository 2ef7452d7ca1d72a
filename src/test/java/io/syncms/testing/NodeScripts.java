package io.syncms.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs Node.js programs for the tests (the browser tests, the JavaScript players) and collects their output. */
public final class NodeScripts {

    private NodeScripts() {
    }

    /** What a program printed (stdout and stderr together) and how it ended; -1 if it was stopped. */
    public record Run(int exit, String output) {
    }

    /**
     * {@code node} with what a WebSocket client needs: Node 22 and later have the WebSocket global, Node 20
     * only behind {@code --experimental-websocket}.
     */
    public static List<String> nodeWithWebSocket() throws IOException, InterruptedException {
        Run version = run(Path.of("."), List.of("node", "--version"), 30);
        String text = version.output().strip();
        int major = text.startsWith("v") ? Integer.parseInt(text.substring(1, text.indexOf('.'))) : 0;
        return major >= 22 ? List.of("node") : List.of("node", "--experimental-websocket");
    }

    public static Run run(Path directory, List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile()).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e.getMessage() + ")";
            }
        });
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return new Run(-1, "timed out after " + timeoutSeconds + " s: " + output.getNow(""));
        }
        return new Run(process.exitValue(), output.join());
    }
}
