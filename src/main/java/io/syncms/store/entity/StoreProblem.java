package io.syncms.store.entity;

import io.syncms.platform.entity.ProblemSpec;
import io.syncms.platform.entity.ProblemType;
import java.util.stream.Stream;

/** The problems of the object store; the code comes from the failure, one.core's for a rejected object. */
public enum StoreProblem implements ProblemType {
    // one.core's code for the same rejection; OR-ADDR1 and OS-UTF1 have types of their own
    INVALID_OBJECT(400, "invalid-object", "Invalid ONE object",
            "O2M-*", "M2O-*", "URC-*", "OR-*", "OJ-DEC1", "OS-LIMIT1"),
    INVALID_TEXT(400, "invalid-text", "Not UTF-8 text", "OS-UTF1"),
    MALFORMED_HASH(400, "malformed-hash", "Malformed hash", MalformedHashException.CODE),
    MISSING_REFERENCE(400, "missing-reference", "Referenced content not stored", "OS-MREF1"),
    HASH_MISMATCH(400, "hash-mismatch", "Content does not match its hash", "OS-HASH1"),
    NOT_FOUND(404, "not-found", "Not stored", "OS-NF1"),
    RECIPE_CONFLICT(409, "recipe-conflict", "Recipe conflict", "OR-ADDR1"),
    CORRUPT_OBJECT(500, "corrupt-object", "Stored content is corrupt", "OS-CORRUPT1"),
    FAILURE(500, "failure", "Object store failure", "OS-JOURNAL1"),
    UNAVAILABLE(503, "unavailable", "Object store unavailable", "OS-CLOSED1", "OS-OPEN1", "OS-LOCKED1", "OS-FAILED1");

    private final ProblemSpec spec;

    StoreProblem(int status, String reason, String title, String... codes) {
        this.spec = ProblemSpec.of("store", status, reason, title, codes);
    }

    /** A rejected object's type by its code: a second recipe for a type and text that is not UTF-8 have their own. */
    public static StoreProblem ofRejection(String code) {
        return Stream.of(RECIPE_CONFLICT, INVALID_TEXT).filter(type -> type.code().equals(code)).findFirst()
                .orElse(INVALID_OBJECT);
    }

    @Override
    public ProblemSpec spec() {
        return spec;
    }
}
