package io.syncms.store.control;

import io.syncms.store.entity.ItemType;
import io.syncms.store.entity.JsMap;
import io.syncms.store.entity.ObjectReference;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.Recipe;
import io.syncms.store.entity.RecipeRule;
import io.syncms.store.entity.ReferenceKind;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ObjectReferencesTest {

    private static final String H1 = "1".repeat(64);
    private static final String H2 = "2".repeat(64);
    private static final String H3 = "3".repeat(64);
    private static final String H4 = "4".repeat(64);
    private static final String H5 = "5".repeat(64);

    private final RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
    private final ObjectReferences references = new ObjectReferences(registry);
    private final OneJson oneJson = new OneJson();

    @Test
    void accessReferencesAnObjectAndIdObjects() {
        OneObject access = oneJson.fromJson(OneVectors.vector("access-basic").getJsonObject("object"), registry);

        assertEquals(List.of(
                new ObjectReference(ReferenceKind.OBJECT, "33951109a1a9adb1a707dc12a82f66c23eb53b95d3a95002d70e148e8e54be60", "object"),
                new ObjectReference(ReferenceKind.ID, "58c379901b18278fa72f55f57d15f041b524655e2bbe55bef73383e35c2eae0a", "person"),
                new ObjectReference(ReferenceKind.ID, "0f69db43a925bc5509c37143ffe18e9c11895ad6ec7c50386bcd4c87100b7152", "person"),
                new ObjectReference(ReferenceKind.ID, "df5fa3be832bd5d522830ff7f223cfabd0d45e4dfe8090d00f5af7c5616b66cc", "group")),
                references.referencesOf(access));
    }

    @Test
    void chumReferencesOfAllKindsButNotItsHashStrings() {
        OneObject chum = oneJson.fromJson(OneVectors.vector("chum-full").getJsonObject("object"), registry);

        Map<ReferenceKind, Integer> counts = new EnumMap<>(ReferenceKind.class);
        references.referencesOf(chum).forEach(reference -> counts.merge(reference.kind(), 1, Integer::sum));

        // "person" is an array of strings that look like hashes: data, not references
        assertEquals(Map.of(ReferenceKind.OBJECT, 7, ReferenceKind.ID, 5, ReferenceKind.BLOB, 5, ReferenceKind.CLOB, 3), counts);
    }

    @Test
    void referencesInsideMapsNestedObjectsAndNestedLists() {
        RecipeRegistry own = new RecipeRegistry();
        own.register(new Recipe("Test$Links", List.of(
                RecipeRule.of("target", ItemType.referenceToObj(Set.of("*"))),
                RecipeRule.of("files", ItemType.map(ItemType.string(), ItemType.referenceToBlob())),
                RecipeRule.of("nested", ItemType.object(List.of(
                        RecipeRule.of("text", ItemType.referenceToClob()),
                        RecipeRule.optional("ids", ItemType.set(ItemType.referenceToId(Set.of("*"))))))),
                RecipeRule.of("groups", ItemType.array(ItemType.bag(ItemType.referenceToObj(Set.of("*"))))),
                RecipeRule.optional("note", ItemType.stringifiable()))));
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("a.txt", H2);
        OneObject links = OneObject.builder("Test$Links")
                .put("target", H1)
                .put("files", JsMap.of(files))
                .put("nested", Map.of("text", H3, "ids", Set.of(H4)))
                .put("groups", List.of(List.of(H5), List.of()))
                .put("note", Map.of("hash", H1))
                .build();

        assertEquals(List.of(
                new ObjectReference(ReferenceKind.OBJECT, H1, "target"),
                new ObjectReference(ReferenceKind.BLOB, H2, "files"),
                new ObjectReference(ReferenceKind.CLOB, H3, "nested"),
                new ObjectReference(ReferenceKind.ID, H4, "nested"),
                new ObjectReference(ReferenceKind.OBJECT, H5, "groups")),
                new ObjectReferences(own).referencesOf(links));
    }

    @Test
    void invalidObjectIsRejected() {
        OneObject group = OneObject.builder("Group").put("name", "g").put("person", List.of("not-a-hash")).build();

        assertEquals("O2M-RTYC4", assertThrows(OneValidationException.class, () -> references.referencesOf(group)).code());
    }
}
