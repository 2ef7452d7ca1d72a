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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every object one.core rejects is rejected here with the same code and message. */
class InvalidVectorsTest {

    private final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
    private final MicrodataSerializer serializer = new MicrodataSerializer(registry);
    private final ObjectHashes hashes = new ObjectHashes(serializer);
    private final OneJson oneJson = new OneJson();

    static Stream<Arguments> cases() {
        return OneVectors.invalidCases().stream().map(c -> Arguments.of(c.getString("name"), c));
    }

    @Test
    void allCasesAreThere() {
        assertEquals(27, OneVectors.invalidCases().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectedLikeOneCore(String name, JsonObject invalid) {
        assertTrue(invalid.getBoolean("rejected"));
        JsonObject json = invalid.getJsonObject("object");

        if (invalid.getString("operation").equals("microdata")) {
            OneValidationException e = assertThrows(OneValidationException.class,
                    () -> serializer.toMicrodata(oneJson.decode(json)));
            assertEquals(invalid.getString("code"), e.code());
            assertEquals(invalid.getString("error"), e.getMessage());
            OneValidationException viaJson = assertThrows(OneValidationException.class, () -> oneJson.fromJson(json, registry));
            assertEquals(invalid.getString("code"), viaJson.code());
        } else {
            assertEquals("idMicrodata", invalid.getString("operation"));
            OneObject object = oneJson.fromJson(json, registry);
            assertEquals(invalid.getString("microdata"), serializer.toMicrodata(object));
            assertEquals(invalid.getString("sha256"), hashes.hashOf(object));
            OneValidationException e = assertThrows(OneValidationException.class, () -> serializer.toIdMicrodata(object));
            assertEquals(invalid.getString("code"), e.code());
            assertEquals(invalid.getString("error"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void idResultLikeOneCore(String name, JsonObject invalid) {
        JsonObject json = invalid.getJsonObject("object");
        JsonObject idResult = invalid.containsKey("idResult") ? invalid.getJsonObject("idResult") : null;
        if (idResult == null) {
            // only the ID operation was tried, and it was the rejected one (checked above)
            assertEquals("idMicrodata", invalid.getString("operation"));
            return;
        }
        if (idResult.getBoolean("rejected")) {
            OneValidationException e = assertThrows(OneValidationException.class,
                    () -> serializer.toIdMicrodata(oneJson.decode(json)));
            assertEquals(idResult.getString("code"), e.code());
            assertEquals(idResult.getString("error"), e.getMessage());
            OneValidationException viaJson = assertThrows(OneValidationException.class,
                    () -> oneJson.idObjectFromJson(json, registry));
            assertEquals(idResult.getString("code"), viaJson.code());
        } else {
            OneObject object = oneJson.decode(json);
            assertEquals(idResult.getString("idMicrodata"), serializer.toIdMicrodata(object));
            assertEquals(idResult.getString("idHash"), hashes.idHashOf(object));
            OneObject idObject = oneJson.idObjectFromJson(json, registry);
            assertEquals(idResult.getString("idHash"), hashes.idHashOf(idObject));
            assertEquals(idObject, new MicrodataParser().parseIdObject(idResult.getString("idMicrodata"), registry));
        }
    }
}
