package io.syncms.chum.control;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The challenges an exporter handed out and not yet seen back: each nonce may be answered once, before
 * it expires, by the importer that asked for it (its own nonce must come back), and holds the
 * exporter's ephemeral key pair for the session key exchange. At most {@link #MAX_OPEN} are kept (the
 * oldest go first), so unanswered challenges cannot fill the memory.
 */
final class Challenges {

    /** A challenge handed out. */
    record Issued(String nonce, String importerNonce, KeyPair ephemeral, Instant expiresAt) {
    }

    static final int MAX_OPEN = 10_000;
    private static final int NONCE_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> open = new LinkedHashMap<>();
    private final Clock clock;
    private final Duration lifetime;

    Challenges(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A fresh random nonce (32 bytes, base64url): the exporter's, or an importer's for its challenge request. */
    static String nonce(SecureRandom random) {
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    synchronized Issued issue(String importerNonce) {
        dropExpired();
        if (open.size() >= MAX_OPEN) {
            Iterator<String> oldest = open.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        Issued issued = new Issued(nonce(random), importerNonce, SessionKeys.ephemeral(), clock.instant().plus(lifetime));
        open.put(issued.nonce(), issued);
        return issued;
    }

    /**
     * The challenge of the nonce if it was issued to the importer that sent {@code importerNonce}, has
     * not expired and was not used; it cannot be used again either way.
     */
    synchronized Optional<Issued> consume(String nonce, String importerNonce) {
        Issued issued = open.remove(nonce);
        if (issued == null || !clock.instant().isBefore(issued.expiresAt()) || !issued.importerNonce().equals(importerNonce)) {
            return Optional.empty();
        }
        return Optional.of(issued);
    }

    private void dropExpired() {
        Instant now = clock.instant();
        open.values().removeIf(issued -> !now.isBefore(issued.expiresAt()));
    }
}
