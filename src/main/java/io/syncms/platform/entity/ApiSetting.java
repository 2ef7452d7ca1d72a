package io.syncms.platform.entity;

/**
 * The REST API's body limits, each default written once: key {@code syncms.api.<key>} (environment
 * {@code SYNCMS_API_<KEY>}); the first releases' {@code api.<key>} is still read.
 */
public enum ApiSetting {
    MAX_JSON_BYTES("max-json-bytes", 1L << 20),
    MAX_BATCH_BYTES("max-batch-bytes", 256L << 20),
    MAX_BATCH_LINES("max-batch-lines", 1_000_000),
    MAX_CONTENT_BYTES("max-content-bytes", 4L << 30);

    private final String key;
    private final long defaultValue;

    ApiSetting(String key, long defaultValue) {
        this.key = key;
        this.defaultValue = defaultValue;
    }

    public String configKey() {
        return "syncms.api." + key;
    }

    public String legacyKey() {
        return "api." + key;
    }

    public long defaultValue() {
        return defaultValue;
    }
}
