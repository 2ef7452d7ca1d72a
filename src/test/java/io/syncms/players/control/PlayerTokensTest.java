package io.syncms.players.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.players.entity.PlayerGrant;
import io.syncms.syncms.entity.Role;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PlayerTokensTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");
    final PlayerTokens tokens = new PlayerTokens(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aMintedTokenGrantsItsGroupRoleAndIdUntilItExpires() {
        PlayerTokens.Minted minted = tokens.mint("race", Role.SLAVE, "p1", Duration.ofMinutes(10));
        assertEquals(NOW.plusSeconds(600), minted.expiresAt());
        PlayerGrant grant = tokens.verify(minted.token()).orElseThrow();
        assertEquals(new PlayerGrant("player p1", "race", Role.SLAVE, "p1", NOW.plusSeconds(600)), grant);
        assertEquals(null, grant.refusal("race", Role.SLAVE, "p1"));
        assertTrue(grant.refusal("race", Role.SLAVE, "p2").contains("\"p1\""));
        assertTrue(grant.refusal("race", Role.MASTER, "p1").contains("slave"));
        assertTrue(grant.refusal("other", Role.SLAVE, "p1").contains("\"race\""));

        PlayerTokens later = new PlayerTokens(KEY, Clock.fixed(NOW.plusSeconds(600), ZoneOffset.UTC));
        assertTrue(later.verify(minted.token()).isEmpty(), "expired at its expiry");
        assertTrue(new PlayerTokens(KEY, Clock.fixed(NOW.plusSeconds(599), ZoneOffset.UTC)).verify(minted.token()).isPresent());
    }

    @Test
    void aTokenOfAnotherKeyOrChangedInAnyByteIsRefused() {
        String token = tokens.mint("race", Role.MASTER, "m", Duration.ofHours(1)).token();
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertTrue(new PlayerTokens(otherKey, Clock.fixed(NOW, ZoneOffset.UTC)).verify(token).isEmpty());
        for (int i = PlayerTokens.PREFIX.length(); i < token.length(); i++) {
            char[] chars = token.toCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            String changed = new String(chars);
            if (!changed.equals(token)) {
                assertTrue(tokens.verify(changed).isEmpty(), "changed at " + i);
            }
        }
        // claims rewritten to another id, with the old MAC
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"g\":\"race\",\"r\":\"master\",\"i\":\"boss\",\"exp\":99999999999}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertTrue(tokens.verify(forged).isEmpty());
    }

    @Test
    void garbageIsRefusedWithoutAnError() {
        char[] long_ = new char[5000];
        Arrays.fill(long_, 'a');
        for (String garbage : new String[] {null, "", "spt1.", "spt1..", "spt1.!!!.???", "spt1.e30.", "Bearer x",
                "spt1." + new String(long_), "spt2.abc.def"}) {
            assertTrue(tokens.verify(garbage).isEmpty(), String.valueOf(garbage));
        }
    }

    @Test
    void mintingChecksNamesAndLifetime() {
        assertThrows(IllegalArgumentException.class, () -> tokens.mint("no spaces", Role.SLAVE, "p", Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> tokens.mint("race", Role.SLAVE, "../p", Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> tokens.mint("race", Role.SLAVE, "p", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> tokens.mint("race", Role.SLAVE, "p", Duration.ofDays(2)));
        assertThrows(IllegalArgumentException.class, () -> new PlayerTokens(new byte[16], Clock.systemUTC()));
    }
}
