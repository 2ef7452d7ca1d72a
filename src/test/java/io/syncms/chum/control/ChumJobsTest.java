package io.syncms.chum.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.syncms.chum.entity.ChumJobStatus;
import io.syncms.chum.entity.ChumProtocolException;
import io.syncms.chum.entity.ChumState;
import io.syncms.store.entity.ReferenceKind;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepRunning Chums as jobs: kept across restarts of either side, retried with backoff, stopped for good. */
class ChumJobsTest {

    private static final ChumJobs.Backoff FAST = new ChumJobs.Backoff(Duration.ofMillis(50), Duration.ofMillis(400));
    private static final Duration DELIVERY = Duration.ofSeconds(ChumPair.TIMEOUT_SECONDS);

    @TempDir
    Path root;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private ChumPair pair;
    private ChumJobs jobsOfA;

    @BeforeEach
    void pairUp() {
        pair = new ChumPair(root);
        jobsOfA = jobsOf(pair.a);
    }

    @AfterEach
    void close() throws InterruptedException {
        jobsOfA.close();
        pair.close();
        scheduler.shutdownNow();
    }

    @Test
    void aJobSurvivesARestartOfItsInstanceAndCarriesWhatWasWrittenMeanwhile() {
        String first = sharedNoteAtA("before the restart");
        String id = jobsOfA.start(pair.a.optionsTo(pair.b, "job", true, 20)).id();
        await().atMost(DELIVERY).until(() -> pair.b.has(ReferenceKind.OBJECT, first));

        jobsOfA.close();
        pair.restart(pair.a, ChumPair.SETTINGS);
        String meanwhile = sharedNoteAtA("written while no Chum ran");
        jobsOfA = jobsOf(pair.a);
        assertEquals(List.of(id), jobsOfA.list().stream().map(ChumJobStatus::id).toList(), "kept in the store directory");
        jobsOfA.resume();

        await().atMost(DELIVERY).until(() -> pair.b.has(ReferenceKind.OBJECT, meanwhile));
        String after = sharedNoteAtA("after the restart");
        await().atMost(DELIVERY).until(() -> pair.b.has(ReferenceKind.OBJECT, after));
        ChumJobStatus job = jobsOfA.find(id).orElseThrow();
        assertTrue(job.running());
        assertEquals(1, job.runs(), "one run since this instance started");
        assertEquals(ChumState.STOPPED, job.history().get(0).state(), "the run the restart stopped, kept in the file");
        assertEquals(id, pair.a.chums.find(id).orElseThrow().id(), "every run has the job's id");
    }

    @Test
    void aJobRunsAgainWhenTheOtherInstanceRestartsAndBacksOffWhileItIsAway() {
        String id = jobsOfA.start(pair.a.optionsTo(pair.b, "job", true, 20)).id();
        ChumNode b = pair.b;
        await().atMost(DELIVERY).until(() -> b.chums.find(id).isPresent());

        // b goes away: nothing answers at its URL, so every run fails at once
        pair.network.register(b.url, (ChumPeer) Proxy.newProxyInstance(ChumPeer.class.getClassLoader(),
                new Class<?>[] {ChumPeer.class}, (proxy, method, arguments) -> {
                    throw new ChumProtocolException("Nothing listens at " + b.url);
                }));
        b.close();
        await().atMost(DELIVERY).until(() -> jobsOfA.find(id).orElseThrow().failures() >= 3);
        ChumJobStatus away = jobsOfA.find(id).orElseThrow();
        assertNotNull(away.lastError());
        assertTrue(away.history().size() >= 3, away.toString());

        ChumNode reopened = ChumNode.open(b.directory, b.name, pair.network, pair.executor, ChumPair.SETTINGS);
        pair.b = reopened;
        String meanwhile = sharedNoteAtA("written while b was away");
        await().atMost(DELIVERY).until(() -> reopened.has(ReferenceKind.OBJECT, meanwhile));
        await().atMost(DELIVERY).until(() -> jobsOfA.find(id).orElseThrow().running());
    }

