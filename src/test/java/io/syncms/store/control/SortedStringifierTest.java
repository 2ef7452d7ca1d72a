package io.syncms.store.control;

import io.syncms.store.entity.JsMap;
import io.syncms.store.entity.JsRegExp;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SortedStringifierTest {

    private final SortedStringifier stringifier = new SortedStringifier();

    @Test
    void objectKeysAreSortedAndArraysKeepTheirOrder() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("b", List.of(3.0, 1.0, 2.0));
        object.put("a", Map.of("y", true, "x", "s"));
        object.put("B", 1.5);

        assertEquals("{\"B\":1.5,\"a\":{\"x\":\"s\",\"y\":true},\"b\":[3,1,2]}", stringifier.stringify(object));
    }

    @Test
    void setsAndMapsBecomeArraysSortedByTheirJsonText() {
        assertEquals("[\"Access\",\"Group\",\"Person\"]",
                stringifier.stringify(new LinkedHashSet<>(List.of("Person", "Group", "Access"))));
        // sorted as text: "10" < "9"
        assertEquals("[10,9]", stringifier.stringify(new LinkedHashSet<>(List.of(9.0, 10.0))));
        assertEquals("[[\"a\",2],[\"b\",1]]", stringifier.stringify(JsMap.of(Map.of("b", 1.0, "a", 2.0))));
    }

    @Test
    void regExpIsTheJsonStringOfItsSource() {
        assertEquals("\"^[a-z]+\\\\d$\"", stringifier.stringify(new JsRegExp("^[a-z]+\\d$")));
    }

    @Test
    void keysAreNotEscapedButStringValuesAre() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("k\"q", "v\"q\\");

        assertEquals("{\"k\"q\":\"v\\\"q\\\\\"}", stringifier.stringify(object));
    }

    @Test
    void stringsAreEscapedLikeJsonStringify() {
        assertEquals("\"\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\u2028\"", stringifier.quote("\b\f\n\r\t\u0000\u001f\u007f\u2028"));
        assertEquals("\"\\ud800x\\udc00\"", stringifier.quote("\ud800x\udc00"));
        assertEquals("\"\ud83d\ude00\"", stringifier.quote("\ud83d\ude00"));
        assertEquals("\"</&>'\"", stringifier.quote("</&>'"));
    }

    @Test
    void nullAndNonFiniteNumbersAreNull() {
        assertEquals("[null,null,null,-0.5]", stringifier.stringify(Arrays.asList(null, Double.NaN, Double.POSITIVE_INFINITY, -0.5)));
    }

    @Test
    void describeShowsScalarsAsTheyAre() {
        assertEquals("1718000000000", stringifier.describe("1718000000000"));
        assertEquals("1e+21", stringifier.describe(1e21));
        assertEquals("true", stringifier.describe(true));
        assertEquals("null", stringifier.describe(null));
        assertEquals("[\"a\"]", stringifier.describe(List.of("a")));
    }
}
