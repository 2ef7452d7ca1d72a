package io.syncms.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.syncms.security.entity.Caller;
import io.syncms.security.entity.JwtSettings;
import io.syncms.security.entity.Role;
import io.syncms.security.entity.SecurityMisconfiguredException;
import io.syncms.security.entity.UnauthenticatedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticatorTest {

    static final String API_TOKEN = "the-api-token-of-the-test";
    static final JwtFixture IDP = new JwtFixture();

    @TempDir
    Path dir;

    private static JwtSettings jwt(String key) {
        return new JwtSettings(Optional.of(key), Optional.empty(), "RS256", Optional.of(JwtFixture.ISSUER), Set.of(),
                Duration.ofSeconds(5), Optional.empty());
    }

    private static Authenticator withJwt(JwtSettings settings) {
        return new Authenticator(ApiToken.of(API_TOKEN, "test"), Optional.of(new JwtVerifier(settings, Clock.systemUTC())));
    }

    private static Authenticator tokenOnly() {
        return new Authenticator(ApiToken.of(API_TOKEN, "test"), Optional.empty());
    }

    private static UnauthenticatedException refused(Authenticator authenticator, String header) {
        return assertThrows(UnauthenticatedException.class, () -> authenticator.authenticate(header));
    }

    @Test
    void theApiTokenHoldsBothRolesWhateverTheSchemeSpelling() {
        Caller caller = tokenOnly().authenticate("Bearer " + API_TOKEN);
        assertEquals(new Caller("api-token", EnumSet.allOf(Role.class), "api-token"), caller);
        assertEquals(caller, tokenOnly().authenticate("bearer   " + API_TOKEN + " "));
    }

    @Test
    void noCredentialAskedForWithoutAnErrorCodeAndOtherSchemesAreMalformedRequests() {
        assertNull(refused(tokenOnly(), null).bearerError());
        assertNull(refused(tokenOnly(), "  ").bearerError());
        assertEquals("invalid_request", refused(tokenOnly(), "Basic dXNlcjpwYXNz").bearerError());
        assertEquals("invalid_request", refused(tokenOnly(), "Bearer").bearerError());
        assertEquals("invalid_request", refused(tokenOnly(), "Bearer two tokens").bearerError());
        assertEquals("invalid_request", refused(tokenOnly(), API_TOKEN).bearerError());
    }

    @Test
    void aWrongTokenOrAJwtWhereNoneIsAcceptedIsAnInvalidToken() {
        assertEquals("The token is not valid", refused(tokenOnly(), "Bearer " + API_TOKEN + "x").getMessage());
        UnauthenticatedException jwt = refused(tokenOnly(), "Bearer " + IDP.token("ann", List.of("admin"), Duration.ofMinutes(5)));
        assertEquals("invalid_token", jwt.bearerError());
        assertEquals("The token is not the API token, and this instance accepts no JWTs", jwt.getMessage());
    }

    @Test
    void aJwtGetsTheRolesItsGroupsNameAndItsUpnAsName() {
        Authenticator authenticator = withJwt(jwt(IDP.rsaPublicJwk()));
        Caller admin = authenticator.authenticate("Bearer " + IDP.token("ann", List.of("admin", "dba"), Duration.ofMinutes(5)));
        assertEquals(new Caller("ann@syncms.test", Set.of(Role.ADMIN), "jwt"), admin);
        Caller app = authenticator.authenticate("Bearer " + IDP.token("bob", List.of("app"), Duration.ofMinutes(5)));
        assertEquals(Set.of(Role.APP), app.roles());
        Caller nobody = authenticator.authenticate("Bearer " + IDP.token("eve", List.of(), Duration.ofMinutes(5)));
        assertEquals(Set.of(), nobody.roles());
        assertTrue(authenticator.authenticate("Bearer " + API_TOKEN).roles().contains(Role.ADMIN), "the API token still works");
    }

    @Test
    void expiredForeignAndForgedJwtsAreRefused() throws JOSEException {
        Authenticator authenticator = withJwt(jwt(IDP.rsaPublicJwk()));
        String expired = IDP.sign(JwtFixture.claims("ann", List.of("admin"), Instant.now().minusSeconds(600),
                Duration.ofSeconds(60)).build(), JWSAlgorithm.RS256);
        assertEquals("The JWT is not valid: Expired JWT", refused(authenticator, "Bearer " + expired).getMessage());
        String foreign = IDP.sign(JwtFixture.claims("ann", List.of("admin"), Instant.now(), Duration.ofMinutes(5))
                .issuer("https://elsewhere.test").build(), JWSAlgorithm.RS256);
        assertTrue(refused(authenticator, "Bearer " + foreign).getMessage().contains("iss"));
        String otherKey = new JwtFixture().token("ann", List.of("admin"), Duration.ofMinutes(5));
        assertEquals("invalid_token", refused(authenticator, "Bearer " + otherKey).bearerError());

        JWTClaimsSet claims = JwtFixture.claims("ann", List.of("admin"), Instant.now(), Duration.ofMinutes(5)).build();
        String unsigned = new PlainJWT(claims).serialize();
        assertEquals("invalid_token", refused(authenticator, "Bearer " + unsigned).bearerError());
        // the classic confusion: an HMAC whose secret is the (public) RSA key
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        hmac.sign(new MACSigner(IDP.rsa().toRSAPublicKey().getEncoded()));
        assertEquals("invalid_token", refused(authenticator, "Bearer " + hmac.serialize()).bearerError());
        String tampered = IDP.token("ann", List.of("app"), Duration.ofMinutes(5));
        String[] parts = tampered.split("\\.");
        String adminPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"app\"", "\"admin\"").getBytes(StandardCharsets.UTF_8));
        assertEquals("invalid_token", refused(authenticator, "Bearer " + parts[0] + "." + adminPayload + "." + parts[2]).bearerError());
    }

    @Test
    void audiencesAndTokenAgeAreEnforcedWhenSet() {
        JwtSettings strict = new JwtSettings(Optional.of(IDP.rsaPublicJwk()), Optional.empty(), "RS256",
                Optional.of(JwtFixture.ISSUER), Set.of("syncms"), Duration.ZERO, Optional.of(Duration.ofMinutes(10)));
        Authenticator authenticator = withJwt(strict);
        String noAudience = IDP.token("ann", List.of("admin"), Duration.ofMinutes(5));
        assertEquals("invalid_token", refused(authenticator, "Bearer " + noAudience).bearerError());
        String forUs = IDP.sign(JwtFixture.claims("ann", List.of("admin"), Instant.now(), Duration.ofMinutes(5))
                .audience("syncms").build(), JWSAlgorithm.RS256);
        assertEquals(Set.of(Role.ADMIN), authenticator.authenticate("Bearer " + forUs).roles());
        String old = IDP.sign(JwtFixture.claims("ann", List.of("admin"), Instant.now().minus(Duration.ofMinutes(30)),
                Duration.ofHours(1)).audience("syncms").build(), JWSAlgorithm.RS256);
        assertEquals("The JWT is older than mp.jwt.verify.token.age (600 s)", refused(authenticator, "Bearer " + old).getMessage());
    }

    @Test
    void keysComeAsPemJwkJwkSetOrFileAndEs256Works() throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(IDP.rsa().toRSAPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        String token = "Bearer " + IDP.token("ann", List.of("app"), Duration.ofMinutes(5));
        assertEquals(Set.of(Role.APP), withJwt(jwt(pem)).authenticate(token).roles());
        assertEquals(Set.of(Role.APP), withJwt(jwt("{\"keys\":[" + IDP.rsaPublicJwk() + "]}")).authenticate(token).roles());
        // a private JWK given by mistake verifies with its public half
        assertEquals(Set.of(Role.APP), withJwt(jwt(IDP.rsa().toJSONString())).authenticate(token).roles());
        Path file = Files.writeString(dir.resolve("key.pem"), pem);
        JwtSettings fromFile = new JwtSettings(Optional.empty(), Optional.of(file.toUri().toString()), "RS256",
                Optional.of(JwtFixture.ISSUER), Set.of(), Duration.ofSeconds(5), Optional.empty());
        assertEquals(Set.of(Role.APP), withJwt(fromFile).authenticate(token).roles());

        JwtSettings ec = new JwtSettings(Optional.of(IDP.ec().toPublicJWK().toJSONString()), Optional.empty(), "ES256",
                Optional.of(JwtFixture.ISSUER), Set.of(), Duration.ofSeconds(5), Optional.empty());
        String es256 = IDP.sign(JwtFixture.claims("cy", List.of("admin"), Instant.now(), Duration.ofMinutes(5)).build(),
                JWSAlgorithm.ES256);
        assertEquals(Set.of(Role.ADMIN), withJwt(ec).authenticate("Bearer " + es256).roles());
        assertEquals("invalid_token", refused(withJwt(ec), token).bearerError());
    }

    @Test
    void unusableJwtSettingsAreMisconfigurations() {
        assertThrows(SecurityMisconfiguredException.class, () -> withJwt(new JwtSettings(Optional.of(IDP.rsaPublicJwk()),
                Optional.empty(), "RS256", Optional.empty(), Set.of(), Duration.ZERO, Optional.empty())));
        assertThrows(SecurityMisconfiguredException.class, () -> withJwt(new JwtSettings(Optional.of(IDP.rsaPublicJwk()),
                Optional.empty(), "HS256", Optional.of(JwtFixture.ISSUER), Set.of(), Duration.ZERO, Optional.empty())));
        assertThrows(SecurityMisconfiguredException.class, () -> withJwt(jwt("not a key")));
        assertThrows(SecurityMisconfiguredException.class, () -> withJwt(new JwtSettings(Optional.empty(),
                Optional.of(dir.resolve("missing.pem").toString()), "RS256", Optional.of(JwtFixture.ISSUER), Set.of(),
                Duration.ZERO, Optional.empty())));
    }
}
