package io.syncms.store.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.syncms.store.entity.CorruptObjectException;
import io.syncms.store.entity.MalformedHashException;
import io.syncms.store.entity.MissingReferenceException;
import io.syncms.store.entity.ObjectNotFoundException;
import io.syncms.store.entity.ObjectReference;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreUnavailableException;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreProblemsTest {

    private static final String HASH = "0f69db43a925bc5509c37143ffe18e9c11895ad6ec7c50386bcd4c87100b7152";

    private final StoreProblems problems = new StoreProblems();

    private JsonObject problem(Throwable failure) {
        return problems.translate(failure).toJson();
    }

    @Test
    void everyStoreFailureHasItsStatusTypeAndCode() {
        JsonObject invalid = problem(new OneValidationException("O2M-RTYC2", "Mandatory property \"email\" missing"));
        assertEquals(400, invalid.getInt("status"));
        assertEquals("O2M-RTYC2", invalid.getString("code"));
        assertEquals("/problems/store/invalid-object", invalid.getString("type"));

        JsonObject conflict = problem(new OneValidationException("OR-ADDR1", "exists"));
        assertEquals(409, conflict.getInt("status"));
        assertEquals("/problems/store/recipe-conflict", conflict.getString("type"));
        assertEquals("/problems/store/invalid-text", problem(new OneValidationException("OS-UTF1", "offset 3")).getString("type"));
        assertEquals("OS-HASH2", problem(new MalformedHashException("xyz")).getString("code"));
        assertEquals(400, problem(new MalformedHashException("xyz")).getInt("status"));
        assertEquals(404, problem(new ObjectNotFoundException(ReferenceKind.BLOB, HASH)).getInt("status"));
        JsonObject unavailable = problem(StoreUnavailableException.closed());
        assertEquals(503, unavailable.getInt("status"));
        assertEquals("OS-CLOSED1", unavailable.getString("code"));

        JsonObject corrupt = problem(new CorruptObjectException(ReferenceKind.OBJECT, HASH, "ab".repeat(32)));
        assertEquals(500, corrupt.getInt("status"));
        assertEquals("/problems/store/corrupt-object", corrupt.getString("type"));
        assertEquals("OS-CORRUPT1", corrupt.getString("code"));

        JsonObject missing = problem(new MissingReferenceException("Access", List.of(new ObjectReference(ReferenceKind.OBJECT, HASH, "object"))));
        assertEquals(400, missing.getInt("status"));
        assertEquals("OS-MREF1", missing.getString("code"));
        assertEquals(HASH, missing.getJsonArray("missing").getJsonObject(0).getString("hash"));
        assertEquals("obj", missing.getJsonArray("missing").getJsonObject(0).getString("kind"));
    }

    @Test
    void otherFailuresAreLeftToOthers() {
        assertNull(problems.translate(new IllegalStateException("x")));
        assertNull(problems.translate(new IllegalArgumentException("x")));
    }
}
