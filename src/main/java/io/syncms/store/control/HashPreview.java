package io.syncms.store.control;

import io.syncms.store.entity.OneObject;

/**
 * What storing an object would name it, without storing it (as {@code git hash-object} without
 * {@code -w}): its canonical microdata and hash and, for a versioned type, its ID microdata and ID
 * hash. The object is validated against its recipe; what it references need not be stored anywhere.
 */
public final class HashPreview {

    /** The hashes and exact microdata of an object; the ID fields are null for an unversioned type. */
    public record Preview(String hash, String microdata, String idHash, String idMicrodata) {
    }

    private final RecipeRegistry registry;
    private final MicrodataSerializer serializer;

    public HashPreview(RecipeRegistry registry) {
        this.registry = registry;
        this.serializer = new MicrodataSerializer(registry);
    }

    /** @throws io.syncms.store.entity.OneValidationException if the object does not match its recipe */
    public Preview of(OneObject object) {
        String microdata = serializer.toMicrodata(object);
        if (!registry.get(object.type()).versioned()) {
            return new Preview(ObjectHashes.sha256Hex(ObjectHashes.utf8(microdata)), microdata, null, null);
        }
        String idMicrodata = serializer.toIdMicrodata(object);
        return new Preview(ObjectHashes.sha256Hex(ObjectHashes.utf8(microdata)), microdata,
                ObjectHashes.sha256Hex(ObjectHashes.utf8(idMicrodata)), idMicrodata);
    }
}
