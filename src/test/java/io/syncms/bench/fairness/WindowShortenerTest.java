package io.syncms.bench.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.syncms.syncms.control.SlaveDelays;
import io.syncms.syncms.control.Wire;
import io.syncms.syncms.control.WireCodec;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowShortenerTest {

    final WireCodec codec = new WireCodec();

    @Test
    void halvesTheWindowTheMasterComputesAndKeepsTheOneWayDelay() {
        WindowShortener half = new WindowShortener(0.5);
        SlaveDelays production = new SlaveDelays();
        SlaveDelays shortened = new SlaveDelays();
        for (Wire.ClockReport report : List.of(new Wire.ClockReport("a", 300, 160_000, 150_000, 8),
                new Wire.ClockReport("b", -200, 25_000, 20_000, 8))) {
            production.record(report);
            shortened.record((Wire.ClockReport) codec.decode(half.apply(codec.encode(report))));
        }
        List<String> slaves = List.of("a", "b");
        long productionW = production.maxWaitMicros(slaves, 20_000);
        assertEquals(330_000, productionW);
        assertEquals(productionW / 2, shortened.maxWaitMicros(slaves, half.margin(20) * 1_000));
        assertEquals(production.deliveryDelayMicros(slaves, 20_000), shortened.deliveryDelayMicros(slaves, 20_000),
                "D is unchanged");
        assertEquals(productionW, half.productionWindowMicros(20));
    }

    @Test
    void leavesEveryOtherMessageAlone() {
        String syncIn = codec.encode(new Wire.SyncIn("id", "a", 1, 5, JsonValue.TRUE));
        assertSame(syncIn, new WindowShortener(0.5).apply(syncIn));
        assertThrows(IllegalArgumentException.class, () -> new WindowShortener(1.5));
    }
}
