package io.syncms.chum.control;

import io.syncms.platform.entity.TraceParent;

import io.syncms.chum.entity.ChangeNotice;
import io.syncms.chum.entity.ChangePage;
import io.syncms.chum.entity.Challenge;
import io.syncms.chum.entity.ChumAccessDeniedException;
import io.syncms.chum.entity.ChumException;
import io.syncms.chum.entity.ChumNotFoundException;
import io.syncms.chum.entity.ChumProtocolException;
import io.syncms.chum.entity.ChumSessionClosedException;
import io.syncms.chum.entity.ChumTransportException;
import io.syncms.chum.entity.ChumUnauthenticatedException;
import io.syncms.chum.entity.FinishReason;
import io.syncms.chum.entity.HandshakeGrant;
import io.syncms.chum.entity.HandshakeRequest;
import io.syncms.chum.entity.HttpLimits;
import io.syncms.chum.entity.ObjectBody;
import io.syncms.chum.entity.ProtocolVersionMismatchException;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.ReferenceKind;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The remote exporter over HTTP ({@link ChumPeer} on the client side of the exporter's JAX-RS
 * resource): one {@code POST} per call to {@code <base>/api/chum-protocol/<operation>}, JSON bodies
 * ({@link ChumWire}), the session token as {@code Authorization: Bearer}, BLOBs and CLOBs as one
 * framed {@code application/octet-stream} answer ({@link ContentFrames}) read as it arrives.
 * Problem answers become the exceptions the exporter threw, by their {@code code}, so the importer
 * cannot tell this transport from the in-memory one; everything else that goes wrong is a
 * {@link ChumTransportException}.
 */
final class HttpChumPeer implements ChumPeer {

    private static final String JSON = "application/json";

    private final HttpClient client;
    private final URI protocolBase;
    private final Duration requestTimeout;
    private final HttpLimits limits;
    private final ScheduledExecutorService watchdogs;
    private final TraceParent trace;

    /**
     * @param protocolBase   the exporter's protocol root, ending in {@code /}
     * @param requestTimeout how long any JSON answer may take to arrive whole (a long poll: its own timeout on top)
     * @param limits         what answers may hold, and how long a content stream may stall
     * @param watchdogs      where the stall checks of content streams run
     * @param trace          the Chum's trace: each request is a span of it ({@code traceparent}); null: none
     */
    HttpChumPeer(HttpClient client, URI protocolBase, Duration requestTimeout, HttpLimits limits,
                 ScheduledExecutorService watchdogs, TraceParent trace) {
        this.trace = trace;
        this.client = client;
        this.protocolBase = protocolBase;
        this.requestTimeout = requestTimeout;
        this.limits = limits;
        this.watchdogs = watchdogs;
    }

    @Override
    public Challenge challenge(String importerNonce) {
        return ChumWire.challenge(call("challenge", null, ChumWire.challengeRequest(importerNonce), requestTimeout, SMALL));
    }

    @Override
    public HandshakeGrant handshake(HandshakeRequest request) {
        return ChumWire.grant(call("handshake", null, ChumWire.handshakeRequest(request), requestTimeout, SMALL));
    }

    @Override
    public ChangePage changesAfter(String token, long afterSeq, int limit) {
        return ChumWire.page(call("changes", token, ChumWire.changesRequest(afterSeq, limit), requestTimeout,
                limits.maxAnswerBytes()));
    }

    @Override
    public ChangePage nextChanges(String token, String cursor, int limit) {
        return ChumWire.page(call("changes/next", token, ChumWire.nextRequest(cursor, limit), requestTimeout,
                limits.maxAnswerBytes()));
    }

    @Override
    public List<ObjectBody> fetchObjects(String token, List<ClosureEntry> entries) {
        return ChumWire.objects(call("objects", token, ChumWire.objectsRequest(entries), requestTimeout, limits.maxAnswerBytes()));
    }

