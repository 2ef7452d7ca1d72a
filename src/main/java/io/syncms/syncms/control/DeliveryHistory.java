package io.syncms.syncms.control;

import io.syncms.syncms.entity.Delivery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The last deliveries of a participant, in delivery order: at most {@code capacity} of them, and at most
 * {@code byteBudget} characters of message JSON in all, so a burst of large messages cannot fill the
 * memory (the newest delivery is always kept).
 */
public class DeliveryHistory {

    private record Entry(Delivery delivery, long size) {
    }

    private final int capacity;
    private final long byteBudget;
    private final Deque<Entry> deliveries = new ArrayDeque<>();
    private long bytes;

    public DeliveryHistory(int capacity, long byteBudget) {
        if (capacity < 1 || byteBudget < 1) {
            throw new IllegalArgumentException("capacity and byteBudget must be positive");
        }
        this.capacity = capacity;
        this.byteBudget = byteBudget;
    }

    public synchronized void add(Delivery delivery) {
        long size = delivery.message() == null ? 0 : delivery.message().toString().length();
        deliveries.addLast(new Entry(delivery, size));
        bytes += size;
        while (deliveries.size() > capacity || bytes > byteBudget && deliveries.size() > 1) {
            bytes -= deliveries.removeFirst().size();
        }
    }

    /** Deliveries with {@code seq > after}, oldest first, at most {@code limit}. */
    public synchronized List<Delivery> after(long after, int limit) {
        List<Delivery> result = new ArrayList<>();
        Iterator<Entry> newestFirst = deliveries.descendingIterator();
        while (newestFirst.hasNext()) {
            Delivery delivery = newestFirst.next().delivery();
            if (delivery.seq() <= after) {
                break;
            }
            result.add(delivery);
        }
        java.util.Collections.reverse(result);
        return result.size() > limit ? List.copyOf(result.subList(0, limit)) : result;
    }

    public synchronized int size() {
        return deliveries.size();
    }
}
