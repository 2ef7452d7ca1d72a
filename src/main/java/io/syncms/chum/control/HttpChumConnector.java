package io.syncms.chum.control;

import io.syncms.platform.entity.TraceParent;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import io.syncms.chum.entity.HttpLimits;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Reaches other instances over HTTP: a URL is an instance's base URL (as in {@code remoteUrl} and a
 * trusted peer's {@code url}, e.g. {@code http://127.0.0.1:8092}), its exporter is at
 * {@value #PROTOCOL_PATH} below it. The path has no version: the version is agreed in the
 * handshake, so an instance that speaks another one answers with a clear 409, not a 404.
 *
 * <p>All peers share one JDK {@link HttpClient} (HTTP/1.1 with keep-alive, so a Chum reuses its
 * connections): it streams answers as they arrive, needs nothing from the container, and its
 * work can run on a managed executor.
 */
public final class HttpChumConnector implements ChumConnector {

    /** Where an instance serves the Chum protocol, below its base URL. */
    public static final String PROTOCOL_PATH = "/api/chum-protocol/";

    private final HttpClient client;
    private final Duration requestTimeout;
    private final HttpLimits limits;
    private final ScheduledExecutorService watchdogs;

    /**
     * @param limits    what an answer of another instance may hold, and how long a content stream may stall
     * @param watchdogs where the stall checks of content streams run
     */
    public HttpChumConnector(HttpClient client, Duration requestTimeout, HttpLimits limits, ScheduledExecutorService watchdogs) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.limits = limits;
        this.watchdogs = watchdogs;
    }

    /** An HTTP/1.1 client for Chums; {@code executor} runs its asynchronous work (null: the JDK's own threads). */
    public static HttpClient newClient(Duration connectTimeout, Executor executor) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (executor != null) {
            builder.executor(executor);
        }
        return builder.build();
    }

    @Override
    public ChumPeer connect(String url) {
        return new HttpChumPeer(client, protocolBase(url), requestTimeout, limits, watchdogs, null);
    }

    @Override
    public ChumPeer connect(String url, TraceParent trace) {
        return new HttpChumPeer(client, protocolBase(url), requestTimeout, limits, watchdogs, trace);
    }

    /**
     * The protocol root below an instance's base URL.
     *
     * @throws IllegalArgumentException unless it is an absolute http or https URL without query or fragment
     */
    public static URI protocolBase(String url) {
        URI base = checkedBaseUrl(url);
        String path = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        return base.resolve(path + PROTOCOL_PATH);
    }

    /** Checks that a text is an instance's base URL (what pairing and {@code remoteUrl} take). */
    public static URI checkedBaseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("Not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("An instance URL is an absolute http(s) URL without query or fragment, not " + url);
        }
        return uri;
    }
}
