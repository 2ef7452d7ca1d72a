package io.syncms.syncms.control;

import jakarta.json.JsonValue;
import java.util.List;

/**
 * What SyncMS writes into a group's datastore. Every message is one JSON document on a Hazelcast topic;
 * membership records are JSON values in a Hazelcast map. Times are epoch microseconds on the master clock.
 */
public sealed interface Wire {

    /** Master to slaves: deliver {@code message} at {@code deliverAt}. */
    record SyncOut(String id, String from, long deliverAt, JsonValue message) implements Wire {}

    /** Slave to master (and, as CLIENT, to the other slaves). */
    record SyncIn(String id, String from, long seq, long sentAt, JsonValue message) implements Wire {}

    /** Slave to master: one sample of Cristian's algorithm. {@code node} identifies the asking participant. */
    record ClockRequest(String from, String node, long request) implements Wire {}

    /** Master to one slave: the master's clock when it answered {@code request}. */
    record ClockReply(String to, String node, long request, long masterTime) implements Wire {}

    /** Slave to master: the outcome of its clock synchronisation. */
    record ClockReport(String from, long offset, long errorBound, long oneWayDelay, int samples) implements Wire {}

    /** Anything on a group topic that SyncMS did not write. */
    record Foreign(JsonValue content) implements Wire {}

    /**
     * A participant's entry in the group's membership map.
     *
     * @param node unique id of this participant incarnation
     * @param member the Hazelcast member it runs on, so that entries of crashed members can be removed
     * @param slaves the master's list of expected slave ids (empty for slaves)
     */
    record Member(String role, String id, String node, String member, List<String> slaves) implements Wire {}
}
