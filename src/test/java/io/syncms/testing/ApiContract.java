package io.syncms.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Holds every answer the integration tests receive to the contract the instance itself serves at
 * {@code /openapi}: the status must be documented for the operation and the body must match its
 * schema. So every integration test is also a contract test. Paths the contract does not describe
 * (the health and metrics endpoints, the test deployments' own resources) and event streams are not
 * checked here; {@code ContractIT} checks the document itself.
 */
public final class ApiContract {

    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiContract() {}

    /** @throws AssertionError naming the operation, the answer and what breaks the contract */
    public static void check(String baseUrl, String method, String path, int status, String mediaType, String body) {
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (!pathOnly.startsWith("/api/") || "text/event-stream".equals(mediaType)) {
            return;
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        if (mediaType != null) {
            response.withContentType(mediaType);
        }
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report = validator(baseUrl).validateResponse(pathOnly, Request.Method.valueOf(method), response.build());
        if (report.hasErrors()) {
            throw new AssertionError(method + " " + path + " answered " + status + " " + mediaType + ", which breaks the contract:\n"
                    + report.getMessages().stream().map(m -> "  " + m.getKey() + ": " + m.getMessage()).collect(Collectors.joining("\n"))
                    + "\nbody: " + (body == null ? "" : body.substring(0, Math.min(body.length(), 2000))));
        }
    }

    /** The instance's own contract, as it serves it. */
    public static String document(String baseUrl) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/openapi"))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError("GET /openapi answered " + answer.statusCode() + ": " + answer.body());
            }
            return withoutPayaraEndpoints(answer.body());
        } catch (IOException e) {
            throw new AssertionError("GET /openapi failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Payara 6 adds its list of the application's URLs as a top-level {@code endpoints} member, which OpenAPI
     * does not allow (Payara 7 names it {@code x-endpoints}, as an extension must be named): not the module's.
     */
    static String withoutPayaraEndpoints(String document) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(document))) {
            jakarta.json.JsonObject json = reader.readObject();
            return json.containsKey("endpoints") ? jakarta.json.Json.createObjectBuilder(json).remove("endpoints").build().toString()
                    : document;
        }
    }

    private static OpenApiInteractionValidator validator(String baseUrl) {
        return VALIDATORS.computeIfAbsent(baseUrl, url -> OpenApiInteractionValidator
                .createForInlineApiSpecification(document(url))
                // the test deployments add resources of their own under /api; they are not the module's contract
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                        .withLevel("validation.response.path.missing", ValidationReport.Level.IGNORE).build())
                .build());
    }
}
