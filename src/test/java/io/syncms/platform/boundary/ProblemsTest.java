package io.syncms.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncms.platform.entity.LimitExceededException;
import io.syncms.platform.entity.Problem;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The problems no feature claims: each has a documented type and a code. */
class ProblemsTest {

    private final Problems problems = new Problems();

    private JsonObject json(Throwable failure) {
        return problems.of(failure).toJson();
    }

    @Test
    void aClientsMistakeIsA400WithItsCode() {
        JsonObject invalid = json(new IllegalArgumentException("slaves: at most 1000"));
        assertEquals("/problems/invalid-request", invalid.getString("type"));
        assertEquals("Invalid request", invalid.getString("title"));
        assertEquals("API-INVALID-REQUEST1", invalid.getString("code"));
        assertEquals("slaves: at most 1000", invalid.getString("detail"));
        JsonObject malformed = json(new JsonException("unexpected char"));
        assertEquals(400, malformed.getInt("status"));
        assertEquals("/problems/malformed-json", malformed.getString("type"));
        assertEquals("API-MALFORMED-JSON1", malformed.getString("code"));
    }

    @Test
    void aLimitKeepsItsOwnCodeAndSaysWhenToComeBack() {
        Problem full = problems.of(LimitExceededException.atCapacity("CHUM-LIMIT1", "32 run", Duration.ofSeconds(30)));
        assertEquals(503, full.status());
        assertEquals("/problems/at-capacity", full.toJson().getString("type"));
        assertEquals("CHUM-LIMIT1", full.toJson().getString("code"));
        assertEquals(Map.of("Retry-After", "30"), full.headers());
        JsonObject tooMany = json(LimitExceededException.tooMany("SYNCMS-LIMIT2", "100 streams", Duration.ofMillis(1)));
        assertEquals("/problems/too-many-requests", tooMany.getString("type"));
        assertEquals(429, tooMany.getInt("status"));
        assertEquals("SYNCMS-LIMIT2", tooMany.getString("code"));
    }

    @Test
    void aRefusalByStatusAloneHasTheTypeOfItsStatus() {
        JsonObject notFound = json(new NotFoundException());
        assertEquals(404, notFound.getInt("status"));
        assertEquals("/problems/not-found", notFound.getString("type"));
        assertEquals("Not Found", notFound.getString("title"));
        assertEquals("API-NOT-FOUND1", notFound.getString("code"));
        assertEquals("API-UNSUPPORTED-MEDIA-TYPE1", json(new NotSupportedException()).getString("code"));
        JsonObject tooLarge = json(new WebApplicationException("over 10 bytes", 413));
        assertEquals("/problems/payload-too-large", tooLarge.getString("type"));
        assertEquals("over 10 bytes", tooLarge.getString("detail"));
    }

    @Test
    void a405SaysWhichMethodsAreAllowed() {
        Problem notAllowed = problems.of(new NotAllowedException(Response.status(405).allow("GET", "POST").build()));
        assertEquals(405, notAllowed.status());
        assertEquals("API-METHOD-NOT-ALLOWED1", notAllowed.toJson().getString("code"));
        assertEquals(Set.of("GET", "POST"), Set.of(notAllowed.headers().get("Allow").split(",")));
    }

    @Test
    void aStatusNoTypeListsStaysAboutBlankButHasACode() {
        JsonObject conflict = json(new WebApplicationException("taken", Response.Status.CONFLICT));
        assertEquals(409, conflict.getInt("status"));
        assertEquals("about:blank", conflict.getString("type"));
        assertEquals("API-HTTP-409", conflict.getString("code"));
    }

    @Test
    void anythingElseIsA500ThatSaysNothingOfItsCause() {
        JsonObject fault = json(new IllegalStateException("secret internals"));
        assertEquals(500, fault.getInt("status"));
        assertEquals("/problems/internal-error", fault.getString("type"));
        assertEquals("API-INTERNAL-ERROR1", fault.getString("code"));
        assertEquals("an unexpected error occurred; the server log has details", fault.getString("detail"));
    }
}
