package io.syncms.chum.entity;

import java.time.Instant;

/**
 * What an exporter answers to "I want to Chum": a fresh nonce to sign, and who it is.
 *
 * @param nonce           random, single use, valid until {@code expiresAt}
 * @param protocolVersion the exporter's {@code PROTOCOL_VERSION}
 * @param instanceName    the exporter's instance name
 * @param personId        the ID hash of the exporter's owner
 * @param expiresAt       when the nonce stops being accepted
 */
public record Challenge(String nonce, int protocolVersion, String instanceName, String personId, Instant expiresAt) {

    public Challenge {
        Checks.line(nonce, "nonce");
        Checks.line(instanceName, "instanceName");
        Checks.hash(personId, "personId");
    }
}
