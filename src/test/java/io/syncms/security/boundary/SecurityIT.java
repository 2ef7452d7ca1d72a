package io.syncms.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JWSAlgorithm;
import io.syncms.security.control.JwtFixture;
import io.syncms.testing.Api;
import io.syncms.testing.Api.Reply;
import io.syncms.testing.ItEnvironment;
import io.syncms.testing.ListeningSockets;
import io.syncms.testing.PayaraProcess;
import io.syncms.testing.TestFiles;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The REST API's security model on a real Payara Micro process: an instance given no API token (so it
 * generates one) that also accepts JWTs of a test issuer. Every endpoint family refuses anonymous,
 * wrong and expired credentials with 401, a JWT without the needed role with 403; the Chum protocol is
 * left to its own handshake; health and OpenAPI name no file; the instance listens on loopback only.
 */
@EnabledIfSystemProperty(named = "arquillian.launch", matches = ".+", disabledReason = "an integration test: mvn verify runs it")
class SecurityIT {

    static final String NAME = "security-" + Long.toString(System.currentTimeMillis(), 36);
    static final String NOTE = "SecurityIt$Note";
    static final JwtFixture IDP = new JwtFixture();
    static final Path STORE = ItEnvironment.workDir().resolve("store-" + NAME);

    static PayaraProcess instance;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        instance = PayaraProcess.start(NAME, List.of("-Dmp.jwt.verify.publickey=" + IDP.rsaPublicJwk(),
                "-Dmp.jwt.verify.issuer=" + JwtFixture.ISSUER), Map.of(PayaraProcess.API_TOKEN_VARIABLE, ""));
        instance.awaitReady();
        token = Files.readString(STORE.resolve("api-token"), StandardCharsets.UTF_8).strip();
    }

    @AfterAll
    static void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
        TestFiles.deleteTree(STORE);
        TestFiles.deleteTree(ItEnvironment.workDir().resolve("tmp-" + NAME));
    }

    private static Api as(String bearer) {
        return new Api(instance.baseUrl(), bearer);
    }

    private static String jwt(String... groups) {
        return IDP.token("user-" + String.join("-", groups), List.of(groups), Duration.ofMinutes(10));
    }

    /** One call of each endpoint family; what it needs is a valid body where a body is needed. */
    record Call(String method, String path, String body, String mediaType) {
        Reply send(Api api) {
            return api.send(method, path, body, mediaType);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Call> EVERY_FAMILY = List.of(
            new Call("GET", "/api/groups", null, null),
            new Call("PUT", "/api/groups/sec-game", "{\"role\":\"master\",\"id\":\"m\",\"slaves\":[\"s\"]}", "application/json"),
            new Call("GET", "/api/groups/sec-game/deliveries", null, null),
            new Call("POST", "/api/groups/sec-game/sync-out", "{\"message\":1}", "application/json"),
            new Call("POST", "/api/objects", "{\"$type$\":\"Person\",\"email\":\"x@y.z\"}", "application/json"),
            new Call("GET", "/api/objects/" + "ab".repeat(32), null, null),
            new Call("POST", "/api/blobs", "bytes", "application/octet-stream"),
            new Call("POST", "/api/clobs", "text", "text/plain; charset=UTF-8"),
            new Call("GET", "/api/ids/" + "ab".repeat(32), null, null),
            new Call("GET", "/api/persons/" + "ab".repeat(32) + "/accessible", null, null),
            new Call("POST", "/api/recipes", "{}", "application/json"),
            new Call("GET", "/api/instance", null, null),
            new Call("GET", "/api/peers", null, null),
            new Call("POST", "/api/peers", "{}", "application/json"),
            new Call("GET", "/api/chums", null, null),
            new Call("POST", "/api/chums", "{}", "application/json"),
            new Call("DELETE", "/api/chums/x", null, null),
            new Call("GET", "/api/one-peers", null, null),
            new Call("POST", "/api/one-peers", "{}", "application/json"),
            new Call("DELETE", "/api/one-peers/x", null, null),
            new Call("GET", "/api/no-such-path", null, null));

    @Test
    void theGeneratedTokenIsOwnerOnlyAndOnlyItsFileIsLogged() throws Exception {
        Path file = STORE.resolve("api-token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        String log = Files.readString(instance.log(), StandardCharsets.UTF_8);
        assertTrue(log.contains("the API token is from a new random token in the owner-only file " + file), log);
        assertFalse(log.contains(token), "the log must not contain the token");
        as(token).get("/api/instance").expect(200);
    }

    @Test
    void everyEndpointFamilyRefusesAnonymousWrongAndExpiredCallersWith401() {
        String expired = IDP.sign(JwtFixture.claims("ann", List.of("admin", "app"), Instant.now().minusSeconds(3600),
                Duration.ofMinutes(10)).build(), JWSAlgorithm.RS256);
        String foreignKey = new JwtFixture().token("ann", List.of("admin", "app"), Duration.ofMinutes(10));
        for (String credential : new String[] {null, "wrong-" + token, expired, foreignKey}) {
            try (Api api = as(credential)) {
                for (Call call : EVERY_FAMILY) {
                    Reply reply = call.send(api);
                    JsonObject problem = reply.problem(401);
                    assertEquals("AUTH-UNAUTHENTICATED1", problem.getString("code"), call + ": " + reply.body());
                }
            }
        }
        try (Api anonymous = Api.anonymous(instance.baseUrl())) {
            Response stream = anonymous.client().target(instance.baseUrl() + "/api/groups/sec-game/deliveries/stream")
                    .request("text/event-stream").get();
            assertEquals(401, stream.getStatus());
            assertEquals("Bearer realm=\"syncms\"", stream.getHeaderString("WWW-Authenticate"));
            stream.close();
            Response wrong = anonymous.client().target(instance.baseUrl() + "/api/instance").request()
                    .header("Authorization", "Bearer " + expired).get();
            assertEquals("Bearer realm=\"syncms\", error=\"invalid_token\"", wrong.getHeaderString("WWW-Authenticate"));
            assertTrue(wrong.readEntity(String.class).contains("Expired JWT"));
        }
    }

    @Test
    void aJwtOpensWhatItsRolesAllowAndNothingElse() {
        try (Api admin = as(jwt("admin")); Api app = as(jwt("app")); Api none = as(jwt("auditor"))) {
            admin.put("/api/groups/jwt-game", Json.createObjectBuilder().add("role", "master").add("id", "m")
                    .add("slaves", Json.createArrayBuilder().add("s")).build()).expect(201);
            app.put("/api/groups/jwt-game-2", Json.createObjectBuilder().add("role", "master").add("id", "m").build())
                    .problem(403);
            admin.get("/api/peers").expect(200);
            admin.get("/api/chums").expect(200);
            app.get("/api/peers").problem(403);
            assertEquals("AUTH-FORBIDDEN1", app.post("/api/chums", JsonValue.EMPTY_JSON_OBJECT).problem(403).getString("code"));
            admin.post("/api/recipes", noteRecipe()).expect(201);
            app.post("/api/recipes", noteRecipe()).problem(403);
            // a Recipe object through /api/objects registers a recipe too: admin only
            app.post("/api/objects", noteRecipe()).problem(403);

            String hash = app.post("/api/objects", Json.createObjectBuilder().add("$type$", NOTE).add("text", "by app").build())
                    .expect(201).json().getString("hash");
            app.get("/api/objects/" + hash).expect(200);
            admin.get("/api/objects/" + hash).problem(403);
            app.postBytes("/api/blobs", new byte[] {1, 2, 3}, "application/octet-stream").expect(201);
            admin.postBytes("/api/blobs", new byte[] {1, 2, 3}, "application/octet-stream").problem(403);

            for (Api both : List.of(admin, app)) {
                both.get("/api/instance").expect(200);
                both.get("/api/groups").expect(200);
                both.get("/api/groups/jwt-game").expect(200);
            }
            app.get("/api/groups/jwt-game/deliveries").expect(200);
            admin.get("/api/groups/jwt-game/deliveries").problem(403);
            Response stream = app.client().target(instance.baseUrl() + "/api/groups/jwt-game/deliveries/stream")
                    .request("text/event-stream").get();
            assertEquals(200, stream.getStatus());
            stream.close();
            Response refusedStream = admin.client().target(instance.baseUrl() + "/api/groups/jwt-game/deliveries/stream")
                    .request("text/event-stream").get();
            assertEquals(403, refusedStream.getStatus());
            refusedStream.close();

            none.get("/api/instance").problem(403);
            none.get("/api/groups").problem(403);
            admin.delete("/api/groups/jwt-game").expect(204);
        }
    }

    @Test
    void theChumProtocolNeedsNoApiCredentialAndTheApiTokenOpensEverything() {
        try (Api anonymous = Api.anonymous(instance.baseUrl()); Api api = as(token)) {
            Response challenge = anonymous.client().target(instance.baseUrl() + "/api/chum-protocol/challenge").request()
                    .post(Entity.json("{\"importerNonce\":\"an-importer-nonce-of-enough-length\"}"));
            assertEquals(200, challenge.getStatus());
            challenge.close();
            api.get("/api/peers").expect(200);
            api.postBytes("/api/blobs", NAME.getBytes(StandardCharsets.UTF_8), "application/octet-stream").expect(201);
        }
    }

    @Test
    void healthAndOpenApiAreOpenButNameNoFileAndNoException() {
        try (Api anonymous = Api.anonymous(instance.baseUrl())) {
            for (String path : List.of("/health", "/health/ready", "/health/live", "/openapi")) {
                Reply reply = anonymous.get(path);
                assertEquals(200, reply.status(), path + ": " + reply.body());
                assertFalse(reply.body().contains(STORE.toString()), path + ": " + reply.body());
                assertFalse(reply.body().contains(ItEnvironment.workDir().toString()), path + ": " + reply.body());
                assertFalse(reply.body().contains("Exception"), path + ": " + reply.body());
            }
        }
    }

    @Test
    void theInstanceListensOnLoopbackOnly() throws Exception {
        assumeTrue(ListeningSockets.supported(), "needs Linux's /proc");
        List<ListeningSockets.Listener> listeners = ListeningSockets.of(instance.pid());
        int httpPort = Integer.parseInt(instance.baseUrl().substring(instance.baseUrl().lastIndexOf(':') + 1));
        assertTrue(listeners.stream().anyMatch(listener -> listener.port() == httpPort), listeners.toString());
        assertTrue(listeners.stream().anyMatch(listener -> listener.port() >= ItEnvironment.clusterStartPort()
                && listener.port() < ItEnvironment.clusterStartPort() + 10), "a Hazelcast member port: " + listeners);
        assertTrue(listeners.stream().allMatch(ListeningSockets.Listener::loopback), listeners.toString());
    }

    static JsonObject noteRecipe() {
        return Json.createObjectBuilder().add("$type$", "Recipe").add("name", NOTE).add("rule", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("itemprop", "text").add("itemtype",
                        Json.createObjectBuilder().add("type", "string")))).build();
    }
}
