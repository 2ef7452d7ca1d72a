package io.syncms.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.security.entity.SecurityMisconfiguredException;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

    @Test
    void aTokenMatchesItselfOnly() {
        ApiToken token = ApiToken.of("correct-horse-battery-staple", "test");
        assertTrue(token.matches("correct-horse-battery-staple"));
        assertFalse(token.matches("correct-horse-battery-stapl"));
        assertFalse(token.matches("correct-horse-battery-staple "));
        assertFalse(token.matches(""));
        assertFalse(token.matches(null));
    }

    @Test
    void aShortOrSpacedTokenIsAMisconfigurationThatNamesItsSourceButNotTheToken() {
        SecurityMisconfiguredException shortOne = assertThrows(SecurityMisconfiguredException.class,
                () -> ApiToken.of("fifteen-chars!!", "SYNCMS_API_TOKEN"));
        assertEquals("The API token from SYNCMS_API_TOKEN has 15 characters; it needs at least 16", shortOne.getMessage());
        SecurityMisconfiguredException spaced = assertThrows(SecurityMisconfiguredException.class,
                () -> ApiToken.of("sixteen or more characters", "api.token"));
        assertFalse(spaced.getMessage().contains("sixteen"), spaced.getMessage());
        ApiToken.of("sixteen-chars!!!", "api.token");
    }

    @Test
    void generatedTokensAre43Base64UrlCharactersAndDiffer() {
        String one = ApiToken.generate();
        String two = ApiToken.generate();
        assertEquals(43, one.length());
        assertTrue(one.matches("[A-Za-z0-9_-]{43}"), one);
        assertNotEquals(one, two);
    }
}
