package io.syncms.chum.entity;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the Chum (MicroProfile Config in the boundary; defaults in {@link ChumSetting}).
 *
 * @param protocolVersion  the protocol version this instance speaks (always {@code PROTOCOL_VERSION}
 *                         except in tests of a mismatch)
 * @param pageSize         entries per listing page
 * @param fetchBatchSize   objects (or BLOBs/CLOBs) per fetch request
 * @param fetchAhead       how many fetch requests an importer keeps running beyond the batch it stores
 * @param pollTimeout      the longest a long-poll waits before it answers "unchanged" (the fallback poll)
 * @param tokenIdleTimeout a session token expires after this long without a request
 * @param tokenLifetime    a session token expires this long after its handshake in any case (the
 *                         importer renews it before, with another handshake)
 * @param challengeTimeout how long a challenge nonce may be answered
 * @param finishTimeout    how long a side whose importer is done waits for the remote importer to connect
 * @param clock            for expiries and log times
 */
public record ChumSettings(int protocolVersion, int pageSize, int fetchBatchSize, int fetchAhead, Duration pollTimeout,
                           Duration tokenIdleTimeout, Duration tokenLifetime, Duration challengeTimeout,
                           Duration finishTimeout, Clock clock) {

    /**
     * The version of the protocol implemented here. 2: the exporter signs its challenge too, the
     * handshake names the exporter's key, and the session token comes from a key exchange.
     */
    public static final int PROTOCOL_VERSION = 2;

    public ChumSettings {
        if (pageSize < 1 || fetchBatchSize < 1 || fetchAhead < 1) {
            throw new IllegalArgumentException("pageSize, fetchBatchSize and fetchAhead must be positive");
        }
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        Objects.requireNonNull(tokenIdleTimeout, "tokenIdleTimeout");
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetime must be positive");
        }
        Objects.requireNonNull(challengeTimeout, "challengeTimeout");
        Objects.requireNonNull(finishTimeout, "finishTimeout");
        Objects.requireNonNull(clock, "clock");
        if (pollTimeout.compareTo(tokenIdleTimeout) >= 0) {
            throw new IllegalArgumentException("pollTimeout must be shorter than tokenIdleTimeout, or waiting expires the token");
        }
    }

    public static ChumSettings defaults() {
        return new ChumSettings(PROTOCOL_VERSION, ChumSetting.PAGE_SIZE.defaultInt(), ChumSetting.FETCH_BATCH_SIZE.defaultInt(),
                ChumSetting.FETCH_AHEAD.defaultInt(), ChumSetting.POLL_TIMEOUT.defaultDuration(),
                ChumSetting.TOKEN_IDLE_TIMEOUT.defaultDuration(), ChumSetting.TOKEN_LIFETIME.defaultDuration(),
                ChumSetting.CHALLENGE_TIMEOUT.defaultDuration(), ChumSetting.FINISH_TIMEOUT.defaultDuration(), Clock.systemUTC());
    }

    public ChumSettings withProtocolVersion(int version) {
        return new ChumSettings(version, pageSize, fetchBatchSize, fetchAhead, pollTimeout, tokenIdleTimeout, tokenLifetime, challengeTimeout, finishTimeout, clock);
    }

    public ChumSettings withPaging(int entriesPerPage, int objectsPerFetch) {
        return new ChumSettings(protocolVersion, entriesPerPage, objectsPerFetch, fetchAhead, pollTimeout, tokenIdleTimeout, tokenLifetime, challengeTimeout, finishTimeout, clock);
    }

    public ChumSettings withTimeouts(Duration poll, Duration tokenIdle, Duration challenge, Duration finish) {
        return new ChumSettings(protocolVersion, pageSize, fetchBatchSize, fetchAhead, poll, tokenIdle, tokenLifetime, challenge, finish, clock);
    }

    public ChumSettings withFetchAhead(int requests) {
        return new ChumSettings(protocolVersion, pageSize, fetchBatchSize, requests, pollTimeout, tokenIdleTimeout, tokenLifetime, challengeTimeout, finishTimeout, clock);
    }

    public ChumSettings withTokenLifetime(Duration lifetime) {
        return new ChumSettings(protocolVersion, pageSize, fetchBatchSize, fetchAhead, pollTimeout, tokenIdleTimeout, lifetime, challengeTimeout, finishTimeout, clock);
    }

    public ChumSettings withClock(Clock newClock) {
        return new ChumSettings(protocolVersion, pageSize, fetchBatchSize, fetchAhead, pollTimeout, tokenIdleTimeout, tokenLifetime, challengeTimeout, finishTimeout, newClock);
    }
}
