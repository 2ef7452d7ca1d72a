package io.syncms.bench.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DelayedLinkTest {

    @Test
    void delaysEveryTaskAtLeastByTheOneWayDelayAndKeepsTheirOrder() throws Exception {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try {
            DelayedLink link = new DelayedLink(scheduler, 30_000, 20_000, 1);
            int count = 50;
            List<Integer> order = new ArrayList<>();
            long[] delays = new long[count];
            CountDownLatch done = new CountDownLatch(count);
            for (int i = 0; i < count; i++) {
                int task = i;
                long sent = System.nanoTime();
                link.send(() -> {
                    synchronized (order) {
                        order.add(task);
                    }
                    delays[task] = (System.nanoTime() - sent) / 1_000;
                    done.countDown();
                });
            }
            assertTrue(done.await(5, TimeUnit.SECONDS));
            for (int i = 0; i < count; i++) {
                assertEquals(i, order.get(i), "the link is FIFO");
                assertTrue(delays[i] >= 30_000, "task " + i + " arrived after " + delays[i] + " µs");
            }
        } finally {
            scheduler.shutdownNow();
        }
    }
}
