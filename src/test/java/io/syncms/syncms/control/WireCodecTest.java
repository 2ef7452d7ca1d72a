package io.syncms.syncms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import jakarta.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {

    private final WireCodec codec = new WireCodec();

    @Test
    void everyDocumentSurvivesTheRoundTrip() {
        List<Wire> documents = List.of(
                new Wire.SyncOut("id1", "m", 1_700_000_000_000_123L, Json.createObjectBuilder().add("move", 3).build()),
                new Wire.SyncIn("id2", "a", 7, 1_700_000_000_000_456L, Json.createValue("fire")),
                new Wire.ClockRequest("a", "node-a", 2),
                new Wire.ClockReply("a", "node-a", 2, 1_700_000_000_000_789L),
                new Wire.ClockReport("a", -120, 35, 310, 2),
                new Wire.Member("master", "m", "node-m", "uuid", List.of("a", "b")));
        for (Wire document : documents) {
            assertEquals(document, codec.decode(codec.encode(document)));
        }
    }

    @Test
    void anythingElseIsForeign() {
        assertInstanceOf(Wire.Foreign.class, codec.decode("{\"hello\":1}"));
        assertInstanceOf(Wire.Foreign.class, codec.decode("[1,2]"));
        assertInstanceOf(Wire.Foreign.class, codec.decode("{\"syncms\":1,\"type\":\"sync-out\"}"));
        assertInstanceOf(Wire.Foreign.class, codec.decode("{\"syncms\":2,\"type\":\"sync-in\"}"));
        Wire notJson = codec.decode("plain text");
        assertEquals(new Wire.Foreign(Json.createValue("plain text")), notJson);
    }
}
