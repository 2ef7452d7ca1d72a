package io.syncms.store.entity;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An object was not stored because objects, BLOBs or CLOBs it references are not in the store
 * (code {@code OS-MREF1}). The referenced content has to be stored first.
 */
public class MissingReferenceException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final transient List<ObjectReference> missing;

    public MissingReferenceException(String type, List<ObjectReference> missing) {
        super("OS-MREF1", "Object of type \"" + type + "\" references content that is not stored: " + missing.stream()
                .map(reference -> reference.kind() + " " + reference.hash() + " (" + reference.itemprop() + ")")
                .collect(Collectors.joining(", ")));
        this.missing = List.copyOf(missing);
    }

    /** The missing references, each once. */
    public List<ObjectReference> missing() {
        return missing;
    }
}
