package io.syncms.store.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class JsPatternTest {

    @Test
    void theCoreRecipesPatternsTestAsJavaScriptDoes() {
        JsPattern hash = JsPattern.compile("^(undefined|[0-9a-f]{64})$");
        assertTrue(hash.find("ab".repeat(32)));
        assertTrue(hash.find("undefined"));
        assertFalse(hash.find("ab".repeat(32) + "\n"), "JavaScript's $ does not match before a final line break");
        assertTrue(JsPattern.compile("b+").find("abba"), "a test, not a whole match");
        assertTrue(JsPattern.compile("a\\/b").find("a/b"));
    }

    @Test
    void javaScriptUnicodeEscapesBecomeRe2s() {
        assertEquals("^\\x{00e9}+$", JsPattern.translate("^\\u00e9+$"));
        assertTrue(JsPattern.compile("^\\u00e9+$").find("ééé"));
        assertEquals("\\\\u00e9", JsPattern.translate("\\\\u00e9"), "an escaped backslash stays one");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aCatastrophicPatternRunsInLinearTime() {
        // exponential in a backtracking engine: java.util.regex would not finish this in a lifetime
        JsPattern evil = JsPattern.compile("^(a+)+$");
        assertFalse(evil.find("a".repeat(100_000) + "!"));
        assertFalse(JsPattern.compile("^(a|a)*b$").find("a".repeat(100_000)));
    }

    @Test
    void backReferencesLookAroundAndHugeSourcesAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JsPattern.compile("(a)\\1")).getMessage()
                .contains("linear time"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JsPattern.compile("a(?=b)")).getMessage()
                .contains("look-around"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JsPattern.compile("(unclosed")).getMessage()
                .startsWith("not a RegExp"));
        assertThrows(IllegalArgumentException.class, () -> JsPattern.compile("a".repeat(JsPattern.MAX_SOURCE_LENGTH + 1)));
    }
}
