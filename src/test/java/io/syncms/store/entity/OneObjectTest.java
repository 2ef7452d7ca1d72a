package io.syncms.store.entity;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OneObjectTest {

    @Test
    void numbersBecomeDoubles() {
        OneObject object = OneObject.builder("T").put("i", 3).put("l", 1L << 60).put("d", new BigDecimal("0.5")).put("z", -0.0).build();

        assertEquals(3.0, object.get("i"));
        assertEquals(1152921504606846976.0, object.get("l"));
        assertEquals(0.5, object.get("d"));
        assertEquals(0.0, object.get("z"));
        assertEquals(object, OneObject.builder("T").put("i", 3.0).put("l", Math.pow(2, 60)).put("d", 0.5).put("z", 0).build());
    }

    @Test
    void valuesAreDeepCopiesAndUnmodifiable() {
        List<Object> list = new ArrayList<>(List.of("a"));
        OneObject object = OneObject.of("T", Map.of("list", list));
        list.add("b");

        assertEquals(List.of("a"), object.get("list"));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) object.get("list")).clear());
        assertThrows(UnsupportedOperationException.class, () -> object.properties().put("x", "y"));
    }

    @Test
    void jsMapEqualityDependsOnOrder() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", 2);
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", 2);
        ba.put("a", 1);

        assertEquals(JsMap.of(ab), JsMap.of(new LinkedHashMap<>(ab)));
        assertNotEquals(JsMap.of(ab), JsMap.of(ba));
        assertEquals(Map.of("a", 1.0, "b", 2.0), JsMap.of(ab).asMap());
    }

    @Test
    void setsCompareWithoutOrder() {
        assertEquals(OneObject.of("T", Map.of("s", Set.of("a", "b"))), OneObject.of("T", Map.of("s", Set.of("b", "a"))));
    }

    @Test
    void rejectsMetaPropertiesAndUnsupportedValues() {
        assertThrows(IllegalArgumentException.class, () -> OneObject.of("T", Map.of("$type$", "U")));
        assertThrows(IllegalArgumentException.class, () -> OneObject.of("T", Map.of("x", new Object())));
        assertThrows(IllegalArgumentException.class, () -> OneObject.of("T", Map.of("x", Map.of(1, "a"))));
    }

    @Test
    void versionHashTakesPartInEquality() {
        assertNotEquals(OneObject.of("T", Map.of(), "a".repeat(64)), OneObject.of("T", Map.of()));
    }
}
