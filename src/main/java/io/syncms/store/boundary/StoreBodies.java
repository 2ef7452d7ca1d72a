package io.syncms.store.boundary;

import io.syncms.store.control.HashPreview;
import io.syncms.store.control.InstanceIdentity;
import io.syncms.store.entity.AccessRoots;
import io.syncms.store.entity.MigrationReport;
import io.syncms.store.entity.QuarantinedItem;
import io.syncms.store.entity.RecoveryReport;
import io.syncms.store.entity.StoreCheckReport;
import io.syncms.store.entity.StoreResult;
import io.syncms.store.entity.Version;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import io.syncms.platform.entity.Body;
import io.syncms.platform.entity.Doc;

/**
 * The bodies of the store API, as JSON-B maps them; ONE objects themselves are written by
 * {@code OneJson} (their members are their recipe's). Instants are ISO-8601 strings or epoch values
 * with the unit in the name.
 */
public final class StoreBodies {

    private StoreBodies() {}

    @Body(name = "Stored", description = "Where content is stored; 201 if this call stored it, 200 if it was stored already.")
    public record Stored(@NotNull String hash, @Doc("Set for a versioned object.") String idHash) {

        static Response response(StoreResult result, URI location) {
            return Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK)
                    .location(location).type(MediaType.APPLICATION_JSON_TYPE).entity(new Stored(result.hash(), result.idHash())).build();
        }
    }

    @Body(name = "CurrentVersion")
    public record Current(@NotNull String hash, @Doc(ref = "OneObject") @NotNull JsonObject object) {}

    @Body(name = "Version")
    public record VersionBody(
            @NotNull String hash,
            @Doc("The version node (VersionNodeEdge or VersionNodeChange) that added it.") @NotNull String nodeHash,
            @Doc("The version node's position in the write log.") long seq,
            @Doc(value = "Use creationTimeMs.", deprecated = true) long timestamp,
            @Doc("The version node's creationTime, epoch ms.") long creationTimeMs) {

        static VersionBody of(Version version) {
            return new VersionBody(version.hash(), version.nodeHash(), version.seq(), version.timestamp(), version.timestamp());
        }
    }

    @Body(name = "VersionList")
    public record VersionList(@Doc("Oldest first; the last is the head.") @NotNull List<VersionBody> versions) {}

    @Body(name = "AccessibleRoots", description = "Roots granted to the person by Access and IdAccess, directly or through groups.")
    public record Accessible(@NotNull String person, @NotNull List<String> objects, @NotNull List<String> idHashes) {
        static Accessible of(String person, AccessRoots roots) {
            return new Accessible(person, List.copyOf(new TreeSet<>(roots.objects())), List.copyOf(new TreeSet<>(roots.idHashes())));
        }
    }

    @Body(name = "Instance", description = "Who this instance is; what a peer pairs with.")
    public record Instance(@NotNull String name, @NotNull Owner owner, @Doc("Raw Ed25519 public key, Base64.") @NotNull String publicKey) {
        static Instance of(InstanceIdentity identity) {
            return new Instance(identity.instanceName(), new Owner(identity.ownerEmail(), identity.ownerIdHash()), identity.publicKeyBase64());
        }
    }

    @Body(name = "Owner")
    public record Owner(@NotNull String email, @NotNull String idHash) {}

    @Body(name = "HashPreview", description = "What the object would be stored under, without storing it.")
    public record Preview(@NotNull String hash, @NotNull String microdata, String idHash, String idMicrodata) {
        static Preview of(HashPreview.Preview preview) {
            return new Preview(preview.hash(), preview.microdata(), preview.idHash(), preview.idMicrodata());
        }
    }

    @Body(name = "StoreState")
    public record State(@NotNull String epoch, long lastSeq, boolean takesWrites, long quarantinedCount, @NotNull Recovery lastOpen) {}

    @Body(name = "StoreRecovery", description = "What the last open of the store found.")
    public record Recovery(boolean cleanShutdown, boolean epochRenewed, int tempFilesDeleted,
                            @Doc("Set if that open converted a store of the first layout.") Migration migration) {
        public static Recovery of(RecoveryReport report) {
            MigrationReport m = report.migration();
            return new Recovery(report.cleanShutdown(), report.epochRenewed(), report.tempFilesDeleted(), m == null ? null
                    : new Migration(m.entries(), m.bytes(), m.inlined(), m.keptAsFiles(), m.batchesSkipped(), m.resumed(), m.millis()));
        }
    }

    @Body(name = "StoreMigration")
    public record Migration(long entries, long bytes, long inlined, long keptAsFiles, long batchesSkipped, boolean resumed, long millis) {}

    @Body(name = "StoreCheck", description = "A full read and verification of the store.")
    public record Check(boolean clean, long items, long bytes, long damaged, long missingFiles, long danglingReferences,
                        long logWithoutContent, long versionsWithoutContent, long orphanFiles, long repaired,
                        @NotNull List<Quarantined> quarantined, @Doc("The first problems found, one line each.") @NotNull List<String> problems,
                         @Doc("How long the check took.") long millis) {
        public static Check of(StoreCheckReport report) {
            return new Check(report.clean(), report.items(), report.bytes(), report.damaged(), report.missingFiles(),
                    report.danglingReferences(), report.logWithoutContent(), report.versionsWithoutContent(), report.orphanFiles(),
                    report.repaired(), report.quarantined().stream().map(Quarantined::of).toList(), report.problems(), report.millis());
        }
    }

    @Body(name = "QuarantinedItem")
    public record Quarantined(@Doc(allowed = {"obj", "id", "blob", "clob"}) @NotNull String kind, @NotNull String hash,
                               @Doc(format = "date-time") @NotNull String since, @NotNull String reason) {
        static Quarantined of(QuarantinedItem item) {
            return new Quarantined(item.kind().dataType(), item.hash(), Instant.ofEpochMilli(item.since()).toString(), item.reason());
        }
    }
}
