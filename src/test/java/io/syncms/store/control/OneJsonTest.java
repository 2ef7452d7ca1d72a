package io.syncms.store.control;

import io.syncms.store.entity.JsMap;
import io.syncms.store.entity.JsRegExp;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OneJsonTest {

    private final OneJson oneJson = new OneJson();
    private final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void decodesTaggedValues() {
        OneObject object = oneJson.decode(json("{\"$type$\":\"X\",\"s\":{\"$set\":[\"b\",\"a\",\"b\"]},"
                + "\"m\":{\"$map\":[[\"k\",1],[\"j\",{\"$set\":[]}]]},\"r\":{\"$regexp\":\"^a$\"},"
                + "\"o\":{\"$set\":[],\"other\":1},\"n\":12,\"z\":null}"));

        assertEquals(Set.of("a", "b"), object.get("s"));
        assertEquals(List.of("b", "a"), List.copyOf((Set<?>) object.get("s")));
        assertInstanceOf(JsMap.class, object.get("m"));
        assertEquals(List.of("k", "j"), List.copyOf(((JsMap) object.get("m")).asMap().keySet()));
        assertEquals(new JsRegExp("^a$"), object.get("r"));
        assertEquals(Map.of("$set", List.of(), "other", 1.0), object.get("o"));
        assertEquals(12.0, object.get("n"));
        assertEquals(null, object.get("z"));
        assertEquals(true, object.has("z"));
    }

    @Test
    void numbersAreWrittenInJavaScriptNotation() {
        OneObject object = OneObject.builder("X").put("a", 1e21).put("b", 5).put("c", 0.1 + 0.2).build();

        assertEquals("{\"$type$\":\"X\",\"a\":1E+21,\"b\":5,\"c\":0.30000000000000004}", oneJson.toJson(object).toString());
    }

    @Test
    void versionHashIsKeptOutsideTheProperties() {
        String hash = "47a8ba3f3f3d83efaf90e13657838fea0798dc57c5670ae42ce497032b6bb89f";
        OneObject object = oneJson.fromJson(json("{\"$type$\":\"Person\",\"$versionHash$\":\"" + hash + "\",\"email\":\"a\"}"), registry);

        assertEquals(hash, object.versionHash().orElseThrow());
        assertEquals(Set.of("email"), object.properties().keySet());
    }

    @Test
    void rejectsMalformedTagsAndMissingType() {
        assertEquals("OJ-DEC1", assertThrows(OneValidationException.class,
                () -> oneJson.decode(json("{\"$type$\":\"X\",\"s\":{\"$set\":5}}"))).code());
        assertEquals("OJ-DEC1", assertThrows(OneValidationException.class,
                () -> oneJson.decode(json("{\"$type$\":\"X\",\"m\":{\"$map\":[[1,2,3]]}}"))).code());
        OneValidationException missing = assertThrows(OneValidationException.class, () -> oneJson.decode(json("{\"a\":1}")));
        assertEquals("OR-GR1: Type \"undefined\" not found in recipes", missing.getMessage());
    }

    @Test
    void idObjectHasOnlyTheIdProperties() {
        OneObject id = oneJson.idObjectFromJson(json("{\"$type$\":\"Person\",\"email\":\"a@b\",\"name\":5,\"x\":1}"), registry);

        assertEquals(OneObject.builder("Person").put("email", "a@b").build(), id);
    }
}
