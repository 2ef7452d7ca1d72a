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
        DeliveryHistory history = new DeliveryHistory(3, 1 << 20);
        for (long seq = 1; seq <= 5; seq++) {
            history.add(delivery(seq));
        }
        assertEquals(3, history.size());
        assertEquals(3L, history.after(0, 100).get(0).seq());
        assertEquals(5L, history.after(0, 100).get(2).seq());
    }

    @Test
    void returnsOnlyWhatCameAfterInOrderUpToTheLimit() {
        DeliveryHistory history = new DeliveryHistory(100, 1 << 20);
        for (long seq = 1; seq <= 10; seq++) {
            history.add(delivery(seq));
        }
        assertEquals(java.util.List.of(8L, 9L, 10L), history.after(7, 100).stream().map(Delivery::seq).toList());
        assertEquals(java.util.List.of(8L, 9L), history.after(7, 2).stream().map(Delivery::seq).toList());
        assertEquals(0, history.after(10, 100).size());
    }

    @Test
    void largeMessagesAreKeptOnlyUpToTheByteBudgetButTheNewestAlways() {
        DeliveryHistory history = new DeliveryHistory(100, 10_000);
        for (long seq = 1; seq <= 10; seq++) {
            String text = "x".repeat(3000);
            history.add(new Delivery(seq, "g", DeliveryKind.CLIENT, "a", "m" + seq, jakarta.json.Json.createValue(text),
                    null, null, seq, false));
        }
        // 3,002 characters of JSON each: three fit into 10,000
        assertEquals(java.util.List.of(8L, 9L, 10L), history.after(0, 100).stream().map(Delivery::seq).toList());
        history.add(new Delivery(11, "g", DeliveryKind.CLIENT, "a", "m11", jakarta.json.Json.createValue("y".repeat(50_000)),
                null, null, 11, false));
        assertEquals(java.util.List.of(11L), history.after(0, 100).stream().map(Delivery::seq).toList());
    }
}
