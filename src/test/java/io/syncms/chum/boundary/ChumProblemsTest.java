package io.syncms.chum.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.syncms.chum.entity.ChumProblem;
import io.syncms.chum.entity.ChumTransportException;
import io.syncms.chum.entity.ChumUnauthenticatedException;
import io.syncms.chum.entity.ProtocolVersionMismatchException;
import io.syncms.platform.entity.Problem;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChumProblemsTest {

    private final ChumProblems problems = new ChumProblems();

    @Test
    void aChumFailureKeepsItsCodeUnderItsType() {
        Problem unauthenticated = problems.translate(new ChumUnauthenticatedException("unknown token"));
        assertEquals(401, unauthenticated.status());
        assertEquals(Map.of("WWW-Authenticate", "Bearer realm=\"syncms-chum\""), unauthenticated.headers());
        assertEquals("/problems/chum/unauthenticated", unauthenticated.toJson().getString("type"));
        assertEquals("CHUM-AUTH1", unauthenticated.toJson().getString("code"));

        JsonObject mismatch = problems.translate(new ProtocolVersionMismatchException("a", 2, "b", 3)).toJson();
        assertEquals(409, mismatch.getInt("status"));
        assertEquals(ChumProblem.VERSION_MISMATCH.uri(), mismatch.getString("type"));
        assertEquals("CHUM-VERSION1", mismatch.getString("code"));
        assertEquals(3, mismatch.getInt("exporterVersion"));

        JsonObject transport = problems.translate(new ChumTransportException("unreachable")).toJson();
        assertEquals(502, transport.getInt("status"));
        assertEquals("CHUM-TRANSPORT1", transport.getString("code"));
        assertNull(problems.translate(new IllegalArgumentException("not ours")));
    }
}
