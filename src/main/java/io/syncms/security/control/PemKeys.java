package io.syncms.security.control;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Public keys in PEM ({@code PUBLIC KEY} or {@code CERTIFICATE} blocks) as JWKs, with the JDK's own
 * parsers: Nimbus' PEM reader needs BouncyCastle, which an application cannot count on in Payara.
 */
final class PemKeys {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private PemKeys() {
    }

    /** @throws GeneralSecurityException if a block is not an RSA or EC public key or certificate */
    static List<JWK> parse(String pem) throws GeneralSecurityException {
        List<JWK> keys = new ArrayList<>();
        Matcher block = BLOCK.matcher(pem);
        while (block.find()) {
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            PublicKey key = switch (block.group(1)) {
                case "PUBLIC KEY" -> publicKey(der);
                case "CERTIFICATE" -> CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
                default -> throw new GeneralSecurityException("a PEM block of " + block.group(1)
                        + " is not a public key or certificate");
            };
            keys.add(jwk(key));
        }
        if (keys.isEmpty()) {
            throw new GeneralSecurityException("no PEM block found");
        }
        return keys;
    }

    private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    private static JWK jwk(PublicKey key) throws GeneralSecurityException {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null) {
                throw new GeneralSecurityException("the EC key's curve is not one JWTs use");
            }
            return new ECKey.Builder(curve, ec).build();
        }
        throw new GeneralSecurityException("a " + key.getAlgorithm() + " key cannot verify RS256 or ES256");
    }
}
