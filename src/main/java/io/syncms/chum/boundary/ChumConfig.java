package io.syncms.chum.boundary;

import static io.syncms.chum.entity.ChumSetting.ONE_MAX_MESSAGE_BYTES;
import static io.syncms.chum.entity.ChumSetting.ONE_POLL_INTERVAL;
import static io.syncms.chum.entity.ChumSetting.ONE_REQUEST_TIMEOUT;
import static io.syncms.chum.entity.ChumSetting.ONE_WORKERS;
import static io.syncms.chum.entity.ChumSetting.CHALLENGE_TIMEOUT;
import static io.syncms.chum.entity.ChumSetting.EVENTS_INTERVAL;
import static io.syncms.chum.entity.ChumSetting.FETCH_AHEAD;
import static io.syncms.chum.entity.ChumSetting.FETCH_BATCH_SIZE;
import static io.syncms.chum.entity.ChumSetting.FINISH_TIMEOUT;
import static io.syncms.chum.entity.ChumSetting.HTTP_CONNECT_TIMEOUT;
import static io.syncms.chum.entity.ChumSetting.HTTP_MAX_ANSWER_BYTES;
import static io.syncms.chum.entity.ChumSetting.HTTP_MAX_ITEM_BYTES;
import static io.syncms.chum.entity.ChumSetting.HTTP_READ_TIMEOUT;
import static io.syncms.chum.entity.ChumSetting.HTTP_REQUEST_TIMEOUT;
import static io.syncms.chum.entity.ChumSetting.MAX_CHALLENGES_PER_ADDRESS;
import static io.syncms.chum.entity.ChumSetting.MAX_EVENT_SUBSCRIBERS;
import static io.syncms.chum.entity.ChumSetting.MAX_OPEN_CHALLENGES;
import static io.syncms.chum.entity.ChumSetting.MAX_RETAINED;
import static io.syncms.chum.entity.ChumSetting.MAX_RUNNING;
import static io.syncms.chum.entity.ChumSetting.PAGE_SIZE;
import static io.syncms.chum.entity.ChumSetting.POLL_TIMEOUT;
import static io.syncms.chum.entity.ChumSetting.PROTOCOL_VERSION;
import static io.syncms.chum.entity.ChumSetting.RETRY_INITIAL_DELAY;
import static io.syncms.chum.entity.ChumSetting.RETRY_MAX_DELAY;
import static io.syncms.chum.entity.ChumSetting.STOP_TIMEOUT;
import static io.syncms.chum.entity.ChumSetting.TOKEN_IDLE_TIMEOUT;
import static io.syncms.chum.entity.ChumSetting.TOKEN_LIFETIME;

import io.syncms.chum.control.ChumJobs;
import io.syncms.chum.entity.ChumLimits;
import io.syncms.chum.entity.ChumSetting;
import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.HttpLimits;
import io.syncms.platform.control.ConfigKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The Chum's settings from MicroProfile Config: every key, default and meaning is in {@link ChumSetting}
 * ({@code syncms.chum.page-size}, environment {@code SYNCMS_CHUM_PAGE_SIZE}, …); the key of the first
 * releases ({@code chum.page-size}) is read when the new one is not set, with a warning.
 */
@ApplicationScoped
public class ChumConfig {

    /** What an exporter serves per listing page or fetch request at most. */
    static final int MAX_PER_REQUEST = 10_000;

    /** The value of a setting: its key, else its older key, else its default. */
    static long value(Config config, ChumSetting setting) {
        return ConfigKeys.read(config, setting.configKey(), setting.legacyKey(), Long.class).orElse(setting.defaultValue());
    }

    private static long value(ChumSetting setting) {
        return value(ConfigProvider.getConfig(), setting);
    }

    private static int intValue(ChumSetting setting) {
        return Math.toIntExact(value(setting));
    }

    private static Duration millis(ChumSetting setting) {
        return Duration.ofMillis(value(setting));
    }

    /** @throws IllegalArgumentException for settings that do not fit together */
    ChumSettings settings() {
        int pageSize = intValue(PAGE_SIZE);
        int fetchBatchSize = intValue(FETCH_BATCH_SIZE);
        if (pageSize > MAX_PER_REQUEST || fetchBatchSize > MAX_PER_REQUEST) {
            // an exporter refuses more per request (and so would every other instance)
            throw new IllegalArgumentException(PAGE_SIZE.configKey() + " and " + FETCH_BATCH_SIZE.configKey() + " are at most "
                    + MAX_PER_REQUEST);
        }
        return new ChumSettings(intValue(PROTOCOL_VERSION), pageSize, fetchBatchSize, intValue(FETCH_AHEAD), millis(POLL_TIMEOUT),
                millis(TOKEN_IDLE_TIMEOUT), millis(TOKEN_LIFETIME), millis(CHALLENGE_TIMEOUT), millis(FINISH_TIMEOUT),
                Clock.systemUTC());
    }

    Duration eventsInterval() {
        return Duration.ofMillis(Math.max(10, value(EVENTS_INTERVAL)));
    }

    int maxEventSubscribers() {
        return intValue(MAX_EVENT_SUBSCRIBERS);
    }

    ChumJobs.Backoff backoff() {
        return new ChumJobs.Backoff(millis(RETRY_INITIAL_DELAY), millis(RETRY_MAX_DELAY));
    }

    /** @throws IllegalArgumentException for limits that cannot be used */
    ChumLimits limits() {
        return new ChumLimits(intValue(MAX_RUNNING), intValue(MAX_RETAINED), intValue(MAX_OPEN_CHALLENGES),
                intValue(MAX_CHALLENGES_PER_ADDRESS));
    }

    /** @throws IllegalArgumentException for limits that cannot be used */
    HttpLimits httpLimits() {
        return new HttpLimits(value(HTTP_MAX_ANSWER_BYTES), value(HTTP_MAX_ITEM_BYTES), millis(HTTP_READ_TIMEOUT));
    }

    /** Connecting to another instance or a ONE peer. */
    public Duration connectTimeout() {
        return millis(HTTP_CONNECT_TIMEOUT);
    }

    Duration requestTimeout() {
        return millis(HTTP_REQUEST_TIMEOUT);
    }

    Duration stopTimeout() {
        return millis(STOP_TIMEOUT);
    }

    public long onePollIntervalMillis() {
        return value(ONE_POLL_INTERVAL);
    }

    public int oneMaxMessageBytes() {
        return Math.toIntExact(Math.min(Integer.MAX_VALUE - 64, value(ONE_MAX_MESSAGE_BYTES)));
    }

    public long oneRequestTimeoutMillis() {
        return value(ONE_REQUEST_TIMEOUT);
    }

    public int oneWorkers() {
        return intValue(ONE_WORKERS);
    }

    /** The largest BLOB or CLOB accepted from a peer. */
    public long maxItemBytes() {
        return value(HTTP_MAX_ITEM_BYTES);
    }

    /** Chums running at once. */
    public int maxRunning() {
        return intValue(MAX_RUNNING);
    }
}
