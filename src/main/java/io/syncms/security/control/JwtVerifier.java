package io.syncms.security.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.syncms.security.entity.Caller;
import io.syncms.security.entity.JwtSettings;
import io.syncms.security.entity.Role;
import io.syncms.security.entity.SecurityMisconfiguredException;
import io.syncms.security.entity.UnauthenticatedException;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.security.Key;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies MicroProfile JWTs with Nimbus JOSE+JWT (which Payara bundles for its own MP-JWT): the
 * signature with the configured key and algorithm only (so neither {@code alg: none} nor an HMAC
 * signed with the public key passes), then {@code iss}, {@code exp}, {@code nbf}, {@code aud} and the
 * token age. The caller is named by {@code upn}, else {@code preferred_username}, else {@code sub}, as
 * MP-JWT names it; its roles are the {@code groups} entries {@code admin} and {@code app}.
 *
 * <p>This is not Payara's own MP-JWT mechanism on purpose: that one answers a refused token with the
 * container's HTML error page before JAX-RS sees the request, and cannot accept the API token in the
 * same {@code Authorization: Bearer} header.
 */
public final class JwtVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final JwtSettings settings;
    private final Clock clock;

    /** @throws SecurityMisconfiguredException if the settings or the key cannot be used */
    public JwtVerifier(JwtSettings settings, Clock clock) {
        this.settings = settings.checked();
        this.clock = clock;
        if (!settings.enabled()) {
            throw new IllegalArgumentException("JWTs are not enabled: no verification key is set");
        }
        processor.setJWSKeySelector(keySelector(JWSAlgorithm.parse(settings.algorithm()), settings));
        // mutable sets: Nimbus asks them whether they contain null
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                settings.audiences().isEmpty() ? null : new HashSet<>(settings.audiences()),
                new JWTClaimsSet.Builder().issuer(settings.issuer().orElseThrow()).build(),
                new HashSet<>(settings.tokenAge().isPresent() ? List.of("exp", "iat") : List.of("exp")), null);
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, settings.clockSkew().toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Whether a bearer token has the shape of a JWS in compact form (three base64url parts). */
    public static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    /** @throws UnauthenticatedException if the token does not verify or its claims are not acceptable */
    public Caller verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (KeySourceException e) {
            throw UnauthenticatedException.invalidToken("The JWT cannot be verified now, the key is not available: "
                    + e.getMessage());
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw UnauthenticatedException.invalidToken("The JWT is not valid: " + e.getMessage());
        }
        checkAge(claims);
        return new Caller(name(claims), roles(claims), "jwt");
    }

    private void checkAge(JWTClaimsSet claims) {
        if (settings.tokenAge().isEmpty()) {
            return;
        }
        Date issued = claims.getIssueTime();
        Instant oldest = clock.instant().minus(settings.tokenAge().get()).minus(settings.clockSkew());
        if (issued == null || issued.toInstant().isBefore(oldest)) {
            throw UnauthenticatedException.invalidToken("The JWT is older than mp.jwt.verify.token.age ("
                    + settings.tokenAge().get().toSeconds() + " s)");
        }
    }

    private static String name(JWTClaimsSet claims) {
        for (String claim : List.of("upn", "preferred_username", "sub")) {
            Object value = claims.getClaim(claim);
            if (value instanceof String name && !name.isBlank()) {
                return name;
            }
        }
        throw UnauthenticatedException.invalidToken("The JWT names no caller: it has no upn, preferred_username or sub");
    }

    private static Set<Role> roles(JWTClaimsSet claims) {
        List<String> groups;
        try {
            groups = claims.getStringListClaim("groups");
        } catch (ParseException e) {
            throw UnauthenticatedException.invalidToken("The JWT's groups claim is not a list of strings");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (groups != null) {
            groups.forEach(group -> Role.ofClaim(group).ifPresent(roles::add));
        }
        return roles;
    }

    // ---------------------------------------------------------------- keys

    /**
     * A JWK set from an URL selects keys by the token's {@code kid}, as identity providers rotate keys;
     * configured keys verify whatever {@code kid} the token names (a PEM key has none), the one with
     * that {@code kid} first.
     */
    private static JWSKeySelector<SecurityContext> keySelector(JWSAlgorithm algorithm, JwtSettings settings) {
        if (settings.publicKey().isPresent()) {
            return staticKeys(algorithm, parseKeys(settings.publicKey().get(), "mp.jwt.verify.publickey"));
        }
        JWKSource<SecurityContext> source = keys(settings);
        if (source instanceof ImmutableJWKSet<SecurityContext> fixed) {
            return staticKeys(algorithm, fixed.getJWKSet());
        }
        return new JWSVerificationKeySelector<>(algorithm, source);
    }

    private static JWSKeySelector<SecurityContext> staticKeys(JWSAlgorithm algorithm, JWKSet keys) {
        return (header, context) -> {
            if (!algorithm.equals(header.getAlgorithm())) {
                return List.of();
            }
            List<Key> named = new ArrayList<>();
            List<Key> others = new ArrayList<>();
            for (JWK jwk : keys.getKeys()) {
                Key key = verificationKey(jwk, algorithm);
                if (key != null) {
                    (header.getKeyID() != null && header.getKeyID().equals(jwk.getKeyID()) ? named : others).add(key);
                }
            }
            named.addAll(others);
            return named;
        };
    }

    private static Key verificationKey(JWK jwk, JWSAlgorithm algorithm) throws KeySourceException {
        try {
            if (jwk instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(algorithm)) {
                return rsa.toRSAPublicKey();
            }
            if (jwk instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(algorithm)) {
                return ec.toECPublicKey();
            }
            return null;
        } catch (JOSEException e) {
            throw new KeySourceException("A configured key cannot be used: " + e.getMessage(), e);
        }
    }

    private static JWKSource<SecurityContext> keys(JwtSettings settings) {
        String location = settings.publicKeyLocation().orElseThrow().strip();
        String scheme = location.contains(":") ? location.substring(0, location.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (scheme.equals("http") || scheme.equals("https")) {
            try {
                // fetched when first needed, cached, and fetched again when a token names an unknown key
                return JWKSourceBuilder.create(URI.create(location).toURL()).retrying(true).build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new SecurityMisconfiguredException("mp.jwt.verify.publickey.location is not a URL: " + location);
            }
        }
        Path file = scheme.equals("file") ? Path.of(URI.create(location)) : Path.of(location);
        try {
            return new ImmutableJWKSet<>(parseKeys(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        } catch (IOException | IllegalArgumentException e) {
            throw new SecurityMisconfiguredException("The JWT verification key " + file + " cannot be read: " + e);
        }
    }

    /** PEM (one or more public keys or certificates), a JWK or a JWK set. */
    static JWKSet parseKeys(String text, String source) {
        String key = text.strip();
        try {
            if (key.startsWith("-----BEGIN")) {
                return new JWKSet(publicOnly(PemKeys.parse(key), source));
            }
            if (key.startsWith("{")) {
                return key.contains("\"keys\"") ? new JWKSet(publicOnly(JWKSet.parse(key).getKeys(), source))
                        : new JWKSet(publicOnly(List.of(JWK.parse(key)), source));
            }
        } catch (ParseException | java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new SecurityMisconfiguredException("The JWT verification key from " + source + " cannot be parsed: "
                    + e.getMessage());
        }
        throw new SecurityMisconfiguredException("The JWT verification key from " + source
                + " is neither PEM nor a JWK or JWK set");
    }

    private static List<JWK> publicOnly(List<JWK> keys, String source) {
        if (keys.isEmpty()) {
            throw new SecurityMisconfiguredException("The JWT verification key from " + source + " holds no key");
        }
        Set<JWK> publicKeys = new HashSet<>();
        for (JWK jwk : keys) {
            // a private key given by mistake is used only by its public half
            publicKeys.add(jwk.toPublicJWK());
        }
        return List.copyOf(publicKeys);
    }
}
