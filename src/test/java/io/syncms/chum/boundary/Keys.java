package io.syncms.chum.boundary;

import io.syncms.chum.control.ChumWire;
import io.syncms.chum.entity.Challenge;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/** An Ed25519 key pair of someone who is not an instance of the tests (a stranger, an impostor). */
final class Keys {

    private final KeyPair pair;

    private Keys(KeyPair pair) {
        this.pair = pair;
    }

    static Keys fresh() {
        try {
            return new Keys(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw 32-byte public key in standard Base64, as pairing takes it. */
    String publicKey() {
        byte[] encoded = pair.getPublic().getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }

    byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(pair.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A challenge answer as if this key's owner had made it: its key in it, signed with it. */
    byte[] resign(byte[] challengeJson, String importerNonce) {
        Challenge real = ChumWire.challenge(ChumWire.parse(new String(challengeJson, StandardCharsets.UTF_8)));
        byte[] signed = Challenge.signedBytes(importerNonce, real.nonce(), real.protocolVersion(), real.instanceName(),
                real.personId(), publicKey(), real.ephemeralKey(), real.expiresAt());
        Challenge forged = new Challenge(real.nonce(), real.protocolVersion(), real.instanceName(), real.personId(), publicKey(),
                real.ephemeralKey(), real.expiresAt(), Base64.getEncoder().encodeToString(sign(signed)));
        return ChumWire.challenge(forged).toString().getBytes(StandardCharsets.UTF_8);
    }
}
