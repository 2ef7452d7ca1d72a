package io.syncms.store.control;

import io.syncms.store.entity.ItemType;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.Recipe;
import io.syncms.store.entity.RecipeRule;
import io.syncms.store.entity.StoreOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Recipes and objects the store tests share (and the tests of features built on the store). */
public final class StoreFixtures {

    /** Unversioned: a note that may link a BLOB, a CLOB, other objects and an ID. */
    public static final String NOTE = "Test$Note";
    /** Versioned by title: a document with an optional BLOB and CLOB and linked objects. */
    public static final String DOCUMENT = "Test$Document";

    private StoreFixtures() {
    }

    public static RecipeRegistry registry() {
        RecipeRegistry registry = RecipeRegistry.withCoreRecipes();
        registry.register(new Recipe(NOTE, List.of(
                RecipeRule.of("text", ItemType.string()),
                RecipeRule.optional("attachment", ItemType.referenceToBlob()),
                RecipeRule.optional("body", ItemType.referenceToClob()),
                RecipeRule.optional("children", ItemType.bag(ItemType.referenceToObj(Set.of("*")))),
                RecipeRule.optional("about", ItemType.referenceToId(Set.of("*"))))));
        registry.register(new Recipe(DOCUMENT, List.of(
                RecipeRule.id("title", ItemType.string()),
                RecipeRule.of("revision", ItemType.integer()),
                RecipeRule.optional("attachment", ItemType.referenceToBlob()),
                RecipeRule.optional("body", ItemType.referenceToClob()),
                RecipeRule.optional("parts", ItemType.bag(ItemType.referenceToObj(Set.of("*")))))));
        return registry;
    }

    static ObjectStore open(Path directory) {
        return open(directory, StoreOptions.defaults().withFsync(false));
    }

    static ObjectStore open(Path directory, StoreOptions options) {
        return new ObjectStore(directory, registry(), options).open();
    }

    public static OneObject person(String email) {
        return OneObject.builder("Person").put("email", email).build();
    }

    public static OneObject person(String email, String name) {
        return OneObject.builder("Person").put("email", email).put("name", name).build();
    }

    public static OneObject note(String text) {
        return OneObject.builder(NOTE).put("text", text).build();
    }

    public static OneObject document(String title, int revision) {
        return OneObject.builder(DOCUMENT).put("title", title).put("revision", revision).build();
    }

    public static OneObject group(String name, List<String> personIdHashes) {
        return OneObject.builder("Group").put("name", name).put("person", personIdHashes).build();
    }

    public static OneObject access(String objectHash, List<String> persons, List<String> groups) {
        return OneObject.builder("Access").put("object", objectHash).put("person", persons).put("group", groups).build();
    }

    public static OneObject idAccess(String idHash, List<String> persons, List<String> groups) {
        return OneObject.builder("IdAccess").put("id", idHash).put("person", persons).put("group", groups).build();
    }
}
