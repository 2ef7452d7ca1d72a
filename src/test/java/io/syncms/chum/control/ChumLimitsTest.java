package io.syncms.chum.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.chum.entity.ChumLimits;
import io.syncms.chum.entity.ChumState;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.platform.entity.LimitExceededException;
import io.syncms.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an instance's Chums may hold at once: challenges, running Chums, retained handles. */
class ChumLimitsTest {

    @TempDir
    Path root;

    @Test
    void openChallengesAreBoundedInAllAndPerAddressAndAnExpiryFreesThem() {
        MutableClock clock = new MutableClock();
        Challenges challenges = new Challenges(clock, Duration.ofSeconds(60), 5, 2);
        challenges.issue("n1", "10.0.0.1");
        challenges.issue("n2", "10.0.0.1");
        LimitExceededException perAddress = assertThrows(LimitExceededException.class, () -> challenges.issue("n3", "10.0.0.1"));
        assertEquals(429, perAddress.status());
        assertEquals(60, perAddress.retryAfterSeconds());
        challenges.issue("n4", "10.0.0.2");
        challenges.issue("n5", "10.0.0.3");
        challenges.issue("n6", "10.0.0.4");
        assertTrue(assertThrows(LimitExceededException.class, () -> challenges.issue("n7", "10.0.0.5")).getMessage()
                .contains("syncms.chum.max-open-challenges"));
        assertEquals(5, challenges.openCount(), "nothing open was dropped for the newcomer");

        clock.advance(Duration.ofSeconds(61));
        challenges.issue("n8", "10.0.0.1");
        challenges.issue("n9", "10.0.0.1");
        assertEquals(2, challenges.openCount());
    }

    @Test
    void anAnsweredChallengeFreesItsAddress() {
        Challenges challenges = new Challenges(new MutableClock(), Duration.ofSeconds(60), 100, 1);
        Challenges.Issued issued = challenges.issue("importer-nonce", "10.0.0.1");
        assertThrows(LimitExceededException.class, () -> challenges.issue("other", "10.0.0.1"));
        assertTrue(challenges.consume(issued.nonce(), "importer-nonce").isPresent());
        challenges.issue("other", "10.0.0.1");
    }

    @Test
    void runningChumsAreBoundedAndOnlyTheNewestEndedOnesAreKept() throws Exception {
        try (ChumPair pair = new ChumPair(root)) {
            ChumService limited = new ChumService(new LocalInstance(pair.a.store, pair.a.access, pair.a.identity),
                    pair.a.chums.trustedPeers(), pair.network, pair.executor, ChumPair.SETTINGS, new ChumLimits(1, 2, 100, 10));
            // b reaches a's side of these Chums through the limited service's exporter
            pair.network.register(pair.a.url, new InMemoryChumPeer(limited.exporter()));
            try {
                ChumSession running = limited.start(pair.a.optionsTo(pair.b, "keep", true, 20));
                LimitExceededException full = assertThrows(LimitExceededException.class,
                        () -> limited.start(pair.a.optionsTo(pair.b, "second", false, 20)));
                assertEquals(503, full.status());
                assertEquals("CHUM-LIMIT1", full.code());
                running.stop().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);

                for (int i = 0; i < 3; i++) {
                    ChumStatus done = limited.start(pair.a.optionsTo(pair.b, "one-shot " + i, false, 20)).ended()
                            .toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    assertEquals(ChumState.DONE, done.state());
                }
                assertEquals(2, limited.statuses().size(), "the two newest ended Chums are kept");
                assertTrue(limited.find(running.id()).isEmpty(), "the oldest was forgotten (its log stays in the store)");
            } finally {
                limited.close();
            }
        }
    }
}
