package io.syncms.chum.entity;

/**
 * Whose progress a checkpoint records: the import, into the local instance, of what the remote
 * instance lets the local person see (the remote person is part of the key because the pairing is).
 */
public record CheckpointKey(String localInstance, String remoteInstance, String localPerson, String remotePerson) {

    public CheckpointKey {
        Checks.text(localInstance, "localInstance");
        Checks.text(remoteInstance, "remoteInstance");
        Checks.hash(localPerson, "localPerson");
        Checks.hash(remotePerson, "remotePerson");
    }

    /** The key as one line of text (what names its file). */
    public String asText() {
        return localInstance.length() + ":" + localInstance + "|" + remoteInstance.length() + ":" + remoteInstance
                + "|" + localPerson + "|" + remotePerson;
    }
}
