package io.syncms.chum.boundary;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.syncms.chum.control.ContentFrames;
import io.syncms.chum.entity.ChumProtocolException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A man in the middle between an importer and another instance's Chum protocol: passes every request
 * on, but changes the microdata of the objects and a byte of the BLOBs and CLOBs it is told to
 * tamper with, keeping lengths and framing intact, as a broken or hostile network would. It also
 * keeps the bearer tokens it sees.
 */
final class TamperingProxy implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String target;
    private final Set<String> tampered;
    final List<String> tokens = new CopyOnWriteArrayList<>();

    TamperingProxy(String target, Set<String> tampered) throws IOException {
        this.target = target;
        this.tampered = tampered;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                tokens.add(authorization.substring("Bearer ".length()));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            for (String header : List.of("Authorization", "Content-Type", "Accept")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            String path = exchange.getRequestURI().getPath();
            if (response.statusCode() == 200 && path.endsWith("/chum-protocol/objects")) {
                body = tamperObjects(body);
            } else if (response.statusCode() == 200 && path.endsWith("/chum-protocol/content")) {
                body = tamperContent(body);
            }
            response.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            response.headers().firstValue("WWW-Authenticate").ifPresent(value -> exchange.getResponseHeaders().add("WWW-Authenticate", value));
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] tamperObjects(byte[] body) {
        JsonObject answer = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
        JsonArrayBuilder objects = Json.createArrayBuilder();
        for (JsonObject object : answer.getJsonArray("objects").getValuesAs(JsonObject.class)) {
            if (tampered.contains(object.getString("hash"))) {
                String microdata = object.getString("microdata");
                // an ordinary-looking edit: same structure, other text
                objects.add(Json.createObjectBuilder(object).add("microdata", microdata.replace("note", "nose")));
            } else {
                objects.add(object);
            }
        }
        return Json.createObjectBuilder().add("objects", objects).build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] tamperContent(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ContentFrames.Writer writer = new ContentFrames.Writer(out);
            ContentFrames.read(new ByteArrayInputStream(body), (hash, size, content) -> {
                byte[] bytes = content.readAllBytes();
                if (tampered.contains(hash) && bytes.length > 0) {
                    bytes[bytes.length / 2] ^= 0x01;
                }
                writer.accept(hash, bytes.length, new ByteArrayInputStream(bytes));
            }, (code, message) -> new ChumProtocolException(message), Long.MAX_VALUE);
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
