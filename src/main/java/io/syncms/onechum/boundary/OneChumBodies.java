package io.syncms.onechum.boundary;

import io.syncms.onechum.entity.OnePeer;
import io.syncms.platform.entity.Body;
import io.syncms.platform.entity.Doc;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.List;

/** The bodies of {@code /api/one-peers}, as JSON-B maps them. */
public final class OneChumBodies {

    static final String HASH_PATTERN = "^[0-9a-f]{64}$";
    /** 1-200 characters on one line; a pattern, not @Size: Payara 6's OpenAPI scanner fails on @Size on a record component. */
    static final String NAME_PATTERN = "^.{1,200}$";

    private OneChumBodies() {
    }

    @Body(name = "OnePeerRegistration", description = "A REFINIO ONE instance allowed to connect and Chum over one.core's "
            + "protocol. Only remotePersonId and remoteInstanceName are required.")
    public record OnePeerRegistration(
            @Doc("The ONE peer's person, whom this side serves.") @NotNull @Pattern(regexp = HASH_PATTERN) String remotePersonId,
            @Doc("The ONE peer's instance name, as its Chum log names it.") @NotNull @Pattern(regexp = NAME_PATTERN) String remoteInstanceName,
            @Doc("This side's person in the Chum: any person stored here (default: the owner).") @Pattern(regexp = HASH_PATTERN)
            String localPersonId,
            @Doc("The Chum's name (default \"chum\", as one.models names it).") @Pattern(regexp = NAME_PATTERN) String chumName,
            @Doc("This instance's name in the Chum log (default: its name).") @Pattern(regexp = NAME_PATTERN) String localInstanceName,
            @Doc("Keep following new writes while the peer stays connected (default true, as one.models Chums).")
            Boolean keepRunning) {
    }

    @Body(name = "OnePeer", description = "A registered ONE peer. Its credential is shown once, in the answer to its "
            + "registration; the peer connects to ws(s)://<this instance>/one-chum/<credential>.")
    public record OnePeerInfo(@NotNull String id, @NotNull String remotePersonId, @NotNull String remoteInstanceName,
                       @NotNull String localPersonId, @NotNull String chumName, @NotNull String localInstanceName,
                       boolean keepRunning, @Doc(format = "date-time") @NotNull String registeredAt,
                       @Doc("Only in the answer to the registration: the secret the peer's URL carries.") String credential,
                       @Doc("Only in the answer to the registration: the path the peer connects to.") String path) {

        static OnePeerInfo of(OnePeer peer, String credential) {
            return new OnePeerInfo(peer.id(), peer.remotePersonId(), peer.remoteInstanceName(), peer.localPersonId(),
                    peer.chumName(), peer.localInstanceName(), peer.keepRunning(), peer.registeredAt().toString(),
                    credential, credential == null ? null : "/one-chum/" + credential);
        }
    }

    @Body(name = "OnePeerList")
    public record OnePeerList(@NotNull List<OnePeerInfo> peers) {
    }
}
