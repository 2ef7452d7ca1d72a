package io.syncms.platform.entity;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} (version 00): the trace a piece of work belongs to and the span
 * that caused it. A Chum carries one across its two instances, so that the logs and statuses of both
 * sides (and a tracing system that reads the header) show one trace.
 *
 * @param traceId  32 lowercase hex digits, not all zero
 * @param parentId 16 lowercase hex digits, not all zero: the calling span
 * @param sampled  the caller's sampling decision
 */
public record TraceParent(String traceId, String parentId, boolean sampled) {

    public static final String HEADER = "traceparent";
    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final HexFormat HEX = HexFormat.of();

    public TraceParent {
        if (traceId == null || !traceId.matches("[0-9a-f]{32}") || traceId.matches("0+")) {
            throw new IllegalArgumentException("a trace id is 32 lowercase hex digits, not all zero");
        }
        if (parentId == null || !parentId.matches("[0-9a-f]{16}") || parentId.matches("0+")) {
            throw new IllegalArgumentException("a span id is 16 lowercase hex digits, not all zero");
        }
    }

    /** The caller's trace, if the header is a valid version-00 {@code traceparent}; anything else starts no trace of its own. */
    public static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(header.trim());
        if (!matcher.matches() || matcher.group(1).matches("0+") || matcher.group(2).matches("0+")) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(matcher.group(1), matcher.group(2), (HEX.parseHex(matcher.group(3))[0] & 1) == 1));
    }

    /** A new trace, sampled. */
    public static TraceParent newTrace() {
        return new TraceParent(randomHex(16), randomHex(8), true);
    }

    /** The caller's trace, or a new one. */
    public static TraceParent continuing(String header) {
        return parse(header).map(TraceParent::child).orElseGet(TraceParent::newTrace);
    }

    /** A new span of the same trace, caused by this one. */
    public TraceParent child() {
        return new TraceParent(traceId, randomHex(8), sampled);
    }

    public String header() {
        return "00-" + traceId + "-" + parentId + "-" + (sampled ? "01" : "00");
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(random);
        } while (isZero(random));
        return HEX.formatHex(random);
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
