package io.syncms.store.control;

import io.syncms.store.entity.ItemType;
import io.syncms.store.entity.JsMap;
import io.syncms.store.entity.ObjectReference;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.RecipeRule;
import io.syncms.store.entity.ReferenceKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Lists the hashes a ONE object links to (what the store follows to compute reachable closures),
 * found through its recipe in every property, list, set, map key and value and nested object.
 * Stringifiable values are opaque: hashes inside them are data, not references.
 */
public final class ObjectReferences {

    private final RecipeRegistry registry;
    private final MicrodataSerializer serializer;

    public ObjectReferences(RecipeRegistry registry) {
        this.registry = registry;
        this.serializer = new MicrodataSerializer(registry);
    }

    /**
     * The references in recipe order (within a property in the value's own order), duplicates
     * included.
     *
     * @throws OneValidationException if the object does not match its recipe
     */
    public List<ObjectReference> referencesOf(OneObject object) {
        serializer.toMicrodata(object);
        List<ObjectReference> references = new ArrayList<>();
        for (RecipeRule rule : registry.get(object.type()).rules()) {
            RecipeRule resolved = registry.resolve(rule);
            collect(object.get(resolved.itemprop()), resolved.itemtype(), resolved.itemprop(), references);
        }
        return references;
    }

    /**
     * The references in the ID properties of an ID object (or of a full object), in recipe order.
     *
     * @throws OneValidationException if the type is unversioned or an ID property is invalid
     */
    public List<ObjectReference> referencesOfIdObject(OneObject object) {
        serializer.toIdMicrodata(object);
        List<ObjectReference> references = new ArrayList<>();
        for (RecipeRule rule : registry.get(object.type()).idRules()) {
            RecipeRule resolved = registry.resolve(rule);
            collect(object.get(resolved.itemprop()), resolved.itemtype(), resolved.itemprop(), references);
        }
        return references;
    }

    private void collect(Object value, ItemType type, String itemprop, List<ObjectReference> references) {
        if (value == null) {
            return;
        }
        switch (type.type()) {
            case REFERENCE_TO_OBJ, REFERENCE_TO_ID, REFERENCE_TO_BLOB, REFERENCE_TO_CLOB ->
                    references.add(new ObjectReference(ReferenceKind.of(type.type()), (String) value, itemprop));
            case ARRAY, BAG, SET -> ((Collection<?>) value).forEach(item -> collect(item, type.item(), itemprop, references));
            case MAP -> ((JsMap) value).asMap().forEach((key, item) -> {
                collect(key, type.key(), itemprop, references);
                collect(item, type.value(), itemprop, references);
            });
            case OBJECT -> {
                Map<?, ?> nested = (Map<?, ?>) value;
                type.rules().forEach(rule -> collect(nested.get(rule.itemprop()), rule.itemtype(), itemprop, references));
            }
            default -> {
                // scalar or stringifiable: no references
            }
        }
    }
}
