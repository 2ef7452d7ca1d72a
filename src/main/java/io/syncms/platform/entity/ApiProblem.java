package io.syncms.platform.entity;

import java.util.Optional;

/**
 * The problems of the API as a whole, not of one feature: a request that is not JSON or breaks a rule of
 * its own, a limit reached, a batch cut short, what the JAX-RS runtime refuses by HTTP status alone (an
 * unknown path, a method or media type the resource does not take) and the one unexpected failure, 500.
 */
public enum ApiProblem implements ProblemType {
    INVALID_REQUEST(400, "invalid-request", "Invalid request", "API-INVALID-REQUEST1"),
    MALFORMED_JSON(400, "malformed-json", "Malformed JSON", "API-MALFORMED-JSON1"),
    BAD_REQUEST(400, "bad-request", "Bad Request", "API-BAD-REQUEST1"),
    NOT_FOUND(404, "not-found", "Not Found", "API-NOT-FOUND1"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method Not Allowed", "API-METHOD-NOT-ALLOWED1"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not Acceptable", "API-NOT-ACCEPTABLE1"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request Entity Too Large", "API-PAYLOAD-TOO-LARGE1"),
    BATCH_TOO_LARGE(413, "batch-too-large", "Batch too large", "API-BATCH-TOO-LARGE1"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported Media Type", "API-UNSUPPORTED-MEDIA-TYPE1"),
    // a limit's code is its own, named where the limit is (LimitExceededException)
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests", "SYNCMS-LIMIT2", "SYNCMS-LIMIT4", "CHUM-LIMIT2"),
    INTERNAL_ERROR(500, "internal-error", "Internal Server Error", "API-INTERNAL-ERROR1"),
    AT_CAPACITY(503, "at-capacity", "At capacity", "SYNCMS-LIMIT1", "SYNCMS-LIMIT3", "CHUM-LIMIT1", "CHUM-LIMIT3");

    private final ProblemSpec spec;

    ApiProblem(int status, String path, String title, String... codes) {
        this.spec = ProblemSpec.of("", status, path, title, codes);
    }

    /** The type of a refusal that has nothing but its HTTP status (a JAX-RS {@code WebApplicationException}). */
    public static Optional<ApiProblem> ofHttpStatus(int status) {
        return Optional.ofNullable(switch (status) {
            case 400 -> BAD_REQUEST;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 500 -> INTERNAL_ERROR;
            default -> null;
        });
    }

    @Override
    public ProblemSpec spec() {
        return spec;
    }
}
