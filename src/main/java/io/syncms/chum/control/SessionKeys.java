package io.syncms.chum.control;

import io.syncms.chum.entity.ChumUnauthenticatedException;
import io.syncms.chum.entity.HandshakeGrant;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.KeyAgreement;

/**
 * The keys of one Chum session, from an X25519 exchange whose public halves both sides signed: the
 * session token (the same on both sides, never sent) and the key of the exporter's confirmation.
 * HKDF-SHA256 (RFC 5869) turns the shared secret into both, salted with both nonces and bound to the
 * Chum's id. A relay sees only the public halves, so it cannot use or learn the session.
 */
final class SessionKeys {

    /** Prefix of a session token of protocol version 2. */
    static final String TOKEN_PREFIX = "chum2.";
    private static final int MAX_ENCODED_KEY = 128;

    private final String token;
    private final byte[] confirmationKey;

    private SessionKeys(String token, byte[] confirmationKey) {
        this.token = token;
        this.confirmationKey = confirmationKey;
    }

    /** A fresh X25519 key pair for one handshake. */
    static KeyPair ephemeral() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("XDH");
            generator.initialize(NamedParameterSpec.X25519);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java 11+ platform has X25519", e);
        }
    }

    static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** @throws ChumUnauthenticatedException if the text is not an X25519 public key */
    static PublicKey decode(String base64) {
        try {
            if (base64.length() > MAX_ENCODED_KEY) {
                throw new IllegalArgumentException("too long");
            }
            PublicKey key = KeyFactory.getInstance("XDH").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (!(key instanceof XECPublicKey xec) || !(xec.getParams() instanceof NamedParameterSpec named)
                    || !named.getName().equals(NamedParameterSpec.X25519.getName())) {
                throw new IllegalArgumentException("not X25519");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ChumUnauthenticatedException("The ephemeral key is not an X25519 public key");
        }
    }

    /**
     * Both sides' keys of a session.
     *
     * @throws ChumUnauthenticatedException if the other side's key yields no usable secret (a low-order point)
     */
    static SessionKeys derive(PrivateKey mine, PublicKey theirs, String nonce, String importerNonce, String chumId) {
        byte[] secret;
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(mine);
            agreement.doPhase(theirs, true);
            secret = agreement.generateSecret();
        } catch (InvalidKeyException e) {
            throw new ChumUnauthenticatedException("The ephemeral key yields no shared secret");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 failed", e);
        }
        byte[] keys = hkdf(utf8(nonce + "\n" + importerNonce), secret, utf8("syncms-chum-session\n" + chumId), 64);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(keys, 0, 32));
        return new SessionKeys(token, Arrays.copyOfRange(keys, 32, 64));
    }

    String token() {
        return token;
    }

    /** The exporter's proof that it derived these keys, over the grant's other fields. */
    String confirmation(String chumId, long idleTimeoutMillis, long lifetimeMillis, String storeEpoch, long lastSeq) {
        return Base64.getEncoder().encodeToString(hmac(confirmationKey,
                HandshakeGrant.confirmedBytes(chumId, idleTimeoutMillis, lifetimeMillis, storeEpoch, lastSeq)));
    }

    /** Whether the grant's confirmation is the one these keys give (compared in constant time). */
    boolean confirms(String chumId, HandshakeGrant grant) {
        byte[] expected = hmac(confirmationKey, grant.confirmedBytes(chumId));
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(grant.confirmation());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, presented);
    }

    /** RFC 5869 with SHA-256: extract, then expand to {@code length} bytes. */
    static byte[] hkdf(byte[] salt, byte[] inputKey, byte[] info, int length) {
        byte[] pseudoRandomKey = hmac(salt.length == 0 ? new byte[32] : salt, inputKey);
        byte[] output = new byte[length];
        byte[] block = new byte[0];
        for (int filled = 0, counter = 1; filled < length; counter++) {
            byte[] input = new byte[block.length + info.length + 1];
            System.arraycopy(block, 0, input, 0, block.length);
            System.arraycopy(info, 0, input, block.length, info.length);
            input[input.length - 1] = (byte) counter;
            block = hmac(pseudoRandomKey, input);
            int n = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, output, filled, n);
            filled += n;
        }
        return output;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        return io.syncms.platform.control.HmacSha256.mac(key, data);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
