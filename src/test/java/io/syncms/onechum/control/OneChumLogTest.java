package io.syncms.onechum.control;

import io.syncms.onechum.entity.OneChumTally;
import io.syncms.onechum.entity.OneStatistics;
import io.syncms.platform.control.Jsonp;
import io.syncms.store.control.HashPreview;
import io.syncms.store.control.StoreFixtures;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReferenceKind;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OneChumLogTest {

    private final HashPreview hashes = new HashPreview(StoreFixtures.registry());

    @ParameterizedTest
    @ValueSource(strings = {"chum-A.json", "chum-B.json"})
    void writesTheLogObjectOneCoreWroteByteForByte(String file) throws IOException {
        JsonObject recorded = read(file);
        JsonObject obj = recorded.getJsonObject("obj");
        boolean sideA = file.contains("-A");
        List<String> instances = strings(obj, "instance");
        List<String> persons = strings(obj, "person");
        // the recording names each side's own instance and person; give them in the order a side would
        String local = sideA ? instances.get(0) : instances.get(1);
        String remote = sideA ? instances.get(1) : instances.get(0);
        String localPerson = sideA ? persons.get(0) : persons.get(1);
        String remotePerson = sideA ? persons.get(1) : persons.get(0);
        OneObject log = OneChumLog.of(obj.getString("name"), local, remote, localPerson, remotePerson,
                tally(obj, "AtoB"), tally(obj, "BtoA"), new OneStatistics(20, 20, 0), List.of());

        HashPreview.Preview preview = hashes.of(log);

        assertEquals(recorded.getString("microdata"), preview.microdata());
        assertEquals(recorded.getString("hash"), preview.hash());
        assertEquals(recorded.getString("idHash"), preview.idHash());
    }

    @org.junit.jupiter.api.Test
    void bothSidesOfOneChumShareTheLogsIdHash() {
        OneChumTally none = new OneChumTally();
        OneStatistics zero = new OneStatistics(0, 0, 0);
        String a = "4343fc3d9832c21ea67719a09d3c21ae7a64473c490cff4f36e83cd24303a5be";
        String b = "5634d8f88d41844feae02e9bdd24e35f81b342e3c9aba91f6307dbfeb68f8136";

        String fromA = hashes.of(OneChumLog.of("onechum-test", "onechum-instance-A", "onechum-instance-B", a, b,
                none, none, zero, List.of())).idHash();
        String fromB = hashes.of(OneChumLog.of("onechum-test", "onechum-instance-B", "onechum-instance-A", b, a,
                none, none, zero, List.of())).idHash();

        assertEquals("3276ff8c3d2f898ada2c948fa4316f504f75ca41b1c9d9c2a1ea5059a56a70e9", fromA);
        assertEquals(fromA, fromB);
    }

    @org.junit.jupiter.api.Test
    void thePersonPairFollowsTheInstanceOrderNotItsOwn() {
        OneChumTally none = new OneChumTally();
        String low = "1".repeat(64);
        String high = "f".repeat(64);

        OneObject log = OneChumLog.of("chum", "instance-A", "instance-B", high, low, none, none,
                new OneStatistics(0, 0, 0), List.of());

        assertEquals(List.of("instance-A", "instance-B"), log.get("instance"));
        assertEquals(List.of(high, low), log.get("person"));
    }

    private static OneChumTally tally(JsonObject obj, String direction) {
        OneChumTally tally = new OneChumTally();
        strings(obj, direction + "Objects").forEach(hash -> tally.add(ReferenceKind.OBJECT, hash));
        strings(obj, direction + "IdObjects").forEach(hash -> tally.add(ReferenceKind.ID, hash));
        strings(obj, direction + "Blob").forEach(hash -> tally.add(ReferenceKind.BLOB, hash));
        strings(obj, direction + "Clob").forEach(hash -> tally.add(ReferenceKind.CLOB, hash));
        return tally;
    }

    private static List<String> strings(JsonObject obj, String member) {
        return obj.getJsonArray(member).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    static JsonObject read(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(OneRecording.directory().resolve(file));
             var json = Jsonp.JSON.createReader(reader)) {
            return json.readObject();
        }
    }
}
