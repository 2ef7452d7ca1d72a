package io.syncms.chum.boundary;

import java.util.Optional;

/** What an instance fills in for the options a Chum request leaves out. */
interface ChumDefaults {

    /** The ID hash of this instance's owner. */
    String localPersonId();

    String localInstanceName();

    /** The instance name the pairing of {@code remotePersonId} gave, if any. */
    Optional<String> remoteInstanceName(String remotePersonId);
}
