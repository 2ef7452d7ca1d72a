package io.syncms.chum.entity;

/**
 * Every Chum setting, its default written once: MicroProfile Config key {@code syncms.chum.<key>}
 * (environment {@code SYNCMS_CHUM_<KEY>}); the older key {@code chum.<key>} is still read when the new one
 * is not set. Times are milliseconds. {@link ChumSettings#defaults()}, {@link ChumLimits#defaults()} and
 * {@link HttpLimits#defaults()} take their defaults from here.
 */
public enum ChumSetting {
    PAGE_SIZE("page-size", 1000, "entries per listing page (at most 10,000)"),
    FETCH_BATCH_SIZE("fetch-batch-size", 256, "objects, BLOBs or CLOBs per fetch request (at most 10,000)"),
    FETCH_AHEAD("fetch-ahead", 2, "fetch requests an importer keeps running beyond the batch it stores"),
    POLL_TIMEOUT("poll-timeout", 25_000, "longest long poll (the fallback poll when no notification comes)"),
    TOKEN_IDLE_TIMEOUT("token-idle-timeout", 300_000, "a session token expires after this long unused"),
    TOKEN_LIFETIME("token-lifetime", 3_600_000, "a session token expires this long after its handshake; the importer renews it before"),
    CHALLENGE_TIMEOUT("challenge-timeout", 60_000, "how long a handshake nonce may be answered"),
    FINISH_TIMEOUT("finish-timeout", 120_000, "how long a side that is done waits for the other side's importer"),
    STOP_TIMEOUT("stop-timeout", 30_000, "how long DELETE /api/chums/{id} waits for the final status (then 202)"),
    HTTP_CONNECT_TIMEOUT("http.connect-timeout", 5000, "connecting to another instance"),
    HTTP_REQUEST_TIMEOUT("http.request-timeout", 60_000, "an answer of another instance (a long poll: on top of its wait)"),
    HTTP_MAX_ANSWER_BYTES("http.max-answer-bytes", 64L << 20, "the largest listing page or object batch accepted from another instance"),
    HTTP_MAX_ITEM_BYTES("http.max-item-bytes", 4L << 30, "the largest BLOB or CLOB accepted"),
    HTTP_READ_TIMEOUT("http.read-timeout", 60_000, "a content stream that sends nothing this long is broken off"),
    MAX_RUNNING("max-running", 32, "Chums running at once (then 503)"),
    MAX_RETAINED("max-retained", 1000, "ended Chums whose status is kept"),
    MAX_OPEN_CHALLENGES("max-open-challenges", 10_000, "unanswered handshake challenges (then 429)"),
    MAX_CHALLENGES_PER_ADDRESS("max-challenges-per-address", 64, "of those, for one client address"),
    RETRY_INITIAL_DELAY("retry-initial-delay", 1000, "a job's wait before its next run after a run that achieved full synchronization"),
    RETRY_MAX_DELAY("retry-max-delay", 300_000, "the longest wait between a job's runs (it doubles with each run in a row without full synchronization)"),
    EVENTS_INTERVAL("events-interval", 250, "how often a Chum event stream looks at the status"),
    MAX_EVENT_SUBSCRIBERS("max-event-subscribers", 100, "Chum event streams open at once (then 503)"),
    ONE_POLL_INTERVAL("one.poll-interval", 5000, "how often a keepRunning Chum over ONE's protocol asks for the roots again (one.core: 5 s)"),
    ONE_MAX_MESSAGE_BYTES("one.max-message-bytes", 64L << 20, "the largest WebSocket message accepted from a ONE peer"),
    ONE_REQUEST_TIMEOUT("one.request-timeout", 60_000, "an answer of a ONE peer, and how long a side waits for the other's FIN"),
    ONE_WORKERS("one.workers", 8, "threads that serve ONE peers' requests, for all connections together"),
    PROTOCOL_VERSION("protocol-version", ChumSettings.PROTOCOL_VERSION, "only to test a version mismatch");

    /** The prefix of every Chum setting. */
    public static final String PREFIX = "syncms.chum.";
    /** The prefix the first releases used, still read. */
    public static final String LEGACY_PREFIX = "chum.";

    private final String key;
    private final long defaultValue;
    private final String description;

    ChumSetting(String key, long defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** {@code syncms.chum.<key>}. */
    public String configKey() {
        return PREFIX + key;
    }

    /** {@code chum.<key>}, read when {@link #configKey()} is not set. */
    public String legacyKey() {
        return LEGACY_PREFIX + key;
    }

    public long defaultValue() {
        return defaultValue;
    }

    public int defaultInt() {
        return Math.toIntExact(defaultValue);
    }

    public java.time.Duration defaultDuration() {
        return java.time.Duration.ofMillis(defaultValue);
    }

    public String description() {
        return description;
    }
}
