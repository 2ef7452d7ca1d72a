package io.syncms.store.control;

import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every valid vector of one.core: microdata, hashes, JSON and parse round trips. */
class VectorsTest {

    private final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
    private final MicrodataSerializer serializer = new MicrodataSerializer(registry);
    private final ObjectHashes hashes = new ObjectHashes(serializer);
    private final OneJson oneJson = new OneJson();
    private final MicrodataParser parser = new MicrodataParser();

    static Stream<Arguments> vectors() {
        return OneVectors.vectors().stream().map(vector -> Arguments.of(vector.getString("name"), vector));
    }

    @Test
    void allVectorsAreThere() {
        assertEquals(42, OneVectors.vectors().size());
        assertEquals(1, OneVectors.vectors().stream().filter(v -> v.containsKey("libraryParserRejectsMicrodata")).count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void microdataAndHash(String name, JsonObject vector) {
        OneObject object = oneJson.fromJson(vector.getJsonObject("object"), registry);

        String microdata = serializer.toMicrodata(object);

        assertEquals(vector.getString("microdata"), microdata);
        assertEquals(vector.getString("sha256"), hashes.sha256Hex(microdata));
        assertEquals(vector.getString("sha256"), hashes.hashOf(object));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void idMicrodataAndIdHash(String name, JsonObject vector) {
        OneObject object = oneJson.fromJson(vector.getJsonObject("object"), registry);

        if (vector.containsKey("idMicrodata")) {
            assertTrue(registry.isVersioned(object.type()));
            assertEquals(vector.getString("idMicrodata"), serializer.toIdMicrodata(object));
            assertEquals(vector.getString("idHash"), hashes.idHashOf(object));
            OneObject idObject = oneJson.idObjectFromJson(vector.getJsonObject("object"), registry);
            assertEquals(vector.getString("idHash"), hashes.idHashOf(idObject));
        } else {
            assertFalse(registry.isVersioned(object.type()));
            OneValidationException e = assertThrows(OneValidationException.class, () -> serializer.toIdMicrodata(object));
            assertEquals("O2M-COBJ1", e.code());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void jsonRoundTrip(String name, JsonObject vector) {
        JsonObject json = vector.getJsonObject("object");
        OneObject object = oneJson.fromJson(json, registry);

        JsonObject written = oneJson.toJson(object);

        assertEquals(json, written);
        assertEquals(object, oneJson.fromJson(written, registry));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void parseRoundTrip(String name, JsonObject vector) {
        String microdata = vector.getString("microdata");
        if (vector.getBoolean("libraryParserRejectsMicrodata", false)) {
            // one.core cannot read it back either: the unescaped keys make the JSON invalid
            OneValidationException e = assertThrows(OneValidationException.class, () -> parser.parse(microdata, registry));
            assertEquals("M2O-PV4", e.code());
            return;
        }
        OneObject parsed = parser.parse(microdata, registry);

        assertEquals(vector.getString("type"), parsed.type());
        assertEquals(microdata, serializer.toMicrodata(parsed));
        assertFalse(parser.isIdObject(microdata));
        if (vector.containsKey("idMicrodata")) {
            String idMicrodata = vector.getString("idMicrodata");
            assertTrue(parser.isIdObject(idMicrodata));
            OneObject idObject = parser.parseIdObject(idMicrodata, registry);
            assertEquals(idMicrodata, serializer.toIdMicrodata(idObject));
            assertEquals(vector.getString("idHash"), hashes.idHashOf(parsed));
        }
    }
}
