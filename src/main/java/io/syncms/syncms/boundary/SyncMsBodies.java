package io.syncms.syncms.boundary;

import io.syncms.syncms.entity.ClockStatus;
import io.syncms.syncms.entity.Delivery;
import io.syncms.syncms.entity.DeliveryCounters;
import io.syncms.syncms.entity.GroupSettings;
import io.syncms.syncms.entity.ParticipantConfig;
import io.syncms.syncms.entity.ParticipantStatus;
import io.syncms.syncms.entity.Role;
import io.syncms.syncms.entity.Setting;
import io.syncms.syncms.entity.SlaveStatus;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.syncms.platform.entity.Body;
import io.syncms.platform.entity.Doc;

/**
 * The bodies of the SyncMS REST API, as JSON-B maps them. Instants are epoch values and durations carry
 * their unit in the name: {@code …Micros} are integer microseconds, {@code …Ms} milliseconds with a
 * microsecond fraction. The unit-less {@code sentAt}, {@code deliverAt} (ms) and {@code deliveredAt} (µs)
 * of deliveries and receipts are deprecated and stay one release for old clients.
 */
public final class SyncMsBodies {

    /** What an id of a participant looks like (the limit {@link ParticipantConfig} enforces too). */
    static final String ID_PATTERN = "^[A-Za-z0-9._-]{1,128}$";

    private SyncMsBodies() {}

    @Body(name = "JoinRequest", description = "How this instance's participant joins a group.")
    public record JoinRequest(
            @Doc(allowed = {"master", "slave"}) @NotNull @Pattern(regexp = "(?i)master|slave") String role,
            @Doc("The participant's id in the group.") @NotNull @Pattern(regexp = ID_PATTERN) String id,
            @Doc("The master's list of slave ids (a slave leaves it out); at most " + ParticipantConfig.MAX_SLAVES + ".")
            List<@NotNull @Pattern(regexp = ID_PATTERN) String> slaves,
            @Doc("Overrides of the group's settings by their JSON names (deliveryDelayMs, maxWaitMs, …), whole numbers.") Map<String, Long> settings) {

        ParticipantConfig toConfig(String group, GroupSettings configured) {
            Map<Setting, Long> overrides = new EnumMap<>(Setting.class);
            if (settings != null) {
                settings.forEach((key, value) -> {
                    if (value == null) {
                        throw new IllegalArgumentException(key + " must be a whole number");
                    }
                    overrides.put(Setting.byJsonKey(key), value);
                });
            }
            return new ParticipantConfig(group, Role.parse(role), id, slaves == null ? List.of() : slaves, configured.with(overrides));
        }
    }

    @Body(name = "SyncOutRequest")
    public record SyncOutRequest(
            @Doc("Any JSON value; null too.") @NotNull JsonValue message,
            @Doc("Answer as soon as the message is sent instead of when it is delivered here (default false).") Boolean resolveImmediately) {

        boolean immediately() {
            return Boolean.TRUE.equals(resolveImmediately);
        }
    }

    @Body(name = "SyncInRequest")
    public record SyncInRequest(@Doc("Any JSON value; null too.") @NotNull JsonValue message) {}

    @Body(name = "SyncInSwitch")
    public record SyncInSwitch(@NotNull Boolean enabled) {}

    @Body(name = "GroupStatus", description = "A participant of this instance and what it knows of its group.")
    public record GroupStatus(
            @NotNull String group,
            @Doc(allowed = {"master", "slave"}) @NotNull String role,
            @NotNull String id,
            @Doc(allowed = {"CREATED", "INITIALIZED", "CLOCK_SYNCED", "LISTENING", "FAILED"}) @NotNull String state,
            boolean syncInEnabled,
            @NotNull Clock clock,
            @NotNull List<Slave> slaves,
            @NotNull Counters counters,
            @NotNull Map<String, Long> settings,
            @Doc("Why the participant failed, while it is FAILED.") String failure) {

        static GroupStatus of(ParticipantStatus status) {
            Map<String, Long> settings = new LinkedHashMap<>();
            status.settings().asMap().forEach((setting, value) -> settings.put(setting.jsonKey(), value));
            return new GroupStatus(status.group(), status.role().label(), status.id(), status.state().name(), status.syncInEnabled(),
                    Clock.of(status.clock()), status.slaves().stream().map(Slave::of).toList(), Counters.of(status.counters()),
                    settings, status.failure());
        }
    }

