package io.syncms.security.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * An identity provider for tests: an RSA or EC key pair that signs JWTs, and the public key in the
 * forms MicroProfile JWT's settings take. Public so the integration tests can use it too.
 */
public final class JwtFixture {

    public static final String ISSUER = "https://issuer.syncms.test";

    private final RSAKey rsa;
    private final ECKey ec;

    public JwtFixture() {
        try {
            rsa = new RSAKeyGenerator(2048).keyID("rsa-test").generate();
            ec = new ECKeyGenerator(Curve.P_256).keyID("ec-test").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RSA public key as a JWK (one line of JSON: fits a -D option). */
    public String rsaPublicJwk() {
        return rsa.toPublicJWK().toJSONString();
    }

    public RSAKey rsa() {
        return rsa;
    }

    public ECKey ec() {
        return ec;
    }

    /** An RS256 JWT for the subject with the groups, valid from now for the lifetime. */
    public String token(String subject, List<String> groups, Duration lifetime) {
        return sign(claims(subject, groups, Instant.now(), lifetime).build(), JWSAlgorithm.RS256);
    }

    public static JWTClaimsSet.Builder claims(String subject, List<String> groups, Instant issuedAt, Duration lifetime) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).claim("upn", subject + "@syncms.test")
                .claim("groups", groups).issueTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plus(lifetime)));
    }

    public String sign(JWTClaimsSet claims, JWSAlgorithm algorithm) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(
                    algorithm == JWSAlgorithm.ES256 ? ec.getKeyID() : rsa.getKeyID()).build(), claims);
            jwt.sign(algorithm == JWSAlgorithm.ES256 ? new ECDSASigner(ec) : new RSASSASigner(rsa));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
