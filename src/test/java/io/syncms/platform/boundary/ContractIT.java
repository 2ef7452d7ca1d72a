package io.syncms.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.syncms.client.ApiException;
import io.syncms.client.model.GroupList;
import io.syncms.client.model.Instance;
import io.syncms.client.model.Peer;
import io.syncms.client.model.StoreCheck;
import io.syncms.testing.Api;
import io.syncms.testing.ApiContract;
import io.syncms.testing.Clients;
import io.syncms.testing.Deployments;
import io.syncms.testing.ItEnvironment;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract itself, on a real Payara Micro: {@code /openapi} is valid OpenAPI, it is the document the
 * Java client is generated from ({@code docs/openapi.json}), it documents every resource method of the
 * module, the generated client drives the API, and each problem's type leads to its documentation. (That
 * every answer keeps the contract, every integration test checks through {@link ApiContract}.)
 */
@ExtendWith(ArquillianExtension.class)
class ContractIT {

    /** The module's resources: what the contract must describe (the test deployments add probes of their own). */
    static final List<String> RESOURCES = List.of(
            "io.syncms.syncms.boundary.GroupsResource", "io.syncms.chum.boundary.ChumsResource", "io.syncms.chum.boundary.PeersResource",
            "io.syncms.chum.boundary.ChumProtocolResource", "io.syncms.store.boundary.BlobsResource",
            "io.syncms.store.boundary.ClobsResource", "io.syncms.store.boundary.IdsResource", "io.syncms.store.boundary.InstanceResource",
            "io.syncms.store.boundary.ObjectsResource", "io.syncms.store.boundary.PersonsResource",
            "io.syncms.store.boundary.RecipesResource", "io.syncms.store.boundary.StoreAdminResource");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    URL url;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.moduleWithProbes();
    }

    private String base() {
        return ItEnvironment.loopback(url).replaceAll("/+$", "");
    }

    @Test
    void theServedDocumentIsValidOpenApiAndTheOneTheClientIsGeneratedFrom() throws IOException {
        JsonObject served = withoutInstanceDetails(read(ApiContract.document(base())));
        java.nio.file.Path copy = ItEnvironment.workDir().getParent().resolve("openapi-served.json");
        Files.writeString(copy, pretty(served));

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.toString(), null, options);
        assertNotNull(parsed.getOpenAPI(), "parsed");
        assertEquals(List.of(), parsed.getMessages(), "the served document is valid OpenAPI " + served.getString("openapi"));

        JsonObject snapshot = read(Files.readString(java.nio.file.Path.of("docs/openapi.json")));
        String refresh = "docs/openapi.json (the client is generated from it) differs from what the server serves; "
                + "if the change is meant, copy " + copy + " to docs/openapi.json";
        if (served.getString("openapi").startsWith("3.1")) {
            assertEquals(List.of(), differences("", snapshot, served), refresh);
        } else {
            // the Payara 6 line writes OpenAPI 3.0 (nullable instead of null types): the same operations and schemas
            assertEquals(outline(snapshot), outline(served), refresh);
        }
    }

    @Test
    void everyResourceMethodOfTheModuleIsDocumented() throws ClassNotFoundException {
        JsonObject paths = withoutInstanceDetails(read(ApiContract.document(base()))).getJsonObject("paths");
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (String name : RESOURCES) {
            Class<?> resource = Class.forName(name);
            String root = "/api/" + resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                operations++;
                Path sub = method.getAnnotation(Path.class);
                String path = (root + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/").replaceAll("/$", "");
                JsonObject item = paths.getJsonObject(path);
                if (item == null || !item.containsKey(verb.toLowerCase(java.util.Locale.ROOT))) {
                    missing.add(verb + " " + path + " (" + resource.getSimpleName() + "." + method.getName() + ")");
                }
            }
        }
        assertEquals(List.of(), missing, "resource methods without an operation in /openapi");
        assertTrue(operations >= 44, operations + " resource methods");
    }

    @Test
    void theGeneratedClientDrivesTheApiAndReadsItsProblems() throws Exception {
        Clients client = Clients.of(base());
        Instance instance = client.store().getInstance();
        assertEquals(64, instance.getOwner().getIdHash().length());
        GroupList groups = client.syncMs().listGroups();
        assertNotNull(groups.getGroups());

        String personId = "ab".repeat(32);
        Peer peer = new Peer().personId(personId).publicKey(java.util.Base64.getEncoder().encodeToString(new byte[32]))
                .url("http://127.0.0.1:9").instanceName("elsewhere");
        assertEquals(201, client.chum().pairPeerWithHttpInfo(peer).getStatusCode());
        assertEquals(200, client.chum().pairPeerWithHttpInfo(peer).getStatusCode(), "the same pairing again");
        assertEquals("elsewhere", client.chum().getPeer(personId).getInstanceName());
        assertTrue(client.chum().listPeers().getPeers().stream().anyMatch(p -> p.getPersonId().equals(personId)));
        client.chum().unpairPeer(personId);

        ApiException unknown = assertThrows(ApiException.class, () -> client.syncMs().getGroup("nowhere"));
        assertEquals(404, unknown.getCode());
        JsonObject problem = read(unknown.getResponseBody());
        assertEquals("SYNCMS-GROUP-NOT-FOUND1", problem.getString("code"));
        assertEquals("/problems/syncms/group-not-found", problem.getString("type"));

        StoreCheck check = client.store().checkStore("false");
        assertTrue(check.getItems() > 0, "the core recipes at least");
        assertTrue(client.store().getStore().getTakesWrites());
        assertNotNull(client.chum().listChums().getJobs());
    }

    @Test
    void aBodyThatBreaksItsContractIsA400ListingEveryViolation() {
        try (Api api = new Api(base())) {
            JsonObject problem = api.put("/api/groups/contract-violations", Json.createObjectBuilder()
                    .add("role", "master").add("id", "bad id").add("slaves", Json.createArrayBuilder().add("ok").add("not ok")).build())
                    .problem(400);
            assertEquals("API-INVALID-REQUEST1", problem.getString("code"));
            List<String> fields = problem.getJsonArray("violations").getValuesAs(JsonObject.class).stream()
                    .map(v -> v.getString("field")).toList();
            assertEquals(List.of("id", "slaves[1].<list element>"), fields);
            JsonObject unknown = api.post("/api/chums", Json.createObjectBuilder().add("remotePersonId", "ab".repeat(32))
                    .add("keepRuning", true).build()).problem(400);
            assertTrue(unknown.getString("detail").contains("keepRuning"), unknown.toString());
            JsonObject wrongType = api.put("/api/groups/contract-violations/sync-in", Json.createObjectBuilder()
                    .add("enabled", "yes").build()).problem(400);
            assertTrue(wrongType.getString("detail").contains("true or false"), wrongType.toString());
            JsonObject notAString = api.send("PUT", "/api/groups/contract-violations", "{\"role\":\"slave\",\"id\":123}",
                    "application/json").problem(400);
            assertTrue(notAString.getString("detail").contains("expected a string"), notAString.toString());
            assertTrue(api.send("PUT", "/api/groups/contract-violations", "5", "application/json").problem(400)
                    .getString("detail").contains("JSON object"));
            JsonObject badQuery = api.get("/api/groups/contract-violations/deliveries?after=x").problem(400);
            assertEquals("after", badQuery.getJsonArray("violations").getJsonObject(0).getString("field"), badQuery.toString());
        }
    }

    @Test
    void aBodyWithoutContentTypeIs415AndAnAnswerTheClientCannotTakeIs406BeforeAnythingIsStored() throws Exception {
        HttpResponse<String> untyped = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/chums"))
                .header("Authorization", "Bearer " + ItEnvironment.apiToken())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, untyped.statusCode(), untyped.body());
        String note = Json.createObjectBuilder().add("$type$", "Person").add("email", "contract-406@example.com").build().toString();
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/objects"))
                .header("Authorization", "Bearer " + ItEnvironment.apiToken()).header("Content-Type", "application/json")
                .header("Accept", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(note)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(406, refused.statusCode(), refused.body());
        try (Api api = new Api(base())) {
            assertEquals(201, api.post("/api/objects", read(note)).status(), "not stored by the refused call");
        }
    }

    @Test
    void theTypeOfAProblemLeadsToItsSectionWithoutCredentials() throws Exception {
        String type;
        try (Api anonymous = Api.anonymous(base())) {
            type = anonymous.get("/api/groups").problem(401).getString("type");
        }
        assertEquals("/problems/auth/unauthenticated", type);
        HttpResponse<String> redirect = get(type);
        assertEquals(303, redirect.statusCode());
        assertTrue(redirect.headers().firstValue("Location").orElseThrow().endsWith("/problems/#auth/unauthenticated"),
                redirect.headers().toString());

        HttpResponse<String> page = get("/problems/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.body().contains("<section id=\"auth/unauthenticated\">"));
        assertEquals(200, get("/dashboard/dashboard.css").statusCode(), "the page's style sheet");
    }

    @Test
    void anUnknownProblemTypeIsNotFoundAndThePageWantsItsSlash() throws Exception {
        assertEquals(404, get("/problems/chum/nowhere").statusCode());
        assertEquals(404, get("/problems/chum").statusCode());
        HttpResponse<String> bare = get("/problems");
        assertEquals(302, bare.statusCode());
        assertTrue(bare.headers().firstValue("Location").orElseThrow().endsWith("/problems/"));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base()).resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String httpMethod(Method method) {
        for (var annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /**
     * The server's address and Payara's own endpoint list are the instance's, not the contract's; the test
     * deployment's probes ({@code /api/*-probe}) are the test's.
     */
    static JsonObject withoutInstanceDetails(JsonObject document) {
        var paths = Json.createObjectBuilder();
        document.getJsonObject("paths").forEach((path, item) -> {
            if (!path.matches("/api/[a-z-]*probe(/.*)?")) {
                paths.add(path, item);
            }
        });
        return Json.createObjectBuilder(document).remove("servers").remove("x-endpoints").add("paths", paths).build();
    }

    /** Operations (id, answers, bodies) and schemas (members, required ones), as both OpenAPI versions write them. */
    static Map<String, Object> outline(JsonObject document) {
        Map<String, Object> outline = new TreeMap<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((verb, operation) -> {
            JsonObject op = operation.asJsonObject();
            outline.put(verb + " " + path, List.of(op.getString("operationId", ""), new TreeSet<>(op.getJsonObject("responses").keySet()),
                    op.containsKey("requestBody") ? new TreeSet<>(op.getJsonObject("requestBody").getJsonObject("content").keySet()) : "")); 
        }));
        document.getJsonObject("components").getJsonObject("schemas").forEach((name, schema) -> {
            JsonObject s = schema.asJsonObject();
            outline.put("schema " + name, List.of(s.containsKey("properties") ? new TreeSet<>(s.getJsonObject("properties").keySet()) : "",
                    s.containsKey("required") ? new TreeSet<>(s.getJsonArray("required").getValuesAs(v -> v.toString())) : ""));
        });
        return outline;
    }

    /** Where two JSON values differ, as JSON pointers (the first 30). */
    static List<String> differences(String at, JsonValue expected, JsonValue actual) {
        List<String> found = new ArrayList<>();
        collect(at, expected, actual, found);
        return found.size() > 30 ? found.subList(0, 30) : found;
    }

    private static void collect(String at, JsonValue expected, JsonValue actual, List<String> found) {
        if (expected instanceof JsonObject e && actual instanceof JsonObject a) {
            Stream.concat(e.keySet().stream(), a.keySet().stream()).distinct().sorted().forEach(key -> {
                if (!e.containsKey(key)) {
                    found.add(at + "/" + key + " only served");
                } else if (!a.containsKey(key)) {
                    found.add(at + "/" + key + " only in docs/openapi.json");
                } else {
                    collect(at + "/" + key, e.get(key), a.get(key), found);
                }
            });
        } else if (!expected.equals(actual)) {
            found.add(at + ": " + abbreviate(expected) + " != " + abbreviate(actual));
        }
    }

    private static String abbreviate(JsonValue value) {
        String text = value.toString();
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    static JsonObject read(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    static String pretty(JsonStructure json) {
        JsonWriterFactory writers = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        StringWriter out = new StringWriter();
        try (var writer = writers.createWriter(out)) {
            writer.write(json);
        }
        return out + "\n";
    }
}
