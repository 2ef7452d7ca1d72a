package io.syncms.chum.boundary;

import io.syncms.store.control.MicrodataSerializer;
import io.syncms.store.control.ObjectHashes;
import io.syncms.store.control.OneJson;
import io.syncms.store.control.RecipeRegistry;
import io.syncms.store.entity.OneObject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ONE objects a hostile peer makes up (genuine microdata, so they hash to their names), and a proxy
 * in front of an honest instance that lists them besides what it lists, and serves them when asked.
 */
final class Forgery {

    /** One forged object: its type, microdata and hash, and its ID object's if it is versioned. */
    record Forged(String type, String hash, String microdata, String idHash, String idMicrodata) {
    }

    private static final RecipeRegistry CORE = RecipeRegistry.withCoreRecipes();
    private final List<Forged> objects;

    private Forgery(List<Forged> objects) {
        this.objects = objects;
    }

    static Forged object(String type, JsonObjectBuilder properties) {
        OneObject object = new OneJson().fromJson(properties.add("$type$", type).build(), CORE);
        MicrodataSerializer serializer = new MicrodataSerializer(CORE);
        ObjectHashes hashes = new ObjectHashes(CORE);
        String microdata = serializer.toMicrodata(object);
        boolean versioned = CORE.isVersioned(type);
        String idMicrodata = versioned ? serializer.toIdMicrodata(object) : null;
        return new Forged(type, hashes.sha256Hex(microdata), microdata, versioned ? hashes.idHashOf(object) : null, idMicrodata);
    }

    static Forgery of(List<Forged> objects) {
        return new Forgery(objects);
    }

    String idHashOf(String type) {
        return objects.stream().filter(forged -> forged.type().equals(type)).findFirst().orElseThrow().idHash();
    }

    Set<String> objectHashes() {
        return objects.stream().map(Forged::hash).collect(Collectors.toSet());
    }

    /** The hashes of the forged objects and of their ID objects. */
    Set<String> allHashes() {
        Set<String> all = new java.util.HashSet<>(objectHashes());
        objects.stream().map(Forged::idHash).filter(java.util.Objects::nonNull).forEach(all::add);
        return all;
    }

    /** Every forged entry (ID objects first) by "KIND:hash", with its microdata. */
    private Map<String, String> entries() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (Forged forged : objects) {
            if (forged.idHash() != null) {
                entries.put("ID:" + forged.idHash(), forged.idMicrodata());
            }
            entries.put("OBJECT:" + forged.hash(), forged.microdata());
        }
        return entries;
    }

    /** A proxy to the Chum protocol at {@code target} that slips the forged objects in. */
    HostileProxy proxyFor(String target) throws IOException {
        Map<String, String> forged = entries();
        return new HostileProxy(target).on("changes", (request, instance) -> {
            HostileProxy.Answer page = instance.forward(request);
            if (page.status() != 200) {
                return page;
            }
            JsonObject listing = read(page.body());
            JsonArrayBuilder entries = Json.createArrayBuilder();
            forged.keySet().forEach(key -> entries.add(entry(key)));
            listing.getJsonArray("entries").forEach(entries::add);
            JsonObject changed = Json.createObjectBuilder(listing).add("entries", entries)
                    .add("total", listing.getJsonNumber("total").longValue() + forged.size()).build();
            return HostileProxy.Answer.of(200, "application/json", changed.toString().getBytes(StandardCharsets.UTF_8));
        }).on("objects", (request, instance) -> {
            JsonArrayBuilder genuine = Json.createArrayBuilder();
            JsonArrayBuilder bodies = Json.createArrayBuilder();
            int asked = 0;
            for (JsonValue value : read(request).getJsonArray("entries")) {
                JsonObject entry = value.asJsonObject();
                String key = entry.getString("kind") + ":" + entry.getString("hash");
                if (forged.containsKey(key)) {
                    bodies.add(Json.createObjectBuilder(entry).add("microdata", forged.get(key)));
                } else {
                    genuine.add(entry);
                    asked++;
                }
            }
            if (asked > 0) {
                HostileProxy.Answer answer = instance.forward(Json.createObjectBuilder().add("entries", genuine).build()
                        .toString().getBytes(StandardCharsets.UTF_8));
                if (answer.status() != 200) {
                    return answer;
                }
                read(answer.body()).getJsonArray("objects").forEach(bodies::add);
            }
            return HostileProxy.Answer.of(200, "application/json",
                    Json.createObjectBuilder().add("objects", bodies).build().toString().getBytes(StandardCharsets.UTF_8));
        });
    }

    private static JsonObject entry(String key) {
        String[] parts = key.split(":");
        return Json.createObjectBuilder().add("kind", parts[0]).add("hash", parts[1]).build();
    }

    private static JsonObject read(byte[] json) {
        return Json.createReader(new StringReader(new String(json, StandardCharsets.UTF_8))).readObject();
    }
}
