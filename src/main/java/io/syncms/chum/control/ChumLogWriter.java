package io.syncms.chum.control;

import io.syncms.chum.entity.ChumError;
import io.syncms.chum.entity.ChumLog;
import io.syncms.chum.entity.ChumOptions;
import io.syncms.chum.entity.TransferCounts;
import io.syncms.onechum.control.OneChumLog;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores the {@code Chum} object of one side when its Chum ends. As in ONE, A is the side that writes
 * the log and B the other one: the {@code AtoB*} bags hold what this side sent, the {@code BtoA*} bags what it received and stored,
 * {@code BtoAExists} counts the entries offered to it that it already had. Unlike ONE it fills
 * {@code highestRemoteTimestamp}: the remote write-log sequence number up to which it has everything.
 * {@code statistics} and {@code errors} are plain JSON values. The object is versioned by name,
 * instance pair and person pair, ordered as one.core orders them ({@link OneChumLog.IdPairs}), so both
 * sides' logs, and those of repeated Chums of a pair, form one version history.
 */
final class ChumLogWriter {

    private ChumLogWriter() {
    }

    static ChumLog write(ObjectStore store, ChumOptions options, TransferTally sent, ChumRecord record,
                         Map<String, Object> statistics) {
        TransferTally received = record.received();
        OneChumLog.IdPairs pairs = OneChumLog.IdPairs.of(options.localInstanceName(), options.remoteInstanceName(),
                options.localPersonId(), options.remotePersonId());
        OneObject chum = OneObject.builder("Chum")
                .put("name", options.chumName())
                .put("instance", pairs.instances())
                .put("person", pairs.persons())
                .put("highestRemoteTimestamp", record.highestRemoteSeq())
                .put("AtoBObjects", sent.hashes(ReferenceKind.OBJECT))
                .put("AtoBIdObjects", sent.hashes(ReferenceKind.ID))
                .put("AtoBBlob", sent.hashes(ReferenceKind.BLOB))
                .put("AtoBClob", sent.hashes(ReferenceKind.CLOB))
                .put("BtoAObjects", received.hashes(ReferenceKind.OBJECT))
                .put("BtoAIdObjects", received.hashes(ReferenceKind.ID))
                .put("BtoABlob", received.hashes(ReferenceKind.BLOB))
                .put("BtoAClob", received.hashes(ReferenceKind.CLOB))
                .put("BtoAExists", record.exists())
                .put("statistics", statistics)
                .put("errors", record.errors().stream().map(ChumError::asMap).toList())
                .build();
        StoreResult stored = store.storeRecord(chum);
        return new ChumLog(stored.hash(), chum);
    }

    /** Counts as a JSON object for {@code statistics}. */
    static Map<String, Object> counts(TransferCounts counts) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("objects", counts.objects());
        map.put("idObjects", counts.idObjects());
        map.put("blobs", counts.blobs());
        map.put("clobs", counts.clobs());
        map.put("bytes", counts.bytes());
        return map;
    }
}
