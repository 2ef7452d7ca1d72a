package io.syncms.syncms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.clock.control.WallClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeliveryClockTest {

    private final WallClock clock = new WallClock();

    @Test
    void runsTasksAtTheirInstantNeverBeforeAndInTimeOrder() throws InterruptedException {
        List<String> order = new CopyOnWriteArrayList<>();
        List<Long> earliness = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        try (DeliveryClock deliveryClock = new DeliveryClock(clock, Executors.defaultThreadFactory(), "test-clock")) {
            long start = clock.nowMicros();
            for (String[] task : new String[][] {{"c", "30000"}, {"a", "10000"}, {"b", "20000"}}) {
                long at = start + Long.parseLong(task[1]);
                deliveryClock.at(at, () -> {
                    earliness.add(at - clock.nowMicros());
                    order.add(task[0]);
                    done.countDown();
                });
            }
            assertTrue(done.await(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of("a", "b", "c"), order);
        earliness.forEach(e -> assertTrue(e <= 0, "ran " + e + " µs early"));
    }

    @Test
    void pastInstantsRunAtOnceInSubmissionOrder() throws InterruptedException {
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(50);
        try (DeliveryClock deliveryClock = new DeliveryClock(clock, Executors.defaultThreadFactory(), "test-clock")) {
            for (int i = 0; i < 50; i++) {
                int n = i;
                deliveryClock.now(() -> {
                    order.add(n);
                    done.countDown();
                });
            }
            assertTrue(done.await(5, TimeUnit.SECONDS));
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(i, order.get(i));
        }
    }
}
