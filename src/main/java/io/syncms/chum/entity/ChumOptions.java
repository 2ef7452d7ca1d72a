package io.syncms.chum.entity;

/**
 * What a Chum is asked to do ({@code ChumSyncOptions} of the REST API).
 *
 * @param remoteUrl            where the other instance is reached: the URL it was paired with (null: that URL)
 * @param localPersonId        the local owner's ID hash (the person this side authenticates as)
 * @param remotePersonId       the other instance's owner (whom this side serves)
 * @param chumName             the name of the Chum; with the instance and person pairs the ID of its log objects
 * @param localInstanceName    this instance's name
 * @param remoteInstanceName   the other instance's name
 * @param keepRunning          after full synchronization, keep carrying new accessible writes until stopped
 * @param maxNotificationDelay how long (ms) a new accessible write may wait before the other side is told
 */
public record ChumOptions(String remoteUrl, String localPersonId, String remotePersonId, String chumName,
                          String localInstanceName, String remoteInstanceName, boolean keepRunning,
                          long maxNotificationDelay) {

    /** The REST API's default for {@code maxNotificationDelay}. */
    public static final long DEFAULT_MAX_NOTIFICATION_DELAY = 20;
    /** The longest {@code maxNotificationDelay} (ms): ten minutes. */
    public static final long MAX_NOTIFICATION_DELAY = 600_000;

    /** The same options towards another URL (the paired one). */
    public ChumOptions withRemoteUrl(String url) {
        return new ChumOptions(url, localPersonId, remotePersonId, chumName, localInstanceName, remoteInstanceName, keepRunning,
                maxNotificationDelay);
    }

    public ChumOptions {
        if (remoteUrl != null) {
            Checks.text(remoteUrl, "remoteUrl");
        }
        Checks.hash(localPersonId, "localPersonId");
        Checks.hash(remotePersonId, "remotePersonId");
        Checks.line(chumName, "chumName");
        Checks.line(localInstanceName, "localInstanceName");
        Checks.line(remoteInstanceName, "remoteInstanceName");
        if (maxNotificationDelay < 0 || maxNotificationDelay > MAX_NOTIFICATION_DELAY) {
            throw new IllegalArgumentException("maxNotificationDelay must be from 0 to " + MAX_NOTIFICATION_DELAY + " ms, not "
                    + maxNotificationDelay);
        }
    }
}
