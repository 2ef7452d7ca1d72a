package io.syncms.syncms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncms.syncms.entity.Delivery;
import io.syncms.syncms.entity.DeliveryKind;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

class DeliveryHistoryTest {

    private static Delivery delivery(long seq) {
        return new Delivery(seq, "g", DeliveryKind.CLIENT, "a", "m" + seq, JsonValue.TRUE, null, null, seq, false);
    }

    @Test
    void keepsTheNewestUpToItsCapacity() {
        DeliveryHistory history = new DeliveryHistory(3);
        for (long seq = 1; seq <= 5; seq++) {
            history.add(delivery(seq));
        }
        assertEquals(3, history.size());
        assertEquals(3L, history.after(0, 100).get(0).seq());
        assertEquals(5L, history.after(0, 100).get(2).seq());
    }

    @Test
    void returnsOnlyWhatCameAfterInOrderUpToTheLimit() {
        DeliveryHistory history = new DeliveryHistory(100);
        for (long seq = 1; seq <= 10; seq++) {
            history.add(delivery(seq));
        }
        assertEquals(java.util.List.of(8L, 9L, 10L), history.after(7, 100).stream().map(Delivery::seq).toList());
        assertEquals(java.util.List.of(8L, 9L), history.after(7, 2).stream().map(Delivery::seq).toList());
        assertEquals(0, history.after(10, 100).size());
    }
}
