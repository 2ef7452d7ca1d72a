package io.syncms.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    @Test
    void nestingIsRefusedPastTheLimitBeforeAnythingIsBuilt() {
        String deepest = "[".repeat(JsonBodies.MAX_DEPTH) + "]".repeat(JsonBodies.MAX_DEPTH);
        assertEquals(JsonBodies.MAX_DEPTH, depth(JsonBodies.value(deepest)));
        String deeper = "[".repeat(JsonBodies.MAX_DEPTH + 1) + "]".repeat(JsonBodies.MAX_DEPTH + 1);
        assertEquals("the body nests arrays and objects deeper than 64 levels",
                assertThrows(IllegalArgumentException.class, () -> JsonBodies.value(deeper)).getMessage());
        // a flood of brackets is refused at the 65th, not parsed to the end
        assertThrows(IllegalArgumentException.class, () -> JsonBodies.object("{\"a\":" + "[".repeat(500_000)));
    }

    @Test
    void brokenBodiesAreInvalidRequests() {
        for (String body : new String[] {"", " ", "{", "{\"a\":}", "[1,]", "nul", "{\"a\":1}x", "\"\\ud800\"x"}) {
            assertThrows(IllegalArgumentException.class, () -> JsonBodies.object(body), body);
        }
        assertThrows(IllegalArgumentException.class, () -> JsonBodies.object("[1]"), "not an object");
    }

    private static int depth(jakarta.json.JsonValue value) {
        return value instanceof jakarta.json.JsonArray array ? 1 + (array.isEmpty() ? 0 : depth(array.get(0))) : 0;
    }
}
