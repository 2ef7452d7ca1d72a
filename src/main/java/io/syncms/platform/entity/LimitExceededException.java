package io.syncms.platform.entity;

import java.time.Duration;

/**
 * A bounded resource is full (participants, stream subscribers, running Chums, open challenges): the
 * call is refused with 503 (this instance is at capacity) or 429 (this caller asked for too much) and
 * {@code Retry-After}, never queued without bound.
 *
 * @see Problem
 */
public class LimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final Duration retryAfter;

    private LimitExceededException(int status, String code, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** 503: the instance is at its capacity for this resource. */
    public static LimitExceededException atCapacity(String code, String message, Duration retryAfter) {
        return new LimitExceededException(503, code, message, retryAfter);
    }

    /** 429: the caller holds or asked for too much of it. */
    public static LimitExceededException tooMany(String code, String message, Duration retryAfter) {
        return new LimitExceededException(429, code, message, retryAfter);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Whole seconds, at least one, as {@code Retry-After} says it. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
