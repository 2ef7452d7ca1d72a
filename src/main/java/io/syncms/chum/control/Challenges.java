package io.syncms.chum.control;

import io.syncms.platform.entity.LimitExceededException;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The challenges an exporter handed out and not yet seen back: each nonce may be answered once, before
 * it expires, by the importer that asked for it (its own nonce must come back), and holds the
 * exporter's ephemeral key pair for the session key exchange. At most {@code maxOpen} are open at once,
 * and at most {@code maxPerAddress} for one client address: past that a new one is refused (429) rather
 * than an open one dropped, so a flood from one address can neither fill the memory nor take the
 * challenges of others.
 */
final class Challenges {

    /** A challenge handed out. */
    record Issued(String nonce, String importerNonce, String address, KeyPair ephemeral, Instant expiresAt) {
    }

    private static final int NONCE_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> open = new LinkedHashMap<>();
    private final Map<String, Integer> perAddress = new HashMap<>();
    private final Clock clock;
    private final Duration lifetime;
    private final int maxOpen;
    private final int maxPerAddress;

    Challenges(Clock clock, Duration lifetime, int maxOpen, int maxPerAddress) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.maxOpen = maxOpen;
        this.maxPerAddress = maxPerAddress;
    }

    /** A fresh random nonce (32 bytes, base64url): the exporter's, or an importer's for its challenge request. */
    static String nonce(SecureRandom random) {
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @throws LimitExceededException (429) if too many challenges are open, in all or for the address */
    synchronized Issued issue(String importerNonce, String address) {
        dropExpired();
        if (open.size() >= maxOpen) {
            throw LimitExceededException.tooMany("CHUM-LIMIT2", open.size() + " handshake challenges are open, the limit"
                    + " (syncms.chum.max-open-challenges)", lifetime);
        }
        if (perAddress.getOrDefault(address, 0) >= maxPerAddress) {
            throw LimitExceededException.tooMany("CHUM-LIMIT2", "address " + address + " holds " + maxPerAddress
                    + " open handshake challenges, the limit (syncms.chum.max-challenges-per-address)", lifetime);
        }
        Issued issued = new Issued(nonce(random), importerNonce, address, SessionKeys.ephemeral(), clock.instant().plus(lifetime));
        open.put(issued.nonce(), issued);
        perAddress.merge(address, 1, Integer::sum);
        return issued;
    }

    /**
     * The challenge of the nonce if it was issued to the importer that sent {@code importerNonce}, has
     * not expired and was not used; it cannot be used again either way.
     */
    synchronized Optional<Issued> consume(String nonce, String importerNonce) {
        Issued issued = open.remove(nonce);
        if (issued != null) {
            forget(issued);
        }
        if (issued == null || !clock.instant().isBefore(issued.expiresAt()) || !issued.importerNonce().equals(importerNonce)) {
            return Optional.empty();
        }
        return Optional.of(issued);
    }

    private void dropExpired() {
        Instant now = clock.instant();
        Iterator<Issued> oldestFirst = open.values().iterator();
        while (oldestFirst.hasNext()) {
            Issued issued = oldestFirst.next();
            if (now.isBefore(issued.expiresAt())) {
                // issued in order with one lifetime: the rest expire later
                return;
            }
            oldestFirst.remove();
            forget(issued);
        }
    }

    private void forget(Issued issued) {
        perAddress.computeIfPresent(issued.address(), (address, count) -> count > 1 ? count - 1 : null);
    }

    synchronized int openCount() {
        return open.size();
    }
}
