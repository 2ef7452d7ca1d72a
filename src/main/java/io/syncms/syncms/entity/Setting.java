package io.syncms.syncms.entity;

/**
 * The per-group settings. The first seven and their defaults are those of the reference implementation;
 * the rest are this module's additions. Times are milliseconds.
 */
public enum Setting {
    /** Period at which a participant waiting in initialize re-reads the membership (a listener reacts at once). */
    INIT_WAIT("init-wait", "initWaitMs", 2000, 1, 3_600_000),
    /** Initialize fails with a timeout if the group is not complete after this long. */
    INIT_TIMEOUT("init-timeout", "initTimeoutMs", 5000, 1, 3_600_000),
    /** How long a slave waits for the master's answer to one clock request before it counts the sample as lost. */
    CLOCK_SYNC_WAIT("clock-sync-wait", "clockSyncWaitMs", 2000, 1, 3_600_000),
    /** A slave's clock synchronisation fails with a timeout if it has not finished after this long. */
    CLOCK_SYNC_TIMEOUT("clock-sync-timeout", "clockSyncTimeoutMs", 8000, 1, 3_600_000),
    /** Pause between two clock requests of a slave. */
    CLOCK_SYNC_CYCLE_DELAY("clock-sync-cycle-delay", "clockSyncCycleDelayMs", 1000, 0, 3_600_000),
    /** Number of clock requests (samples) per slave. */
    CLOCK_SYNC_ITERATIONS("clock-sync-iterations", "clockSyncIterations", 2, 1, 10_000),
    /** The master's clock synchronisation fails if some slave has not reported its result after this long. */
    MASTER_CLOCK_SYNC_FINISH("master-clock-sync-finish", "masterClockSyncFinishMs", 5000, 1, 3_600_000),
    /** Added to the largest one-way delay to give the sync-out delivery delay D. */
    SYNC_OUT_MARGIN("sync-out-margin", "syncOutMarginMs", 20, 0, 600_000),
    /** Added to the largest (one-way delay + clock error) to give the sync-in window W. */
    SYNC_IN_MARGIN("sync-in-margin", "syncInMarginMs", 20, 0, 600_000),
    /** How many deliveries a participant keeps for {@code GET .../deliveries}. */
    DELIVERY_HISTORY("delivery-history", "deliveryHistory", 10_000, 1, 1_000_000),
    /** How many characters of message JSON that history holds at most (the oldest deliveries go first). */
    DELIVERY_HISTORY_BYTES("delivery-history-bytes", "deliveryHistoryBytes", 16L * 1024 * 1024, 1024, 1024L * 1024 * 1024),
    /** Largest accepted message (its JSON text, UTF-8 bytes); a JSON body of the REST API is at most 1 MiB anyway. */
    MAX_MESSAGE_BYTES("max-message-bytes", "maxMessageBytes", 65_536, 1, 1024 * 1024);

    private final String configKey;
    private final String jsonKey;
    private final long defaultValue;
    private final long min;
    private final long max;

    Setting(String configKey, String jsonKey, long defaultValue, long min, long max) {
        this.configKey = configKey;
        this.jsonKey = jsonKey;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
    }

    /** Name in MicroProfile Config, after the {@code syncms.} or {@code syncms.groups.<group>.} prefix. */
    public String configKey() {
        return configKey;
    }

    /** Name in the REST API's {@code settings} object. */
    public String jsonKey() {
        return jsonKey;
    }

    public long defaultValue() {
        return defaultValue;
    }

    public long checked(long value) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    jsonKey + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    public static Setting byJsonKey(String key) {
        for (Setting setting : values()) {
            if (setting.jsonKey.equals(key)) {
                return setting;
            }
        }
        throw new IllegalArgumentException("unknown setting \"" + key + "\"");
    }
}
