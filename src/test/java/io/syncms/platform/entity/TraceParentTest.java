package io.syncms.platform.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraceParentTest {

    private static final String W3C_EXAMPLE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theSpecificationsExampleParsesAndIsWrittenBack() {
        TraceParent parsed = TraceParent.parse(W3C_EXAMPLE).orElseThrow();
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", parsed.traceId());
        assertEquals("00f067aa0ba902b7", parsed.parentId());
        assertTrue(parsed.sampled());
        assertEquals(W3C_EXAMPLE, parsed.header());
        assertFalse(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00").orElseThrow().sampled());
    }

    @Test
    void aChildKeepsTheTraceWithANewSpan() {
        TraceParent parent = TraceParent.parse(W3C_EXAMPLE).orElseThrow();
        TraceParent child = parent.child();
        assertEquals(parent.traceId(), child.traceId());
        assertNotEquals(parent.parentId(), child.parentId());
        assertEquals(parent.traceId(), TraceParent.continuing(W3C_EXAMPLE).traceId());
    }

    @Test
    void anythingElseIsNoTraceAndANewOneStarts() {
        for (String bad : new String[] {null, "", "garbage", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-zz", "x".repeat(10_000)}) {
            assertEquals(Optional.empty(), TraceParent.parse(bad), bad);
        }
        TraceParent fresh = TraceParent.continuing("garbage");
        assertTrue(TraceParent.parse(fresh.header()).isPresent());
        assertNotEquals(fresh.traceId(), TraceParent.newTrace().traceId());
    }
}
