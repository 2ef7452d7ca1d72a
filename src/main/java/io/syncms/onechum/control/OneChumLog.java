package io.syncms.onechum.control;

import io.syncms.onechum.entity.OneChumTally;
import io.syncms.onechum.entity.OneStatistics;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReferenceKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code Chum} object one.core writes at the end of a Chum, field for field. Its ID (name,
 * instance pair, person pair) has both pairs sorted, so both sides' logs share one ID hash and form
 * one version history; {@code AtoB*} is what this side sent and {@code BtoA*} what it received,
 * whichever side it is. {@code highestRemoteTimestamp} is 0 as in one.core 0.6, which keeps no
 * checkpoint; {@code statistics} are the request counts of the connection; {@code errors} the
 * entries that failed, as {@code {hash, type, message}}.
 */
public final class OneChumLog {

    private OneChumLog() {
    }

    /** One failed entry, as written into {@code errors}. */
    public record Failure(String hash, String type, String message) {

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("hash", hash);
            map.put("type", type);
            map.put("message", message);
            return map;
        }
    }

    public static OneObject of(String chumName, String localInstance, String remoteInstance,
                               String localPerson, String remotePerson, OneChumTally sent,
                               OneChumTally received, long exists, OneStatistics statistics, List<Failure> errors) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("requestsSentTotal", statistics.requestsSentTotal());
        counts.put("requestsReceivedTotal", statistics.requestsReceivedTotal());
        counts.put("requestsReceivedInvalid", statistics.requestsReceivedInvalid());
        return OneObject.builder("Chum")
                .put("name", chumName)
                .put("instance", sorted(localInstance, remoteInstance))
                .put("person", sorted(localPerson, remotePerson))
                .put("highestRemoteTimestamp", 0)
                .put("AtoBObjects", sent.hashes(ReferenceKind.OBJECT))
                .put("AtoBIdObjects", sent.hashes(ReferenceKind.ID))
                .put("AtoBBlob", sent.hashes(ReferenceKind.BLOB))
                .put("AtoBClob", sent.hashes(ReferenceKind.CLOB))
                .put("BtoAObjects", received.hashes(ReferenceKind.OBJECT))
                .put("BtoAIdObjects", received.hashes(ReferenceKind.ID))
                .put("BtoABlob", received.hashes(ReferenceKind.BLOB))
                .put("BtoAClob", received.hashes(ReferenceKind.CLOB))
                .put("BtoAExists", exists)
                .put("statistics", counts)
                .put("errors", errors.stream().map(Failure::asMap).toList())
                .build();
    }

    private static List<String> sorted(String a, String b) {
        return Stream.of(a, b).sorted().toList();
    }
}
