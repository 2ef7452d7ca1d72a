package io.syncms.syncms.entity;

import jakarta.json.JsonValue;

/**
 * A message handed to the application.
 *
 * @param seq position in this participant's delivery order, starting at 1
 * @param group the message group
 * @param kind what sort of delivery this is
 * @param from id of the sender ("master" for sync-out), {@code null} for {@link DeliveryKind#UNKNOWN}
 * @param messageId the sender's id of the message, {@code null} for {@link DeliveryKind#UNKNOWN}
 * @param message the application's payload
 * @param sentAtMicros send time on the master's clock (epoch microseconds), if the sender stamped one
 * @param deliverAtMicros the delivery time the master asked for (sync-out) or the end of the max_wait
 *     window (sync-in), on the master's clock, else {@code null}
 * @param deliveredAtMicros local wall clock when the message was handed to the application
 * @param late sync-out: arrived after its delivery time; sync-in: could not be put in fair order any more
 */
public record Delivery(
        long seq,
        String group,
        DeliveryKind kind,
        String from,
        String messageId,
        JsonValue message,
        Long sentAtMicros,
        Long deliverAtMicros,
        long deliveredAtMicros,
        boolean late) {}
