package io.syncms.syncms.control;

import io.syncms.syncms.entity.Delivery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/** The last {@code capacity} deliveries of a participant, in delivery order. */
public class DeliveryHistory {

    private final int capacity;
    private final Deque<Delivery> deliveries = new ArrayDeque<>();

    public DeliveryHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    public synchronized void add(Delivery delivery) {
        deliveries.addLast(delivery);
        if (deliveries.size() > capacity) {
            deliveries.removeFirst();
        }
    }

    /** Deliveries with {@code seq > after}, oldest first, at most {@code limit}. */
    public synchronized List<Delivery> after(long after, int limit) {
        List<Delivery> result = new ArrayList<>();
        Iterator<Delivery> newestFirst = deliveries.descendingIterator();
        while (newestFirst.hasNext()) {
            Delivery delivery = newestFirst.next();
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
