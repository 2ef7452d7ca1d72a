package io.syncms.chum.control;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The nonces an exporter handed out and not yet seen back: each may be answered once, before it
 * expires. At most {@link #MAX_OPEN} are kept (the oldest go first), so unanswered challenges cannot
 * fill the memory.
 */
final class Challenges {

    record Nonce(String value, Instant expiresAt) {
    }

    static final int MAX_OPEN = 10_000;
    private static final int NONCE_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> open = new LinkedHashMap<>();
    private final Clock clock;
    private final Duration lifetime;

    Challenges(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    synchronized Nonce issue() {
        dropExpired();
        if (open.size() >= MAX_OPEN) {
            Iterator<String> oldest = open.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        Nonce nonce = new Nonce(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), clock.instant().plus(lifetime));
        open.put(nonce.value(), nonce.expiresAt());
        return nonce;
    }

    /** Whether the nonce was issued, has not expired and was not used; it cannot be used again. */
    synchronized boolean consume(String nonce) {
        Instant expiresAt = open.remove(nonce);
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }

    private void dropExpired() {
        Instant now = clock.instant();
        open.values().removeIf(expiresAt -> !now.isBefore(expiresAt));
    }
}
