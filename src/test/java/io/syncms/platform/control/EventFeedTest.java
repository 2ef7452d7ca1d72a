package io.syncms.platform.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventFeedTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A subscriber that records what it got, and can be made to hang in a send. */
    static final class Recorder implements EventFeed.Sink<Integer> {
        final List<Integer> got = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean stuck;
        volatile boolean closed;

        @Override
        public void send(Integer event) throws InterruptedException {
            if (stuck) {
                release.await();
            }
            got.add(event);
        }

        @Override
        public void close() {
            closed = true;
            release.countDown();
        }
    }

    @Test
    void theHistoryComesFirstThenEveryOfferInOrder() {
        Recorder recorder = new Recorder();
        EventFeed<Integer> feed = new EventFeed<>(recorder, 100, executor, ended -> { });
        feed.start(List.of(1, 2, 3));
        for (int i = 4; i <= 50; i++) {
            assertTrue(feed.offer(i));
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> recorder.got.size() == 50);
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 50).boxed().toList(), recorder.got);
        assertFalse(feed.ended());
    }

    @Test
    void whatIsOfferedBeforeTheStartWaitsForTheHistory() {
        Recorder recorder = new Recorder();
        EventFeed<Integer> feed = new EventFeed<>(recorder, 100, executor, ended -> { });
        // a live delivery that came between the subscription and the read of the history
        feed.offer(4);
        feed.start(List.of(1, 2, 3));
        feed.offer(5);
        await().atMost(5, TimeUnit.SECONDS).until(() -> recorder.got.size() == 5);
        assertEquals(List.of(1, 2, 3, 4, 5), recorder.got);
    }

    @Test
    void aStuckSubscriberIsDroppedWhenItsQueueFillsAndNeverHoldsUpTheOthers() {
        Recorder stuck = new Recorder();
        stuck.stuck = true;
        Recorder quick = new Recorder();
        List<EventFeed<Integer>> ended = new CopyOnWriteArrayList<>();
        EventFeed<Integer> slow = new EventFeed<>(stuck, 10, executor, ended::add);
        EventFeed<Integer> fast = new EventFeed<>(quick, 10, executor, ended::add);
        slow.start(List.of());
        fast.start(List.of());

        long started = System.nanoTime();
        boolean slowStillOn = true;
        for (int i = 1; i <= 1000; i++) {
            slowStillOn &= slow.offer(i);
            fast.offer(i);
            if (i % 5 == 0) {
                int sent = i;
                await().pollInterval(1, TimeUnit.MILLISECONDS).atMost(5, TimeUnit.SECONDS).until(() -> quick.got.size() == sent);
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertFalse(slowStillOn);
        assertTrue(slow.ended());
        assertTrue(stuck.closed, "its sink was closed, which ends a send blocked in it");
        assertTrue(slow.endReason().contains("fell"), slow.endReason());
        assertEquals(List.of(slow), ended);
        assertEquals(1000, quick.got.size());
        assertTrue(millis < 30_000, "offering took " + millis + " ms");
        assertFalse(slow.offer(1001), "an ended feed takes nothing");
    }

    @Test
    void aSendThatFailsEndsTheFeed() {
        List<EventFeed<Integer>> ended = new CopyOnWriteArrayList<>();
        EventFeed<Integer> feed = new EventFeed<>(new EventFeed.Sink<>() {
            @Override
            public void send(Integer event) {
                throw new IllegalStateException("the client went away");
            }

            @Override
            public void close() {
            }
        }, 10, executor, ended::add);
        feed.start(List.of(1));
        await().atMost(5, TimeUnit.SECONDS).until(feed::ended);
        assertTrue(feed.endReason().contains("the client went away"));
        assertEquals(List.of(feed), ended);
    }

    @Test
    void aHeartbeatFindsOutASubscriberThatWentAwayWithoutAnEvent() {
        java.util.concurrent.atomic.AtomicInteger beats = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean gone = new java.util.concurrent.atomic.AtomicBoolean();
        EventFeed<Integer> feed = new EventFeed<>(new EventFeed.Sink<>() {
            @Override
            public void send(Integer event) {
            }

            @Override
            public void heartbeat() {
                beats.incrementAndGet();
                if (gone.get()) {
                    throw new IllegalStateException("the client went away");
                }
            }

            @Override
            public void close() {
            }
        }, 10, executor, ended -> { });
        feed.start(List.of());
        feed.heartbeat();
        await().atMost(5, TimeUnit.SECONDS).until(() -> beats.get() == 1);
        assertFalse(feed.ended());
        gone.set(true);
        feed.heartbeat();
        await().atMost(5, TimeUnit.SECONDS).until(feed::ended);
        assertTrue(feed.endReason().contains("heartbeat"), feed.endReason());
    }
}
