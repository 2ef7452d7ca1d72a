package io.syncms.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.platform.entity.InvalidRequestException;
import io.syncms.platform.entity.Violation;
import jakarta.json.JsonValue;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordBodiesTest {

    public record Sample(@NotNull @Size(max = 5) String id, List<@NotNull String> names, Map<String, Long> settings, Boolean flag,
                  JsonValue message) {}

    private final RecordBodies bodies = new RecordBodies(JsonBinding.JSONB, Validation.buildDefaultValidatorFactory().getValidator());

    @Test
    void bindsEveryMember() {
        Sample sample = bodies.read("{\"id\":\"a\",\"names\":[\"x\",\"y\"],\"settings\":{\"d\":20},\"flag\":true,\"message\":{\"k\":[1]}}", Sample.class);
        assertEquals("a", sample.id());
        assertEquals(List.of("x", "y"), sample.names());
        assertEquals(Map.of("d", 20L), sample.settings());
        assertEquals(Boolean.TRUE, sample.flag());
        assertEquals("{\"k\":[1]}", sample.message().toString());
    }

    @Test
    void anUnknownMemberIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bodies.read("{\"id\":\"a\",\"idd\":\"b\"}", Sample.class));
        assertTrue(e.getMessage().contains("idd"), e.getMessage());
    }

    @Test
    void aMemberOfTheWrongTypeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> bodies.read("{\"id\":\"a\",\"names\":5}", Sample.class));
        assertThrows(IllegalArgumentException.class, () -> bodies.read("{\"id\":\"a\",\"flag\":\"yes\"}", Sample.class));
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> bodies.read("{\"id\":\"a\",\"settings\":{\"d\":1.5}}", Sample.class));
        assertTrue(fraction.getMessage().contains("Sample"), fraction.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bodies.read("{\"id\":\"a\",\"settings\":{\"d\":99999999999999999999}}", Sample.class));
        assertThrows(IllegalArgumentException.class, () -> bodies.read("{\"id\":\"a\",\"settings\":{\"d\":\"20\"}}", Sample.class));
        assertThrows(IllegalArgumentException.class, () -> bodies.read("[1]", Sample.class));
        assertThrows(IllegalArgumentException.class, () -> bodies.read("null", Sample.class));
        assertThrows(IllegalArgumentException.class, () -> bodies.read("{\"id\":", Sample.class));
    }

    @Test
    void everyBrokenConstraintIsListed() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> bodies.read("{\"id\":\"toolong\",\"names\":[\"x\",null]}", Sample.class));
        assertEquals(List.of("id", "names[1].<list element>"), e.violations().stream().map(Violation::field).toList());
    }

    @Test
    void aMissingMemberIsNull() {
        Sample sample = bodies.read("{\"id\":\"a\"}", Sample.class);
        assertEquals(null, sample.flag());
        assertEquals(null, sample.message());
        InvalidRequestException missing = assertThrows(InvalidRequestException.class, () -> bodies.read("{}", Sample.class));
        assertEquals("id", missing.violations().get(0).field());
    }

    @Test
    void anExplicitNullMessageIsJsonNull() {
        Sample sample = bodies.read("{\"id\":\"a\",\"message\":null}", Sample.class);
        assertEquals(JsonValue.NULL, sample.message());
    }

    @Test
    void aRecordWrittenFirstIsStillRead() {
        String written = JsonBinding.JSONB.toJson(new Sample("w", List.of("a"), Map.of("d", 1L), true, JsonValue.TRUE));
        Sample read = bodies.read(written, Sample.class);
        assertEquals("w", read.id());
    }
}
