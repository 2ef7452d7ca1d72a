package io.syncms.bench;

import io.syncms.testing.ItEnvironment;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A minimal JSON-over-HTTP client for benchmark programs, with the run's API token; fails loudly on an
 * unexpected status.
 */
final class JsonHttp {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Duration timeout;

    JsonHttp(String baseUrl) {
        this(baseUrl, Duration.ofMinutes(2));
    }

    JsonHttp(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    JsonValue get(String path) {
        return call("GET", path, null, 200);
    }

    JsonValue post(String path, JsonValue body, int expected) {
        return call("POST", path, body, expected);
    }

    JsonValue put(String path, JsonValue body, int expected) {
        return call("PUT", path, body, expected);
    }

    JsonValue delete(String path) {
        return call("DELETE", path, null, 204);
    }

    JsonValue call(String method, String path, JsonValue body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Authorization", "Bearer " + ItEnvironment.apiToken());
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            if (response.body().isEmpty()) {
                return JsonValue.NULL;
            }
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                return reader.readValue();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