    /**
     * Streams the answer into the sink as it arrives, each item no larger than {@code maxItemBytes}; a
     * stream that sends nothing for the read timeout, or ends inside an item, fails the call (and the
     * store never keeps an item that did not arrive whole: it checks each against its hash).
     */
    @Override
    public void fetchContent(String token, ReferenceKind kind, List<String> hashes, ContentSink sink) {
        HttpRequest request = post("content", token, ChumWire.contentRequest(kind, hashes), requestTimeout);
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = new IdleTimeoutStream(response.body(), limits.readTimeout(), watchdogs)) {
            if (response.statusCode() != 200) {
                throw failure(request, response.statusCode(), new String(body.readNBytes(SMALL), StandardCharsets.UTF_8));
            }
            ContentFrames.read(body, sink, (code, message) -> exception(code, 0, message, null), limits.maxItemBytes());
        } catch (IOException | UncheckedIOException e) {
            throw new ChumTransportException(describe(request) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public ChangeNotice waitForChanges(String token, long afterSeq, long timeoutMillis) {
        Duration timeout = requestTimeout.plusMillis(Math.max(0, timeoutMillis));
        return ChumWire.notice(call("wait", token, ChumWire.waitRequest(afterSeq, timeoutMillis), timeout, SMALL));
    }

    @Override
    public void finish(String token, FinishReason reason, String message) {
        call("finish", token, ChumWire.finishRequest(reason, message), requestTimeout, SMALL);
    }

    // ---------------------------------------------------------------- HTTP

    /**
     * POSTs JSON and returns the JSON answer (an empty object for 204): at most {@code limit} bytes (a
     * problem at most {@value HttpLimits#SMALL_ANSWER_BYTES}), whole within {@code timeout}.
     */
    private JsonObject call(String operation, String token, JsonObject body, Duration timeout, long limit) {
        HttpRequest request = post(operation, token, body, timeout);
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, BoundedBody.handler(limit, SMALL));
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new ChumTransportException(describe(request) + " got no whole answer within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof IOException && e.getCause().getCause() instanceof BoundedBody.TooLargeException
                    ? e.getCause().getCause() : e.getCause();
            throw new ChumTransportException(describe(request) + " failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new ChumTransportException(describe(request) + " was interrupted", e);
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() == 204) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (response.statusCode() != 200) {
            throw failure(request, response.statusCode(), text);
        }
        return ChumWire.parse(text);
    }

    private static final int SMALL = HttpLimits.SMALL_ANSWER_BYTES;

    private HttpRequest post(String operation, String token, JsonObject body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(protocolBase.resolve(operation))
                .timeout(timeout)
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", ChumWire.authorization(token));
        }
        if (trace != null) {
            request.header(TraceParent.HEADER, trace.child().header());
        }
        return request.build();
    }

    private <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw new ChumTransportException(describe(request) + " got no answer within " + request.timeout().orElse(null), e);
        } catch (IOException e) {
            throw new ChumTransportException(describe(request) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChumTransportException(describe(request) + " was interrupted", e);
        }
    }

    // ---------------------------------------------------------------- problems

    /** The exception an answer other than 200 stands for: the exporter's own, recognized by its problem code. */
    private static ChumException failure(HttpRequest request, int status, String body) {
        JsonObject problem;
        try {
            problem = ChumWire.parse(body);
        } catch (ChumProtocolException e) {
            return new ChumTransportException(describe(request) + " answered " + status + " without a problem: "
                    + abbreviate(body));
        }
        String code = text(problem, "code");
        String detail = text(problem, "detail");
        ChumException known = exception(code, status, detail == null ? "" : detail, problem);
        if (known instanceof ChumTransportException) {
            return new ChumTransportException(describe(request) + " answered " + status + ": " + (detail == null ? body : detail));
        }
        return known;
    }

    /** Rebuilds the exporter's exception; the message it sends starts with its code, which the constructor adds again. */
    private static ChumException exception(String code, int status, String message, JsonObject problem) {
        String detail = code != null && message.startsWith(code + ": ") ? message.substring(code.length() + 2) : message;
        String key = code != null ? code : switch (status) {
            case 401 -> "CHUM-AUTH1";
            case 403 -> "CHUM-DENIED1";
            case 410 -> "CHUM-CLOSED1";
            case 400 -> "CHUM-PROTOCOL1";
            default -> "";
        };
        return switch (key) {
            case "CHUM-AUTH1" -> new ChumUnauthenticatedException(detail);
            case "CHUM-DENIED1" -> new ChumAccessDeniedException(detail);
            case "CHUM-CLOSED1" -> new ChumSessionClosedException(detail);
            case "CHUM-PROTOCOL1" -> new ChumProtocolException(detail);
            case "CHUM-NF1" -> new ChumNotFoundException(detail);
            case "CHUM-VERSION1" -> versionMismatch(problem, detail);
            default -> status == 400 ? new ChumProtocolException(code == null ? detail : code + ": " + detail)
                    : new ChumTransportException(message);
        };
    }

    private static ChumException versionMismatch(JsonObject problem, String detail) {
        if (problem != null && problem.get("importerVersion") instanceof JsonNumber importer
                && problem.get("exporterVersion") instanceof JsonNumber exporter) {
            return new ProtocolVersionMismatchException(text(problem, "importerInstance"), importer.intValue(),
                    text(problem, "exporterInstance"), exporter.intValue());
        }
        return new ChumProtocolException("CHUM-VERSION1: " + detail);
    }

    private static String text(JsonObject json, String name) {
        return json.get(name) instanceof JsonString string ? string.getString() : null;
    }

    private static String describe(HttpRequest request) {
        return "POST " + request.uri();
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
