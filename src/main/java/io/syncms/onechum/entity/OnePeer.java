package io.syncms.onechum.entity;

import java.time.Instant;
import java.util.Objects;

/**
 * A ONE instance the admin registered to connect to this one over ONE's Chum protocol. one.core's
 * Chum trusts its connection, so the connection must prove it is this peer: its WebSocket URL carries
 * a credential issued at registration, of which only the SHA-256 is kept.
 *
 * @param id                 the registration's id
 * @param remotePersonId     the peer's person, whom this side serves
 * @param localPersonId      the local person this side is in the Chum (any person of the instance)
 * @param chumName           the Chum's name (one.models: the connection group, usually "chum")
 * @param localInstanceName  this instance's name in the Chum log
 * @param remoteInstanceName the peer's instance name
 * @param keepRunning        keep following new writes while the peer stays connected
 * @param credentialSha256   the SHA-256 (hex) of the credential
 */
public record OnePeer(String id, String remotePersonId, String localPersonId, String chumName, String localInstanceName,
                      String remoteInstanceName, boolean keepRunning, String credentialSha256, Instant registeredAt) {

    public OnePeer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(remotePersonId, "remotePersonId");
        Objects.requireNonNull(localPersonId, "localPersonId");
        Objects.requireNonNull(chumName, "chumName");
        Objects.requireNonNull(localInstanceName, "localInstanceName");
        Objects.requireNonNull(remoteInstanceName, "remoteInstanceName");
        Objects.requireNonNull(credentialSha256, "credentialSha256");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }

    public OneChumOptions options(long pollIntervalMillis) {
        return new OneChumOptions(chumName, localInstanceName, remoteInstanceName, localPersonId, remotePersonId,
                keepRunning, pollIntervalMillis);
    }
}
