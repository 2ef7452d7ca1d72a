package io.syncms.onechum.entity;

import java.util.Objects;

/**
 * One side of a ONE Chum, as one.core's {@code createChum} takes it. The local person may be any
 * person of this instance (one.core allows an anonymous one), not only the owner.
 *
 * @param pollIntervalMillis how long a keepRunning importer waits between passes (one.core: 5 s)
 */
public record OneChumOptions(String chumName, String localInstanceName, String remoteInstanceName,
                             String localPersonId, String remotePersonId, boolean keepRunning,
                             long pollIntervalMillis) {

    public OneChumOptions {
        Objects.requireNonNull(chumName, "chumName");
        Objects.requireNonNull(localInstanceName, "localInstanceName");
        Objects.requireNonNull(remoteInstanceName, "remoteInstanceName");
        Objects.requireNonNull(localPersonId, "localPersonId");
        Objects.requireNonNull(remotePersonId, "remotePersonId");
        if (pollIntervalMillis < 10) {
            throw new IllegalArgumentException("pollIntervalMillis is at least 10");
        }
    }
}
