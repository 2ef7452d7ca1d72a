package io.syncms.store.entity;

/** What a hash in a ONE object points to; {@link #dataType()} is the microdata {@code data-type}. */
public enum ReferenceKind {
    /** A specific ONE object ({@code referenceToObj}). */
    OBJECT("obj"),
    /** The ID object of a versioned object, i.e. all its versions ({@code referenceToId}). */
    ID("id"),
    /** Binary data ({@code referenceToBlob}). */
    BLOB("blob"),
    /** UTF-8 text that is not a ONE object ({@code referenceToClob}). */
    CLOB("clob");

    private final String dataType;

    ReferenceKind(String dataType) {
        this.dataType = dataType;
    }

    public String dataType() {
        return dataType;
    }

    public static ReferenceKind of(ItemType.Kind kind) {
        return switch (kind) {
            case REFERENCE_TO_OBJ -> OBJECT;
            case REFERENCE_TO_ID -> ID;
            case REFERENCE_TO_BLOB -> BLOB;
            case REFERENCE_TO_CLOB -> CLOB;
            default -> throw new IllegalArgumentException(kind.jsName() + " is not a reference type");
        };
    }
}
