package io.syncms.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.platform.entity.Body;
import io.syncms.platform.entity.Doc;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordSchemasTest {

    static final class Holder {
        @Body(name = "Thing", description = "A thing.")
        public record Thing(@NotNull @Pattern(regexp = "^[a-z]+$") String id,
                            @Doc(value = "Its state.", allowed = {"ON", "OFF"}) String state,
                            long count,
                            Long maybe,
                            BigDecimal ms,
                            @Size(max = 3) List<@NotNull @Pattern(regexp = "^x$") String> tags,
                            Map<String, Long> settings,
                            JsonValue message,
                            Part part,
                            @NotNull Part always,
                            @Doc(ref = "OneObject") JsonObject object,
                            @Doc(value = "Old.", deprecated = true, format = "date-time") String at) {}

        @Body(name = "ThePart")
        public record Part(boolean on) {}

        public record NotABody(String x) {}
    }

    record Unsupported(Object anything) {}

    private final Map<String, JsonObject> schemas = RecordSchemas.of(List.of(Holder.class));

    @Test
    void everyBodyRecordOfTheHolderHasItsSchemaUnderItsContractName() {
        assertEquals(List.of("ThePart", "Thing"), List.copyOf(schemas.keySet()), "sorted by name");
        assertEquals("{\"type\":\"object\",\"required\":[\"on\"],\"properties\":{\"on\":{\"type\":\"boolean\"}}}",
                schemas.get("ThePart").toString());
    }

    @Test
    void membersFollowTheirJavaTypesAndConstraints() {
        JsonObject thing = schemas.get("Thing");
        assertEquals("A thing.", thing.getString("description"));
        assertEquals("[\"id\",\"count\",\"always\"]", thing.getJsonArray("required").toString());
        JsonObject p = thing.getJsonObject("properties");
        assertEquals("{\"type\":\"string\",\"pattern\":\"^[a-z]+$\"}", p.get("id").toString());
        assertEquals("{\"type\":\"string\",\"nullable\":true,\"description\":\"Its state.\",\"enum\":[\"ON\",\"OFF\",null]}",
                p.get("state").toString());
        assertEquals("{\"type\":\"integer\",\"format\":\"int64\"}", p.get("count").toString());
        assertEquals("{\"type\":\"integer\",\"format\":\"int64\",\"nullable\":true}", p.get("maybe").toString());
        assertEquals("{\"type\":\"number\",\"nullable\":true}", p.get("ms").toString());
        assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"string\",\"pattern\":\"^x$\"},\"maxItems\":3,\"nullable\":true}",
                p.get("tags").toString());
        assertEquals("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\",\"format\":\"int64\"},\"nullable\":true}",
                p.get("settings").toString());
        assertFalse(p.getJsonObject("message").containsKey("type"), "any JSON value, null too");
        assertEquals("{\"allOf\":[{\"$ref\":\"#/components/schemas/ThePart\"}],\"nullable\":true}", p.get("part").toString());
        assertEquals("{\"allOf\":[{\"$ref\":\"#/components/schemas/ThePart\"}]}", p.get("always").toString());
        assertEquals("{\"$ref\":\"#/components/schemas/OneObject\"}", p.get("object").toString());
        JsonObject at = p.getJsonObject("at");
        assertTrue(at.getBoolean("deprecated"));
        assertEquals("date-time", at.getString("format"));
    }

    @Test
    void aMemberTypeWithoutASchemaIsAnErrorNotAGuess() {
        assertThrows(IllegalArgumentException.class, () -> RecordSchemas.schema(Unsupported.class));
        assertThrows(IllegalArgumentException.class, () -> RecordSchemas.nameOf(Holder.NotABody.class));
    }
}
