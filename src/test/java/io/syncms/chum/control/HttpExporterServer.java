package io.syncms.chum.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.syncms.chum.boundary.ChumProblems;
import io.syncms.chum.control.ChumWire.ChangesRequest;
import io.syncms.chum.control.ChumWire.ContentRequest;
import io.syncms.chum.control.ChumWire.FinishRequest;
import io.syncms.chum.control.ChumWire.NextRequest;
import io.syncms.chum.control.ChumWire.WaitRequest;
import io.syncms.chum.entity.ChangeNotice;
import io.syncms.chum.entity.ChumException;
import io.syncms.platform.entity.Problem;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The Chum protocol resource without a container, for unit tests of the HTTP transport: the JDK's
 * HTTP server maps {@code /api/chum-protocol/<operation>} to a {@link ChumExporter} the way
 * {@code ChumProtocolResource} does, with the same wire format and the same problem translation.
 */
final class HttpExporterServer implements AutoCloseable {

    static {
        // without it the JDK's server sends headers and body in separate segments and Nagle's
        // algorithm meets the client's delayed ACK: 40 ms per request
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final ChumProblems problems = new ChumProblems();
    private volatile ChumExporter exporter;
    private final java.util.Map<String, com.sun.net.httpserver.HttpHandler> overrides = new java.util.concurrent.ConcurrentHashMap<>();

    HttpExporterServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext(HttpChumConnector.PROTOCOL_PATH, this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void serve(ChumExporter served) {
        this.exporter = served;
    }

    /** Answers the operation with the handler instead of the exporter: a hostile or broken peer. */
    void override(String operation, com.sun.net.httpserver.HttpHandler handler) {
        overrides.put(operation, handler);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String operation = exchange.getRequestURI().getPath().substring(HttpChumConnector.PROTOCOL_PATH.length());
            if (overrides.containsKey(operation)) {
                overrides.get(operation).handle(exchange);
                return;
            }
            String token = ChumWire.bearerToken(exchange.getRequestHeaders().getFirst("Authorization"));
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                JsonObject body = ChumWire.parse(text.isEmpty() ? "{}" : text);
                dispatch(exchange, operation, token, body);
            } catch (ChumException | IllegalArgumentException e) {
                Problem problem = e instanceof ChumException ? problems.translate(e)
                        : Problem.of(400, "invalid-request", "Invalid request", e.getMessage());
                problem.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                send(exchange, problem.status(), Problem.MEDIA_TYPE, problem.toJson());
            }
        }
    }

    private void dispatch(HttpExchange exchange, String operation, String token, JsonObject body) throws IOException {
        switch (operation) {
            case "challenge" -> json(exchange, ChumWire.challenge(exporter.challenge(ChumWire.challengeRequest(body),
                    exchange.getRemoteAddress().getAddress().getHostAddress())));
            case "handshake" -> json(exchange, ChumWire.grant(exporter.handshake(ChumWire.handshakeRequest(body),
                    io.syncms.platform.entity.TraceParent.parse(exchange.getRequestHeaders().getFirst("traceparent")).orElse(null))));
            case "changes" -> {
                ChangesRequest request = ChumWire.changesRequest(body);
                json(exchange, ChumWire.page(exporter.changesAfter(token, request.afterSeq(), request.limit())));
            }
            case "changes/next" -> {
                NextRequest request = ChumWire.nextRequest(body);
                json(exchange, ChumWire.page(exporter.nextChanges(token, request.cursor(), request.limit())));
            }
            case "objects" -> json(exchange, ChumWire.objects(exporter.fetchObjects(token, ChumWire.objectsRequest(body))));
            case "content" -> content(exchange, token, ChumWire.contentRequest(body));
            case "wait" -> {
                // the resource's way: no thread waits in the exporter (this handler thread does, the JDK server is blocking)
                WaitRequest request = ChumWire.waitRequest(body);
                ChangeNotice notice;
                try {
                    notice = exporter.waitForChangesAsync(token, request.afterSeq(), request.timeoutMillis(), scheduler)
                            .toCompletableFuture().join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException cause ? cause : e;
                }
                json(exchange, ChumWire.notice(notice));
            }
            case "finish" -> {
                FinishRequest request = ChumWire.finishRequest(body);
                exporter.finish(token, request.reason(), request.message());
                exchange.sendResponseHeaders(204, -1);
            }
            default -> send(exchange, 404, Problem.MEDIA_TYPE, Problem.ofStatus(404, "Not Found", operation).toJson());
        }
    }

    private void content(HttpExchange exchange, String token, ContentRequest request) throws IOException {
        exporter.checkContent(token, request.kind(), request.hashes());
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            ContentFrames.Writer writer = new ContentFrames.Writer(out);
            try {
                exporter.fetchContent(token, request.kind(), request.hashes(), writer);
            } catch (ChumException e) {
                writer.fail(e.code(), e.getMessage());
                return;
            }
            writer.end();
        }
    }

    private static void json(HttpExchange exchange, JsonObject body) throws IOException {
        send(exchange, 200, "application/json", body);
    }

    private static void send(HttpExchange exchange, int status, String type, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        scheduler.shutdownNow();
    }
}
