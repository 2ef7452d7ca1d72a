package io.syncms.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StrictUtf8Test {

    @Test
    void wellFormedTextPassesAndTheFirstBadByteIsFound() {
        assertEquals(OptionalLong.empty(), StrictUtf8.firstMalformedByte("{\"a\":\"ä€😀\"}".getBytes(StandardCharsets.UTF_8)));
        byte[] latin1 = "{\"a\":\"ä\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(OptionalLong.of(6), StrictUtf8.firstMalformedByte(latin1));
        byte[] encodedSurrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
        assertTrue(StrictUtf8.firstMalformedByte(encodedSurrogate).isPresent());
        byte[] truncated = {'"', (byte) 0xE2, (byte) 0x82};
        assertTrue(StrictUtf8.firstMalformedByte(truncated).isPresent());
    }

    @Test
    void mediaTypesAreJsonAndUtf8WhateverTheirCase() {
        assertTrue(MediaTypes.isJson(MediaType.valueOf("application/JSON")));
        assertTrue(MediaTypes.isJson(MediaType.valueOf("Application/Problem+Json")));
        assertTrue(MediaTypes.isJson(MediaType.valueOf("application/x-ndjson")));
        assertFalse(MediaTypes.isJson(MediaType.valueOf("text/plain")));
        assertEquals(Optional.of("UTF-8"), MediaTypes.charset(new MediaType("application", "json", Map.of("Charset", "UTF-8"))));
        assertTrue(MediaTypes.isUtf8("utf8"));
        assertTrue(MediaTypes.isUtf8("\"UTF-8\""));
        assertFalse(MediaTypes.isUtf8("ISO-8859-1"));
    }
}
