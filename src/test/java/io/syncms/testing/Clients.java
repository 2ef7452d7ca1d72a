package io.syncms.testing;

import io.syncms.client.ApiClient;
import io.syncms.client.api.ChumApi;
import io.syncms.client.api.StoreApi;
import io.syncms.client.api.SyncMsApi;
import java.net.URI;
import java.time.Duration;

/**
 * The Java client generated from the contract ({@code docs/openapi.json}), pointed at one instance, with
 * the test run's API token: what an application would use, so the tests use it too.
 */
public record Clients(SyncMsApi syncMs, ChumApi chum, StoreApi store) {

    public static Clients of(String baseUrl) {
        return of(baseUrl, ItEnvironment.apiToken());
    }

    public static Clients of(String baseUrl, String token) {
        URI base = URI.create(baseUrl.replaceAll("/+$", ""));
        ApiClient client = new ApiClient()
                .setScheme(base.getScheme()).setHost(base.getHost()).setPort(base.getPort()).setBasePath(base.getPath())
                .setConnectTimeout(Duration.ofSeconds(5)).setReadTimeout(Duration.ofSeconds(120))
                .setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return new Clients(new SyncMsApi(client), new ChumApi(client), new StoreApi(client));
    }
}
