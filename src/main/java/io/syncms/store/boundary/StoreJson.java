package io.syncms.store.boundary;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.store.control.InstanceIdentity;
import io.syncms.store.entity.AccessRoots;
import io.syncms.store.entity.StoreResult;
import io.syncms.store.entity.Version;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** The JSON shapes of the store API (ONE objects themselves are written by {@code OneJson}). */
final class StoreJson {


    private StoreJson() {}

    /**
     * {@code {"hash","idHash"?}} with the content's location: 201 if this call stored it, 200 if it
     * was already stored (storing is idempotent, the answer is the same).
     */
    static Response stored(StoreResult result, URI location) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("hash", result.hash());
        if (result.idHash() != null) {
            json.add("idHash", result.idHash());
        }
        return Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK)
                .location(location).entity(json.build()).build();
    }

    static JsonObject current(String hash, JsonObject object) {
        return JSON.createObjectBuilder().add("hash", hash).add("object", object).build();
    }

    static JsonObject version(Version version) {
        return JSON.createObjectBuilder()
                .add("hash", version.hash())
                .add("nodeHash", version.nodeHash())
                .add("seq", version.seq())
                .add("timestamp", version.timestamp())
                .build();
    }

    static JsonObject versions(List<Version> versions) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        versions.forEach(version -> list.add(version(version)));
        return JSON.createObjectBuilder().add("versions", list).build();
    }

    static JsonObject accessible(String person, AccessRoots roots) {
        return JSON.createObjectBuilder()
                .add("person", person)
                .add("objects", JSON.createArrayBuilder(roots.objects()))
                .add("idHashes", JSON.createArrayBuilder(roots.idHashes()))
                .build();
    }

    static JsonObject instance(InstanceIdentity identity) {
        return JSON.createObjectBuilder()
                .add("name", identity.instanceName())
                .add("owner", JSON.createObjectBuilder().add("email", identity.ownerEmail()).add("idHash", identity.ownerIdHash()))
                .add("publicKey", identity.publicKeyBase64())
                .build();
    }
}
