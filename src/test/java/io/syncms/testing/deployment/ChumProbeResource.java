package io.syncms.testing.deployment;

import io.syncms.chum.boundary.Chums;
import io.syncms.chum.control.ChumSession;
import io.syncms.chum.entity.ChumLog;
import io.syncms.chum.entity.ChumOptions;
import io.syncms.chum.entity.ChumStatus;
import io.syncms.chum.entity.FullSync;
import io.syncms.store.control.AccessService;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReferenceKind;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Test-only endpoints for the Chum tests and benchmark: what a store holds and what it lets a person
 * see (as {@code "KIND:hash"} sets), a bulk loader, and a Chum driven through the Java API.
 */
@Path("chum-probe")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class ChumProbeResource {

    /** Never transferred by a Chum: version nodes are made locally, Chum logs are written locally. */
    private static final Set<String> LOCAL_TYPES = Set.of("VersionNodeEdge", "VersionNodeChange", "VersionNodeMerge", "Chum");

    @Inject
    ObjectStore store;

    @Inject
    AccessService access;

    @Inject
    Chums chums;

    /** Everything stored that a Chum can transfer. */
    @GET
    @Path("content")
    public JsonObject content() {
        Set<String> content = new TreeSet<>();
        for (LogEntry entry : store.writtenAfter(0, Integer.MAX_VALUE)) {
            if (entry.type() == null || !LOCAL_TYPES.contains(entry.type())) {
                content.add(entry.kind() + ":" + entry.hash());
            }
        }
        return entries(content);
    }

    /** Reads (and so verifies against its hash) everything stored that a Chum can transfer. */
    @GET
    @Path("verify")
    public JsonObject verify() throws java.io.IOException {
        int checked = 0;
        JsonArrayBuilder failed = Json.createArrayBuilder();
        for (LogEntry entry : store.writtenAfter(0, Integer.MAX_VALUE)) {
            try {
                switch (entry.kind()) {
                    case OBJECT -> store.readMicrodata(entry.hash());
                    case ID -> store.readIdMicrodata(entry.hash());
                    case BLOB -> store.openBlob(entry.hash()).close();
                    case CLOB -> store.openClob(entry.hash()).close();
                }
                checked++;
            } catch (RuntimeException e) {
                failed.add(entry.kind() + ":" + entry.hash() + " " + e.getMessage());
            }
        }
        return Json.createObjectBuilder().add("checked", checked).add("failed", failed).build();
    }

    /** What the person may see, as a receiving store holds it: the closure plus the ID objects of its versioned objects. */
    @GET
    @Path("visible/{person}")
    public JsonObject visible(@PathParam("person") String person) {
        Map<String, String> idHashOf = new HashMap<>();
        for (LogEntry entry : store.writtenAfter(0, Integer.MAX_VALUE)) {
            if (entry.kind() == ReferenceKind.OBJECT && entry.idHash() != null) {
                idHashOf.put(entry.hash(), entry.idHash());
            }
        }
        Set<String> visible = new TreeSet<>();
        for (ClosureEntry entry : access.accessibleClosure(person)) {
            visible.add(entry.kind() + ":" + entry.hash());
            String idHash = idHashOf.get(entry.hash());
            if (entry.kind() == ReferenceKind.OBJECT && idHash != null) {
                visible.add(ReferenceKind.ID + ":" + idHash);
            }
        }
        return entries(visible);
    }

    /**
     * Loads {@code count} BLOBs of {@code size} random bytes and as many notes of {@code type} (text,
     * attachment) that reference them, {@code perFolder} notes at a time under a folder note
     * (children) that one Access grants to {@code person}; with {@code threads} writers.
     */
    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject bulk(String body) throws Exception {
        JsonObject request = Json.createReader(new StringReader(body)).readObject();
        String type = request.getString("type");
        String tag = request.getString("tag");
        String person = request.getString("person");
        int count = request.getInt("count");
        int size = request.getInt("size");
        int perFolder = request.getInt("perFolder", 100);
        int threads = request.getInt("threads", 8);
        long started = System.nanoTime();
        ExecutorService writers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> folders = new ArrayList<>();
            for (int from = 0; from < count; from += perFolder) {
                int first = from;
                int last = Math.min(count, from + perFolder);
                folders.add(writers.submit(() -> folder(type, tag, person, first, last, size)));
            }
            for (Future<String> folder : folders) {
                folder.get(10, TimeUnit.MINUTES);
            }
            return Json.createObjectBuilder().add("blobs", count).add("notes", count).add("folders", folders.size())
                    .add("grants", folders.size()).add("millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                    .add("lastSeq", store.lastSeq()).build();
        } finally {
            writers.shutdownNow();
        }
    }

    private String folder(String type, String tag, String person, int first, int last, int size) {
        List<String> notes = new ArrayList<>();
        for (int i = first; i < last; i++) {
            byte[] bytes = new byte[size];
            new Random(tag.hashCode() * 31L + i).nextBytes(bytes);
            String blob = store.storeBlob(new ByteArrayInputStream(bytes)).hash();
            notes.add(store.storeObject(OneObject.builder(type).put("text", tag + " note " + i).put("attachment", blob).build()).hash());
        }
        String folder = store.storeObject(OneObject.builder(type).put("text", tag + " folder " + first).put("children", notes).build()).hash();
        store.storeObject(OneObject.builder("Access").put("object", folder).put("person", List.of(person))
                .put("group", List.of()).build());
        return folder;
    }

    /** Runs a one-shot Chum through the Java API: start, then the full-sync signal and the log object's stage. */
    @POST
    @Path("java-chum")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject javaChum(String body) throws Exception {
        JsonObject json = Json.createReader(new StringReader(body)).readObject();
        ChumSession session = chums.start(new ChumOptions(json.getString("remoteUrl", null), json.getString("localPersonId"),
                json.getString("remotePersonId"), json.getString("chumName"), json.getString("localInstanceName"),
                json.getString("remoteInstanceName"), false, 20));
        FullSync fullSync = session.fullSync().toCompletableFuture().get(60, TimeUnit.SECONDS);
        ChumLog log = session.log().toCompletableFuture().get(60, TimeUnit.SECONDS);
        ChumStatus ended = session.ended().toCompletableFuture().get(60, TimeUnit.SECONDS);
        return Json.createObjectBuilder().add("id", session.id()).add("fullSyncSeq", fullSync.remoteSeq())
                .add("logHash", log.hash()).add("logType", log.object().type()).add("state", ended.state().name())
                .add("statusLogHash", ended.logHash()).build();
    }

    private static JsonObject entries(Set<String> entries) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        entries.forEach(array::add);
        return Json.createObjectBuilder().add("entries", array).build();
    }
}