    @Test
    void aStoppedJobIsForgottenAndNeverRunsAgain() throws Exception {
        String id = jobsOfA.start(pair.a.optionsTo(pair.b, "job", true, 20)).id();
        await().atMost(DELIVERY).until(() -> pair.b.chums.find(id).isPresent());

        assertEquals(ChumState.STOPPED, jobsOfA.stop(id).orElseThrow().toCompletableFuture()
                .get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS).state());
        assertTrue(jobsOfA.list().isEmpty());
        assertTrue(jobsOf(pair.a).list().isEmpty(), "gone from the file too");
        Thread.sleep(4 * FAST.max().toMillis());
        assertEquals(ChumState.STOPPED, pair.a.chums.find(id).orElseThrow().status().state(), "no run after the stop");
        assertTrue(jobsOfA.stop(id).isEmpty());
    }

    @Test
    void aRepeatedOneShotChumIsAJobThatRunsAgainAfterItsIntervalAndIsKeptWithIt() throws Exception {
        Duration every = Duration.ofSeconds(1);
        ChumSession first = jobsOfA.start(pair.a.optionsTo(pair.b, "every second", false, 20), null, every);
        assertEquals(ChumState.DONE, first.ended().toCompletableFuture().get(ChumPair.TIMEOUT_SECONDS, TimeUnit.SECONDS).state(),
                "a one-shot run ends by itself");
        String written = pair.a.note("written after the first run");
        pair.a.grant(written, List.of(pair.b.owner()), List.of());
        await().atMost(DELIVERY).until(() -> pair.b.has(ReferenceKind.OBJECT, written));
        ChumJobStatus job = jobsOfA.find(first.id()).orElseThrow();
        assertEquals(every, job.every());
        assertTrue(job.runs() >= 2, "ran again: " + job);
        assertTrue(job.history().stream().allMatch(run -> run.state() == ChumState.DONE), job.history().toString());
        assertEquals(every, jobsOf(pair.a).list().get(0).every(), "kept in the file with its interval");
        assertThrows(IllegalArgumentException.class, () -> jobsOfA.start(pair.a.optionsTo(pair.b, "too often", false, 20), null,
                Duration.ofMillis(10)));
        assertThrows(IllegalArgumentException.class, () -> jobsOfA.start(pair.a.optionsTo(pair.b, "both", true, 20), null, every));
    }

    @Test
    void aOneShotChumIsNoJobAndAJobThatCannotStartIsNotKept() {
        jobsOfA.start(pair.a.optionsTo(pair.b, "once", false, 20));
        assertTrue(jobsOfA.list().isEmpty());
        ChumNode stranger = ChumNode.open(root.resolve("c"), "c", pair.network, pair.executor, ChumPair.SETTINGS);
        try {
            assertThrows(IllegalArgumentException.class, () -> jobsOfA.start(pair.a.optionsTo(stranger, "job", true, 20)));
            assertTrue(jobsOf(pair.a).list().isEmpty());
        } finally {
            stranger.close();
        }
    }

    @Test
    void theBackoffDoublesFromItsInitialDelayUpToItsLongestWithAFifthOfJitter() {
        ChumJobs.Backoff backoff = new ChumJobs.Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        for (int i = 0; i < 100; i++) {
            assertBetween(800, 1000, backoff.after(0));
            assertBetween(1600, 2000, backoff.after(1));
            assertBetween(6400, 8000, backoff.after(3));
            assertBetween(48_000, 60_000, backoff.after(6));
            assertBetween(48_000, 60_000, backoff.after(1000));
        }
        assertThrows(IllegalArgumentException.class, () -> new ChumJobs.Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new ChumJobs.Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    private static void assertBetween(long low, long high, Duration actual) {
        assertFalse(actual.toMillis() < low || actual.toMillis() > high, actual + " not in [" + low + ", " + high + "] ms");
    }

    private ChumJobs jobsOf(ChumNode node) {
        return new ChumJobs(node.chums, node.directory, scheduler, Clock.systemUTC(), FAST);
    }

    private String sharedNoteAtA(String text) {
        String note = pair.a.note(text);
        pair.a.grant(note, List.of(pair.bob()), List.of());
        return note;
    }
}
