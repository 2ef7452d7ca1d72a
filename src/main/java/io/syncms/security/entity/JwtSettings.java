package io.syncms.security.entity;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How JWTs are verified, with the names and meanings of MicroProfile JWT's settings: JWTs are accepted
 * when a key is configured ({@code mp.jwt.verify.publickey} or {@code mp.jwt.verify.publickey.location});
 * they must then be signed with {@code mp.jwt.verify.publickey.algorithm} (RS256 or ES256) by that key,
 * issued by {@code mp.jwt.verify.issuer}, not expired (allowing {@code mp.jwt.verify.clock.skew}),
 * for one of {@code mp.jwt.verify.audiences} if those are set, and not older than
 * {@code mp.jwt.verify.token.age} if that is set.
 *
 * @param publicKey         the key itself: PEM, a JWK or a JWK set
 * @param publicKeyLocation a file (path or {@code file:} URL) holding one, or an {@code http(s)} URL of a JWK set
 * @param algorithm         {@code RS256} or {@code ES256}
 * @param issuer            the required {@code iss}
 * @param audiences         accepted {@code aud} values; empty: any
 * @param clockSkew         tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param tokenAge          longest accepted age since {@code iat}, if limited
 */
public record JwtSettings(Optional<String> publicKey, Optional<String> publicKeyLocation, String algorithm,
                          Optional<String> issuer, Set<String> audiences, Duration clockSkew, Optional<Duration> tokenAge) {

    public static final String DEFAULT_ALGORITHM = "RS256";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    private static final Set<String> ALGORITHMS = Set.of("RS256", "ES256");

    public JwtSettings {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(publicKeyLocation, "publicKeyLocation");
        Objects.requireNonNull(issuer, "issuer");
        audiences = Set.copyOf(audiences);
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(tokenAge, "tokenAge");
    }

    /** No key configured: JWTs are not accepted. */
    public static JwtSettings disabled() {
        return new JwtSettings(Optional.empty(), Optional.empty(), DEFAULT_ALGORITHM, Optional.empty(), Set.of(),
                DEFAULT_CLOCK_SKEW, Optional.empty());
    }

    public boolean enabled() {
        return publicKey.isPresent() || publicKeyLocation.isPresent();
    }

    /** @throws SecurityMisconfiguredException if JWTs are enabled with settings that cannot be used */
    public JwtSettings checked() {
        if (!enabled()) {
            return this;
        }
        if (publicKey.isPresent() && publicKeyLocation.isPresent()) {
            throw new SecurityMisconfiguredException("Set mp.jwt.verify.publickey or mp.jwt.verify.publickey.location, not both");
        }
        if (issuer.isEmpty() || issuer.get().isBlank()) {
            throw new SecurityMisconfiguredException("JWTs are enabled (a verification key is set) but mp.jwt.verify.issuer is not");
        }
        if (!ALGORITHMS.contains(algorithm)) {
            throw new SecurityMisconfiguredException("mp.jwt.verify.publickey.algorithm must be one of " + ALGORITHMS
                    + ", not " + algorithm);
        }
        if (clockSkew.isNegative() || tokenAge.filter(age -> age.isNegative() || age.isZero()).isPresent()) {
            throw new SecurityMisconfiguredException("mp.jwt.verify.clock.skew and mp.jwt.verify.token.age must be positive");
        }
        return this;
    }
}
