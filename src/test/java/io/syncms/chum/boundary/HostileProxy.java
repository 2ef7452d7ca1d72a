package io.syncms.chum.boundary;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A man in the middle in front of an instance's Chum protocol, for the tests of what a hostile paired
 * peer or network can do: every call is passed on unchanged, unless a handler is set for its operation
 * ({@code challenge}, {@code handshake}, {@code changes}, {@code objects}, …), which may change the
 * request, the answer, or answer by itself.
 */
final class HostileProxy implements AutoCloseable {

    /** An answer: status, media type and body, or a body written as a stream (then {@code body} is null). */
    record Answer(int status, String mediaType, byte[] body, StreamWriter stream) {

        static Answer of(int status, String mediaType, byte[] body) {
            return new Answer(status, mediaType, body, null);
        }

        static Answer streamed(String mediaType, StreamWriter stream) {
            return new Answer(200, mediaType, null, stream);
        }
    }

    interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Sends a request body to the instance behind the proxy. */
    interface Forwarder {
        Answer forward(byte[] request) throws IOException, InterruptedException;
    }

    interface Handler {
        Answer handle(byte[] request, Forwarder target) throws IOException, InterruptedException;
    }

    private static final String PROTOCOL = "/api/chum-protocol/";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String target;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

    HostileProxy(String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    HostileProxy on(String operation, Handler handler) {
        handlers.put(operation, handler);
        return this;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String operation = path.startsWith(PROTOCOL) ? path.substring(PROTOCOL.length()) : path;
            byte[] request = exchange.getRequestBody().readAllBytes();
            Forwarder forwarder = body -> forward(exchange, body);
            Handler handler = handlers.get(operation);
            Answer answer = handler == null ? forwarder.forward(request) : handler.handle(request, forwarder);
            if (answer.mediaType() != null) {
                exchange.getResponseHeaders().add("Content-Type", answer.mediaType());
            }
            if (answer.stream() != null) {
                exchange.sendResponseHeaders(answer.status(), 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    answer.stream().write(out);
                } catch (IOException hungUp) {
                    // the client stopped reading: what a bounded client does
                }
                return;
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : List.of("Authorization", "Content-Type", "Accept")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers().firstValue("WWW-Authenticate").ifPresent(value -> exchange.getResponseHeaders().add("WWW-Authenticate", value));
        return Answer.of(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
