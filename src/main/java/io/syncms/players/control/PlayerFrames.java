package io.syncms.players.control;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.clock.entity.ClockEstimate;
import io.syncms.syncms.entity.ClockStatus;
import io.syncms.syncms.entity.Delivery;
import io.syncms.syncms.entity.ParticipantStatus;
import io.syncms.syncms.entity.SlaveStatus;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * The frames the instance sends a player (protocol {@code syncms.v1}, see {@code docs/players.md}). Times
 * are epoch milliseconds with microsecond fractions, on the master's clock, as a page's
 * {@code performance.timeOrigin + performance.now()} is.
 */
final class PlayerFrames {

    private PlayerFrames() {
    }

    static String result(long request, JsonValue result) {
        return JSON.createObjectBuilder().add("re", request).add("result", result).build().toString();
    }

    static String error(Long request, JsonObject problem) {
        JsonObjectBuilder frame = JSON.createObjectBuilder();
        if (request == null) {
            frame.addNull("re");
        } else {
            frame.add("re", request);
        }
        return frame.add("error", problem).build().toString();
    }

    static String ping(long request) {
        return JSON.createObjectBuilder().add("ping", request).build().toString();
    }

    static String left(String role, String id) {
        return JSON.createObjectBuilder().add("event", "left").add("role", role).add("id", id).build().toString();
    }

    static String delivery(Delivery delivery) {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("seq", delivery.seq()).add("kind", delivery.kind().name());
        optional(body, "from", delivery.from());
        optional(body, "messageId", delivery.messageId());
        body.add("message", delivery.message());
        time(body, "sentAt", delivery.sentAtMicros());
        time(body, "deliverAt", delivery.deliverAtMicros());
        body.add("late", delivery.late());
        return JSON.createObjectBuilder().add("delivery", body).build().toString();
    }

    /** Master minus page clock, its error bound and the one-way delay page to master, in milliseconds. */
    static JsonObject clock(ClockEstimate estimate) {
        return JSON.createObjectBuilder().add("offset", millis(estimate.offsetMicros()))
                .add("errorBound", millis(estimate.errorBoundMicros())).add("oneWayDelay", millis(estimate.oneWayDelayMicros()))
                .add("samples", estimate.samplesUsed()).build();
    }

    static JsonObject status(ParticipantStatus status, boolean syncInEnabled) {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("group", status.group()).add("role", status.role().label())
                .add("id", status.id()).add("state", status.state().name()).add("syncInEnabled", syncInEnabled);
        ClockStatus clock = status.clock();
        JsonObjectBuilder clockBody = JSON.createObjectBuilder();
        time(clockBody, "offset", clock.offsetMicros());
        time(clockBody, "errorBound", clock.errorBoundMicros());
        time(clockBody, "oneWayDelay", clock.oneWayDelayMicros());
        time(clockBody, "deliveryDelay", clock.deliveryDelayMicros());
        time(clockBody, "maxWait", clock.maxWaitMicros());
        body.add("clock", clockBody);
        JsonArrayBuilder slaves = JSON.createArrayBuilder();
        for (SlaveStatus slave : status.slaves()) {
            JsonObjectBuilder entry = JSON.createObjectBuilder().add("id", slave.id()).add("joined", slave.joined());
            time(entry, "offset", slave.offsetMicros());
            time(entry, "errorBound", slave.errorBoundMicros());
            time(entry, "oneWayDelay", slave.oneWayDelayMicros());
            slaves.add(entry);
        }
        body.add("slaves", slaves);
        body.add("counters", JSON.createObjectBuilder().add("delivered", status.counters().delivered())
                .add("late", status.counters().late()).add("droppedSyncIn", status.counters().syncInDropped())
                .add("rejected", status.counters().rejected()));
        return body.build();
    }

    static double millis(long micros) {
        return micros / 1000.0;
    }

    private static void time(JsonObjectBuilder body, String name, Long micros) {
        if (micros != null) {
            body.add(name, millis(micros));
        }
    }

    private static void optional(JsonObjectBuilder body, String name, String value) {
        if (value != null) {
            body.add(name, value);
        }
    }
}
