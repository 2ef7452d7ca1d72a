package io.syncms.players.control;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.platform.control.HmacSha256;
import io.syncms.players.entity.PlayerGrant;
import io.syncms.syncms.entity.ParticipantConfig;
import io.syncms.syncms.entity.Role;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Player tokens: what an application hands each player's page so that it can join one group, as one
 * role and id, for a while, without holding the API token. A token is
 * {@code spt1.<claims>.<mac>}: base64url of the JSON claims {@code g}, {@code r}, {@code i}, {@code exp}
 * (epoch seconds) and of their HMAC-SHA256. The key is derived from the API token, so every instance
 * with the same API token accepts the tokens any of them minted, and changing the API token revokes them all.
 */
public final class PlayerTokens {

    public static final String PREFIX = "spt1.";
    /** The longest token looked at; anything longer is refused before it is decoded. */
    static final int MAX_LENGTH = 1024;
    public static final Duration MAX_TTL = Duration.ofDays(1);

    private final byte[] key;
    private final Clock clock;

    public PlayerTokens(byte[] key, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a player-token key has at least 32 bytes");
        }
        this.key = key.clone();
        this.clock = clock;
    }

    /** A token for {@code id} as {@code role} in {@code group}, valid for {@code ttl} (at most a day). */
    public Minted mint(String group, Role role, String id, Duration ttl) {
        new ParticipantConfig(group, role, id, role == Role.MASTER ? List.of(id + "-slave") : List.of(), null);
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("a player token lives between 1 s and " + MAX_TTL.toSeconds() + " s, not "
                    + ttl.toSeconds() + " s");
        }
        Instant expires = clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String claims = JSON.createObjectBuilder().add("g", group).add("r", role.label()).add("i", id)
                .add("exp", expires.getEpochSecond()).build().toString();
        String body = PREFIX + base64(claims.getBytes(StandardCharsets.UTF_8));
        return new Minted(body + "." + base64(mac(body)), expires);
    }

    /** The token and when it expires. */
    public record Minted(String token, Instant expiresAt) {}

    /** The grant of a valid, unexpired token; empty for anything else. */
    public Optional<PlayerGrant> verify(String token) {
        if (token == null || token.length() > MAX_LENGTH || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int dot = token.lastIndexOf('.');
        if (dot <= PREFIX.length()) {
            return Optional.empty();
        }
        String body = token.substring(0, dot);
        byte[] presented;
        byte[] claims;
        try {
            presented = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            claims = Base64.getUrlDecoder().decode(body.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(body), presented)) {
            return Optional.empty();
        }
        return grant(new String(claims, StandardCharsets.UTF_8));
    }

    private Optional<PlayerGrant> grant(String claims) {
        try (JsonReader reader = JSON.createReader(new StringReader(claims))) {
            JsonObject object = reader.readObject();
            if (!(object.get("g") instanceof JsonString group) || !(object.get("r") instanceof JsonString role)
                    || !(object.get("i") instanceof JsonString id) || !(object.get("exp") instanceof JsonNumber exp)) {
                return Optional.empty();
            }
            Instant expires = Instant.ofEpochSecond(exp.longValueExact());
            if (!clock.instant().isBefore(expires)) {
                return Optional.empty();
            }
            return Optional.of(new PlayerGrant("player " + id.getString(), group.getString(), Role.parse(role.getString()),
                    id.getString(), expires));
        } catch (JsonException | ArithmeticException | IllegalArgumentException | ClassCastException e) {
            // a MAC over claims this class did not write cannot happen without the key; refuse anyway
            return Optional.empty();
        }
    }

    private byte[] mac(String body) {
        return HmacSha256.mac(key, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
