package io.syncms.players.control;

import io.syncms.syncms.control.Participant;
import io.syncms.syncms.control.RemoteApplication;
import io.syncms.syncms.entity.GroupSettings;
import io.syncms.syncms.entity.ParticipantConfig;

/** Where player sessions get their participants: this instance's runtime, limits and configured settings. */
public interface PlayerParticipants {

    /**
     * A new participant for a remote application.
     *
     * @throws io.syncms.platform.entity.LimitExceededException if the instance serves as many players as it may
     */
    Participant create(ParticipantConfig config, RemoteApplication application);

    /** The participant closed; its place is free. */
    void closed(Participant participant);

    /** The settings MicroProfile Config gives {@code group}, which a player's own settings override. */
    GroupSettings settingsFor(String group);
}
