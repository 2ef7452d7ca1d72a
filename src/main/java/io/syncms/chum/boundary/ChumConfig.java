package io.syncms.chum.boundary;

import io.syncms.chum.control.ChumJobs;
import io.syncms.chum.entity.ChumLimits;
import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.HttpLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Chum's settings from MicroProfile Config (environment variables work the MicroProfile way,
 * e.g. {@code CHUM_PAGE_SIZE}); times in milliseconds.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><td>{@code chum.page-size}</td><td>1000</td><td>entries per listing page (at most 10,000)</td></tr>
 *   <tr><td>{@code chum.fetch-batch-size}</td><td>256</td><td>objects, BLOBs or CLOBs per fetch request (at most 10,000)</td></tr>
 *   <tr><td>{@code chum.fetch-ahead}</td><td>2</td><td>fetch requests an importer keeps running beyond the batch it stores</td></tr>
 *   <tr><td>{@code chum.poll-timeout}</td><td>25000</td><td>longest long poll (the fallback poll when no notification comes)</td></tr>
 *   <tr><td>{@code chum.token-idle-timeout}</td><td>300000</td><td>a session token expires after this long unused</td></tr>
 *   <tr><td>{@code chum.token-lifetime}</td><td>3600000</td><td>a session token expires this long after its handshake;
 *       the importer renews it before with another handshake</td></tr>
 *   <tr><td>{@code chum.challenge-timeout}</td><td>60000</td><td>how long a handshake nonce may be answered</td></tr>
 *   <tr><td>{@code chum.finish-timeout}</td><td>120000</td><td>how long a side that is done waits for the other side's importer</td></tr>
 *   <tr><td>{@code chum.stop-timeout}</td><td>30000</td><td>how long {@code DELETE /api/chums/{id}} waits for the final status (then 202)</td></tr>
 *   <tr><td>{@code chum.http.connect-timeout}</td><td>5000</td><td>connecting to another instance</td></tr>
 *   <tr><td>{@code chum.http.request-timeout}</td><td>60000</td><td>an answer of another instance (a long poll: on top of its wait)</td></tr>
 *   <tr><td>{@code chum.http.max-answer-bytes}</td><td>67108864</td><td>the largest listing page or object batch
 *       accepted from another instance</td></tr>
 *   <tr><td>{@code chum.http.max-item-bytes}</td><td>4294967296</td><td>the largest BLOB or CLOB accepted</td></tr>
 *   <tr><td>{@code chum.http.read-timeout}</td><td>60000</td><td>a content stream that sends nothing this long
 *       is broken off</td></tr>
 *   <tr><td>{@code chum.max-running}</td><td>32</td><td>Chums running at once (then 503)</td></tr>
 *   <tr><td>{@code chum.max-retained}</td><td>1000</td><td>ended Chums whose status is kept</td></tr>
 *   <tr><td>{@code chum.max-open-challenges}</td><td>10000</td><td>unanswered handshake challenges (then 429)</td></tr>
 *   <tr><td>{@code chum.max-challenges-per-address}</td><td>64</td><td>of those, for one client address</td></tr>
 *   <tr><td>{@code chum.retry-initial-delay}</td><td>1000</td><td>a Chum job's wait before the run after one that
 *       achieved full synchronization; it doubles with each run in a row that did not</td></tr>
 *   <tr><td>{@code chum.retry-max-delay}</td><td>300000</td><td>the longest wait between a Chum job's runs</td></tr>
 *   <tr><td>{@code chum.events-interval}</td><td>250</td><td>how often a Chum event stream looks at the status</td></tr>
 *   <tr><td>{@code chum.max-event-subscribers}</td><td>100</td><td>Chum event streams open at once (then 503)</td></tr>
 *   <tr><td>{@code chum.protocol-version}</td><td>{@value ChumSettings#PROTOCOL_VERSION}</td><td>only to test a version mismatch</td></tr>
 * </table>
 */
@ApplicationScoped
public class ChumConfig {

    /** What an exporter serves per listing page or fetch request at most. */
    static final int MAX_PER_REQUEST = 10_000;

    @Inject
    @ConfigProperty(name = "chum.page-size", defaultValue = "1000")
    int pageSize;

    @Inject
    @ConfigProperty(name = "chum.fetch-batch-size", defaultValue = "256")
    int fetchBatchSize;

    @Inject
    @ConfigProperty(name = "chum.fetch-ahead", defaultValue = "2")
    int fetchAhead;

    @Inject
    @ConfigProperty(name = "chum.poll-timeout", defaultValue = "25000")
    long pollTimeout;

    @Inject
    @ConfigProperty(name = "chum.token-idle-timeout", defaultValue = "300000")
    long tokenIdleTimeout;

    @Inject
    @ConfigProperty(name = "chum.token-lifetime", defaultValue = "3600000")
    long tokenLifetime;

    @Inject
    @ConfigProperty(name = "chum.challenge-timeout", defaultValue = "60000")
    long challengeTimeout;

    @Inject
    @ConfigProperty(name = "chum.finish-timeout", defaultValue = "120000")
    long finishTimeout;

    @Inject
    @ConfigProperty(name = "chum.stop-timeout", defaultValue = "30000")
    long stopTimeout;

    @Inject
    @ConfigProperty(name = "chum.http.connect-timeout", defaultValue = "5000")
    long connectTimeout;

    @Inject
    @ConfigProperty(name = "chum.http.request-timeout", defaultValue = "60000")
    long requestTimeout;

    @Inject
    @ConfigProperty(name = "chum.http.max-answer-bytes", defaultValue = "67108864")
    long maxAnswerBytes;

    @Inject
    @ConfigProperty(name = "chum.http.max-item-bytes", defaultValue = "4294967296")
    long maxItemBytes;

    @Inject
    @ConfigProperty(name = "chum.http.read-timeout", defaultValue = "60000")
    long readTimeout;

    @Inject
    @ConfigProperty(name = "chum.max-running", defaultValue = "32")
    int maxRunning;

    @Inject
    @ConfigProperty(name = "chum.max-retained", defaultValue = "1000")
    int maxRetained;

    @Inject
    @ConfigProperty(name = "chum.max-open-challenges", defaultValue = "10000")
    int maxOpenChallenges;

    @Inject
    @ConfigProperty(name = "chum.max-challenges-per-address", defaultValue = "64")
    int maxChallengesPerAddress;

    @Inject
    @ConfigProperty(name = "chum.retry-initial-delay", defaultValue = "1000")
    long retryInitialDelay;

    @Inject
    @ConfigProperty(name = "chum.retry-max-delay", defaultValue = "300000")
    long retryMaxDelay;

    @Inject
    @ConfigProperty(name = "chum.events-interval", defaultValue = "250")
    long eventsInterval;

    @Inject
    @ConfigProperty(name = "chum.max-event-subscribers", defaultValue = "100")
    int maxEventSubscribers;

    @Inject
    @ConfigProperty(name = "chum.protocol-version", defaultValue = "" + ChumSettings.PROTOCOL_VERSION)
    int protocolVersion;

    /** @throws IllegalArgumentException for settings that do not fit together */
    ChumSettings settings() {
        if (pageSize > MAX_PER_REQUEST || fetchBatchSize > MAX_PER_REQUEST) {
            // an exporter refuses more per request (and so would every other instance)
            throw new IllegalArgumentException("chum.page-size and chum.fetch-batch-size are at most " + MAX_PER_REQUEST);
        }
        return new ChumSettings(protocolVersion, pageSize, fetchBatchSize, fetchAhead, Duration.ofMillis(pollTimeout),
                Duration.ofMillis(tokenIdleTimeout), Duration.ofMillis(tokenLifetime), Duration.ofMillis(challengeTimeout), Duration.ofMillis(finishTimeout),
                Clock.systemUTC());
    }

    /** @throws IllegalArgumentException for limits that cannot be used */
    Duration eventsInterval() {
        return Duration.ofMillis(Math.max(10, eventsInterval));
    }

    int maxEventSubscribers() {
        return maxEventSubscribers;
    }

    ChumJobs.Backoff backoff() {
        return new ChumJobs.Backoff(Duration.ofMillis(retryInitialDelay), Duration.ofMillis(retryMaxDelay));
    }

    ChumLimits limits() {
        return new ChumLimits(maxRunning, maxRetained, maxOpenChallenges, maxChallengesPerAddress);
    }

    /** @throws IllegalArgumentException for limits that cannot be used */
    HttpLimits httpLimits() {
        return new HttpLimits(maxAnswerBytes, maxItemBytes, Duration.ofMillis(readTimeout));
    }

    Duration connectTimeout() {
        return Duration.ofMillis(connectTimeout);
    }

    Duration requestTimeout() {
        return Duration.ofMillis(requestTimeout);
    }

    Duration stopTimeout() {
        return Duration.ofMillis(stopTimeout);
    }
}