    @Body(name = "GroupList")
    public record GroupList(@NotNull List<GroupStatus> groups) {}

    @Body(name = "ClockStatus", description = "Every member is null until it is known.")
    public record Clock(
            @Doc("Master clock minus local clock (0 on the master).") BigDecimal offsetMs,
            BigDecimal errorBoundMs,
            BigDecimal oneWayDelayMs,
            Integer samples,
            @Doc("D, the sync-out delivery delay (master).") BigDecimal deliveryDelayMs,
            @Doc("W, the sync-in max_wait window (master).") BigDecimal maxWaitMs) {

        static Clock of(ClockStatus clock) {
            return new Clock(toMillis(clock.offsetMicros()), toMillis(clock.errorBoundMicros()), toMillis(clock.oneWayDelayMicros()),
                    clock.samples(), toMillis(clock.deliveryDelayMicros()), toMillis(clock.maxWaitMicros()));
        }
    }

    @Body(name = "SlaveStatus")
    public record Slave(@NotNull String id, boolean joined, BigDecimal offsetMs,
                         BigDecimal errorBoundMs, BigDecimal oneWayDelayMs) {

        static Slave of(SlaveStatus slave) {
            return new Slave(slave.id(), slave.joined(), toMillis(slave.offsetMicros()), toMillis(slave.errorBoundMicros()),
                    toMillis(slave.oneWayDelayMicros()));
        }
    }

    @Body(name = "DeliveryCounters")
    public record Counters(long delivered, long late, long syncInDropped, long ignoredBeforeListen, long rejected) {

        static Counters of(DeliveryCounters counters) {
            return new Counters(counters.delivered(), counters.late(), counters.syncInDropped(), counters.ignoredBeforeListen(),
                    counters.rejected());
        }
    }

    @Body(name = "Delivery", description = "A message delivered to this participant; also each event of the delivery stream.")
    public record DeliveryBody(
            @Doc("The delivery's position in this participant's log: after= and Last-Event-ID resume after it.") long seq,
            @Doc(allowed = {"SYNC_OUT", "SYNC_IN", "CLIENT", "UNKNOWN"}) @NotNull String kind,
            String from,
            String messageId,
            @Doc("The message as sent: any JSON value.") @NotNull JsonValue message,
            @Doc(value = "Use sentAtMicros.", deprecated = true) BigDecimal sentAt,
            @Doc(value = "Use deliverAtMicros.", deprecated = true) BigDecimal deliverAt,
            @Doc(value = "Use deliveredAtMicros.", deprecated = true) long deliveredAt,
            boolean late,
            @Doc("Send time on the master's clock, epoch µs.") Long sentAtMicros,
            @Doc("Planned delivery time on the master's clock, epoch µs.") Long deliverAtMicros,
            @Doc("When it was delivered, local wall clock, epoch µs.") long deliveredAtMicros) {

        static DeliveryBody of(Delivery delivery) {
            return new DeliveryBody(delivery.seq(), delivery.kind().name(), delivery.from(), delivery.messageId(),
                    delivery.message() == null ? JsonValue.NULL : delivery.message(), toMillis(delivery.sentAtMicros()),
                    toMillis(delivery.deliverAtMicros()), delivery.deliveredAtMicros(), delivery.late(), delivery.sentAtMicros(),
                    delivery.deliverAtMicros(), delivery.deliveredAtMicros());
        }
    }

    @Body(name = "DeliveryList")
    public record DeliveryList(@NotNull List<DeliveryBody> deliveries) {}

    @Body(name = "SyncOutReceipt")
    public record SyncOutReceipt(@NotNull String messageId, @Doc(value = "Use deliverAtMicros.", deprecated = true) @NotNull BigDecimal deliverAt,
                                  @Doc("When every participant delivers it, master's clock, epoch µs.") long deliverAtMicros) {}

    @Body(name = "SyncInReceipt")
    public record SyncInReceipt(@NotNull String messageId, @Doc(value = "Use sentAtMicros.", deprecated = true) @NotNull BigDecimal sentAt,
                                 @Doc("The synchronized send time, epoch µs.") long sentAtMicros,
                                 @Doc("The message's sequence number from this sender.") long seq) {}

    static BigDecimal toMillis(Long micros) {
        return micros == null ? null : BigDecimal.valueOf(micros, 3);
    }
}
