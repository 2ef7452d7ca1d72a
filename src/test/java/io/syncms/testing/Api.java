package io.syncms.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.concurrent.TimeUnit;

/**
 * A small REST client for one instance of the module, speaking JSON. Every request it sends, also
 * through {@link #client()}, carries {@code Authorization: Bearer <token>} unless it sets its own
 * header: the test run's API token by default ({@link ItEnvironment#apiToken()}), another token or
 * none ({@link #anonymous}).
 */
public final class Api implements AutoCloseable {

    private final Client client;
    private final String baseUrl;
    private final boolean checked;

    /** A client with the test run's API token. */
    public Api(String baseUrl) {
        this(baseUrl, ItEnvironment.apiToken());
    }

    /** A client that presents {@code token} (null: no credential). */
    public Api(String baseUrl, String token) {
        this(baseUrl, token, true);
    }

    /**
     * A client that presents {@code token} (null: no credential); {@code checked}: every answer is held to the
     * instance's contract ({@link ApiContract}). Only tests that send what no client should send turn that off.
     */
    public Api(String baseUrl, String token, boolean checked) {
        this.checked = checked;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        ClientBuilder builder = ClientBuilder.newBuilder().connectTimeout(5, TimeUnit.SECONDS).readTimeout(120, TimeUnit.SECONDS);
        if (token != null) {
            builder.register((ClientRequestFilter) request -> {
                if (!request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
                    request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                }
            });
        }
        this.client = builder.build();
    }

    /** A client without a credential. */
    public static Api anonymous(String baseUrl) {
        return new Api(baseUrl, null);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Client client() {
        return client;
    }

    /** A reply: its status, media type and body text. */
    public record Reply(int status, String mediaType, String body, String location) {

        public JsonObject json() {
            return read().asJsonObject();
        }

        public JsonArray array() {
            return read().asJsonArray();
        }

        private JsonStructure read() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        /** Asserts an RFC 9457 problem with {@code expectedStatus} and returns it. */
        public JsonObject problem(int expectedStatus) {
            assertEquals(expectedStatus, status, () -> "status of " + body);
            assertEquals("application/problem+json", mediaType, () -> "media type of " + body);
            JsonObject problem = json();
            assertEquals(expectedStatus, problem.getInt("status"));
            problem.getString("type");
            problem.getString("title");
            return problem;
        }

        public Reply expect(int expectedStatus) {
            assertEquals(expectedStatus, status, () -> "status of " + body);
            return this;
        }
    }

    /**
     * What a JSON client asks for. Without it the client's connector may send its own default
     * (HttpURLConnection's, which puts text/html first, with Payara 6's Jersey), and that rightly
     * gets ONE objects as microdata.
     */
    private static final String ACCEPT = "application/json, */*;q=0.5";

    private Invocation.Builder request(String path) {
        return client.target(baseUrl + path).request().accept(ACCEPT);
    }

    public Reply get(String path) {
        return reply("GET", path, request(path).get());
    }

    public Reply delete(String path) {
        return reply("DELETE", path, request(path).delete());
    }

    public Reply post(String path, JsonValue body) {
        return send("POST", path, body == null ? null : body.toString(), MediaType.APPLICATION_JSON);
    }

    public Reply put(String path, JsonValue body) {
        return send("PUT", path, body.toString(), MediaType.APPLICATION_JSON);
    }

    /** Sends raw text, for malformed or oversized bodies. */
    public Reply send(String method, String path, String body, String mediaType) {
        var request = request(path);
        Response response = body == null ? request.method(method) : request.method(method, Entity.entity(body, mediaType));
        return reply(method, path, response);
    }

    /** Sends bytes as they are (BLOB and CLOB uploads). */
    public Reply postBytes(String path, byte[] body, String mediaType) {
        return reply("POST", path, request(path).post(Entity.entity(body, mediaType)));
    }

    /** The body of a 200 answer as bytes. */
    public byte[] getBytes(String path) {
        try (Response response = request(path).get()) {
            assertEquals(200, response.getStatus(), () -> "status of GET " + path);
            byte[] body = response.readEntity(byte[].class);
            if (checked) {
                // the contract's binary schema is any string, the empty one too: a stand-in says there is a body
                // (possibly empty, as an empty BLOB's) without decoding it
                MediaType type = response.getMediaType();
                ApiContract.check(baseUrl, "GET", path, 200, type == null ? null : type.getType() + "/" + type.getSubtype(),
                        "binary (" + body.length + " bytes)");
            }
            return body;
        }
    }

    private Reply reply(String method, String path, Response response) {
        try (response) {
            MediaType type = response.getMediaType();
            String location = response.getLocation() == null ? null : response.getLocation().toString();
            Reply reply = new Reply(response.getStatus(), type == null ? null : type.getType() + "/" + type.getSubtype(),
                    response.hasEntity() ? response.readEntity(String.class) : "", location);
            if (checked) {
                ApiContract.check(baseUrl, method, path, reply.status(), reply.mediaType(), reply.body());
            }
            return reply;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
