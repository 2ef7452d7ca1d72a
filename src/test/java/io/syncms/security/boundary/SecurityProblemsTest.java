package io.syncms.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.syncms.platform.entity.Problem;
import io.syncms.security.entity.Caller;
import io.syncms.security.entity.MissingRoleException;
import io.syncms.security.entity.Role;
import io.syncms.security.entity.SecurityMisconfiguredException;
import io.syncms.security.entity.UnauthenticatedException;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecurityProblemsTest {

    private final SecurityProblems problems = new SecurityProblems();

    @Test
    void aMissingCredentialIsA401ThatNamesTheSchemeAndRealmOnly() {
        Problem problem = problems.translate(UnauthenticatedException.missing());
        assertEquals(401, problem.status());
        assertEquals(Map.of("WWW-Authenticate", "Bearer realm=\"syncms\""), problem.headers());
        JsonObject json = problem.toJson();
        assertEquals("/problems/auth/unauthenticated", json.getString("type"));
        assertEquals("AUTH-UNAUTHENTICATED1", json.getString("code"));
    }

    @Test
    void aBadTokenCarriesRfc6750sErrorCode() {
        Problem problem = problems.translate(UnauthenticatedException.invalidToken("The JWT is not valid: Expired JWT"));
        assertEquals(Map.of("WWW-Authenticate", "Bearer realm=\"syncms\", error=\"invalid_token\""), problem.headers());
        assertEquals("The JWT is not valid: Expired JWT", problem.toJson().getString("detail"));
    }

    @Test
    void aMissingRoleIsA403AndMisconfigurationA503ThatRepeatsNothing() {
        Problem forbidden = problems.translate(new MissingRoleException(new Caller("bob", Set.of(Role.APP), "jwt"), Set.of(Role.ADMIN)));
        assertEquals(403, forbidden.status());
        assertEquals("Caller bob has the roles [app]; this call needs the role [admin]", forbidden.toJson().getString("detail"));
        assertEquals("AUTH-FORBIDDEN1", forbidden.toJson().getString("code"));
        Problem misconfigured = problems.translate(new SecurityMisconfiguredException("The API token file /home/x/api-token ..."));
        assertEquals(503, misconfigured.status());
        assertEquals("AUTH-MISCONFIGURED1", misconfigured.toJson().getString("code"));
        assertEquals("The instance's API credential settings cannot be used; its log says why",
                misconfigured.toJson().getString("detail"));
        assertNull(problems.translate(new IllegalArgumentException("not ours")));
    }
}
