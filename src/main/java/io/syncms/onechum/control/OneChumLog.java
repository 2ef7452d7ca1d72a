package io.syncms.onechum.control;

import io.syncms.onechum.entity.OneChumTally;
import io.syncms.onechum.entity.OneStatistics;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReferenceKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code Chum} object one.core writes at the end of a Chum, field for field. Its ID is the name,
 * the instance pair in the order of the instance names and the person pair in that same order (not
 * sorted on its own), so both sides' logs share one ID hash and form one version history; {@code AtoB*} is what this side sent and {@code BtoA*} what it received,
 * whichever side it is. {@code highestRemoteTimestamp} is 0 as in one.core 0.6, which keeps no
 * checkpoint, and so is {@code BtoAExists}, which one.core never counts; {@code statistics} are the
 * request counts of the connection; {@code errors} the entries that failed, as one.core's error
 * objects ({@code code}, {@code message}, {@code name}, and the {@code hash} concerned).
 */
public final class OneChumLog {

    private OneChumLog() {
    }

    /**
     * The instance and person pairs of a Chum log's ID as one.core orders them: the instances by name,
     * the persons in the same order as their instances (not sorted on their own). Both sides of a Chum
     * get the same pairs, so their logs share one ID hash.
     */
    public record IdPairs(List<String> instances, List<String> persons) {

        public static IdPairs of(String localInstance, String remoteInstance, String localPerson, String remotePerson) {
            return localInstance.compareTo(remoteInstance) < 0
                    ? new IdPairs(List.of(localInstance, remoteInstance), List.of(localPerson, remotePerson))
                    : new IdPairs(List.of(remoteInstance, localInstance), List.of(remotePerson, localPerson));
        }
    }

    /** One failed entry, as written into {@code errors}. */
    public record Failure(String code, String message, String hash) {

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("code", code);
            if (hash != null) {
                map.put("hash", hash);
            }
            map.put("message", code + ": " + message);
            map.put("name", "Error");
            return map;
        }
    }

    public static OneObject of(String chumName, String localInstance, String remoteInstance,
                               String localPerson, String remotePerson, OneChumTally sent,
                               OneChumTally received, OneStatistics statistics, List<Failure> errors) {
        IdPairs pairs = IdPairs.of(localInstance, remoteInstance, localPerson, remotePerson);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("requestsSentTotal", statistics.requestsSentTotal());
        counts.put("requestsReceivedTotal", statistics.requestsReceivedTotal());
        counts.put("requestsReceivedInvalid", statistics.requestsReceivedInvalid());
        return OneObject.builder("Chum")
                .put("name", chumName)
                .put("instance", pairs.instances())
                .put("person", pairs.persons())
                .put("highestRemoteTimestamp", 0)
                .put("AtoBObjects", sent.hashes(ReferenceKind.OBJECT))
                .put("AtoBIdObjects", sent.hashes(ReferenceKind.ID))
                .put("AtoBBlob", sent.hashes(ReferenceKind.BLOB))
                .put("AtoBClob", sent.hashes(ReferenceKind.CLOB))
                .put("BtoAObjects", received.hashes(ReferenceKind.OBJECT))
                .put("BtoAIdObjects", received.hashes(ReferenceKind.ID))
                .put("BtoABlob", received.hashes(ReferenceKind.BLOB))
                .put("BtoAClob", received.hashes(ReferenceKind.CLOB))
                .put("BtoAExists", 0)
                .put("statistics", counts)
                .put("errors", errors.stream().map(Failure::asMap).toList())
                .build();
    }
}
