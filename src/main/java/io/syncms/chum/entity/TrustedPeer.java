package io.syncms.chum.entity;

import java.util.Base64;

/**
 * The owner of another instance that may Chum with this one (registered when pairing).
 *
 * @param personId  the ID hash of the other instance's owner
 * @param publicKey the owner's raw 32-byte Ed25519 public key in standard Base64
 * @param url       where the other instance's Chum endpoint is reached (a base URL for HTTP)
 * @param instanceName the other instance's name, if the pairing gave it: a Chum started without a
 *                  {@code remoteInstanceName} uses it; null if not given
 */
public record TrustedPeer(String personId, String publicKey, String url, String instanceName) {

    /** A pairing that does not name the other instance. */
    public TrustedPeer(String personId, String publicKey, String url) {
        this(personId, publicKey, url, null);
    }

    private static final int ED25519_KEY_LENGTH = 32;

    public TrustedPeer {
        Checks.hash(personId, "personId");
        Checks.text(publicKey, "publicKey");
        Checks.text(url, "url");
        if (instanceName != null) {
            Checks.line(instanceName, "instanceName");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(publicKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The publicKey must be Base64: " + e.getMessage());
        }
        if (key.length != ED25519_KEY_LENGTH) {
            throw new IllegalArgumentException("The publicKey must be the 32 bytes of an Ed25519 key, not " + key.length);
        }
    }
}
