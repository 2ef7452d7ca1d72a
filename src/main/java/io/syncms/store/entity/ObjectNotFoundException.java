package io.syncms.store.entity;

/** Nothing of that kind is stored under the hash (code {@code OS-NF1}). */
public class ObjectNotFoundException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final ReferenceKind kind;
    private final String hash;

    public ObjectNotFoundException(ReferenceKind kind, String hash) {
        super("OS-NF1", kind + " " + hash + " is not stored");
        this.kind = kind;
        this.hash = hash;
    }

    public ReferenceKind kind() {
        return kind;
    }

    public String hash() {
        return hash;
    }
}
