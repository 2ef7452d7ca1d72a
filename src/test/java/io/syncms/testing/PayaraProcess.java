package io.syncms.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Payara Micro process with the module's WAR deployed at context root /, in the test cluster. It is
 * ready when the application answers its readiness check, not when Payara logs "ready" (which it also
 * does when the deployment failed). Output goes to {@code target/it-work/<name>.log}.
 */
public final class PayaraProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);
    /** The environment variable of the instance's API token. */
    public static final String API_TOKEN_VARIABLE = "SYNCMS_API_TOKEN";

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private PayaraProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts an instance; {@code systemProperties} are extra {@code -Dkey=value} JVM options. */
    public static PayaraProcess start(String name, List<String> systemProperties) throws IOException {
        return start(name, systemProperties, Map.of());
    }

    /**
     * Starts an instance with extra JVM options and environment variables. Unless they set them, the
     * instance is named {@code name} ({@code syncms.instance.name}), keeps its object store in
     * {@code target/it-work/store-<name>} ({@code syncms.store.dir}), never in the user's home, accepts the
     * run's API token ({@value #API_TOKEN_VARIABLE}) and listens on loopback only.
     */
    public static PayaraProcess start(String name, List<String> systemProperties, Map<String, String> environment)
            throws IOException {
        return start(name, systemProperties, environment, ItEnvironment.war());
    }

    /** As {@link #start(String, List, Map)}, deploying another WAR (e.g. the module with test probes). */
    public static PayaraProcess start(String name, List<String> systemProperties, Map<String, String> environment, Path war)
            throws IOException {
        int port = freePort();
        Path work = ItEnvironment.workDir();
        Path log = work.resolve(name + ".log");
        Path tmp = Files.createDirectories(work.resolve("tmp-" + name));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Djava.io.tmpdir=" + tmp);
        if (!sets(systemProperties, environment, "syncms.instance.name") && !sets(systemProperties, environment, "one.instance.name")) {
            command.add("-Dsyncms.instance.name=" + name);
        }
        if (!sets(systemProperties, environment, "syncms.store.dir") && !sets(systemProperties, environment, "one.store.dir")) {
            command.add("-Dsyncms.store.dir=" + work.resolve("store-" + name));
        }
        if (!sets(systemProperties, Map.of(), "syncms.bind.address")) {
            command.addAll(ItEnvironment.loopbackOptions());
        }
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", ItEnvironment.payaraJar().toString(),
                "--prebootcommandfile", ItEnvironment.configDir().resolve("pre-boot-commands.asadmin").toString(),
                "--deploy", war.toString(), "--contextroot", "/",
                "--port", Integer.toString(port), "--name", name,
                "--postbootcommandfile", ItEnvironment.configDir().resolve("post-boot-commands.asadmin").toString(),
                "--logproperties", ItEnvironment.configDir().resolve("logging.properties").toString(),
                "--disablephonehome"));
        command.addAll(ItEnvironment.clusterOptions());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the run's token unless the test says otherwise (an empty value: none, so the instance generates one)
        builder.environment().put(API_TOKEN_VARIABLE, ItEnvironment.apiToken());
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new PayaraProcess(name, port, process, log);
    }

    /** Waits until the module answers; fails with the tail of the log if the process dies or takes too long. */
    public PayaraProcess awaitReady() throws IOException, InterruptedException {
        // HTTP/1.1 (no h2c upgrade) and a hard deadline per attempt: a connection accepted while the server
        // boots may never be read, and the client's own request timeout did not end such a wait.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        String lastAnswer = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            CompletableFuture<HttpResponse<String>> answer = client.sendAsync(ready, HttpResponse.BodyHandlers.ofString());
            try {
                HttpResponse<String> response = answer.get(6, TimeUnit.SECONDS);
                if (response.statusCode() == 200 && response.body().contains("\"syncms\"")) {
                    return this;
                }
                lastAnswer = response.statusCode() + " " + response.body();
            } catch (ExecutionException notYet) {
                lastAnswer = notYet.getCause().toString();
            } catch (TimeoutException stuck) {
                answer.cancel(true);
                lastAnswer = "no answer within 6 s";
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " not ready after " + STARTUP_TIMEOUT + " (last answer to " + ready.uri() + ": "
                + lastAnswer + "):\n" + logTail());
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the process like a crash: SIGKILL, no shutdown hooks. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** Whether a -D option or the MicroProfile environment variable (syncms.store.dir: SYNCMS_STORE_DIR) sets the property. */
    private static boolean sets(List<String> systemProperties, Map<String, String> environment, String property) {
        return systemProperties.stream().anyMatch(option -> option.startsWith("-D" + property + "="))
                || environment.containsKey(property.replace('.', '_').toUpperCase(Locale.ROOT));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
