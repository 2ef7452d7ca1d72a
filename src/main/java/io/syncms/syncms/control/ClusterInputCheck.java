package io.syncms.syncms.control;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks what arrives on a group's Hazelcast topics before a participant acts on it: that the member
 * that published a message is the one that owns the membership entry of the participant it claims to
 * come from, and that its times and numbers are within sane bounds. Whatever fails is counted and
 * ignored by the caller, so no message from the cluster can schedule a delivery far away, fill a
 * queue or make a clock estimate absurd. (Hazelcast's open-source edition authenticates no member: a
 * hostile member can still forge the membership map itself; this stops malformed and misattributed
 * traffic, not an attacker inside the cluster.)
 */
public final class ClusterInputCheck {

    /** How far from now a delivery or send time may be: clocks of a group are milliseconds apart. */
    static final long MAX_TIME_SKEW_MICROS = 3_600_000_000L;
    /** The largest clock offset believed: a day. */
    static final long MAX_OFFSET_MICROS = 86_400_000_000L;
    /** The largest error bound or one-way delay believed: a minute. */
    static final long MAX_DELAY_MICROS = 60_000_000L;
    static final int MAX_SAMPLES = 10_000;

    private final Supplier<Map<String, Wire.Member>> members;
    private final Supplier<Map<String, Wire.Member>> freshMembers;

    /**
     * @param members      the membership as last read (cheap)
     * @param freshMembers the membership read again from the cluster, for a publisher not found in the
     *                     cached one (it may have joined a moment ago)
     */
    public ClusterInputCheck(Supplier<Map<String, Wire.Member>> members, Supplier<Map<String, Wire.Member>> freshMembers) {
        this.members = members;
        this.freshMembers = freshMembers;
    }

    /** Why a message of the master (sync-out, clock reply) is not acceptable, if it is not. */
    public Optional<String> fromMaster(Wire wire, String publisher, long nowMicros) {
        Optional<String> times;
        if (wire instanceof Wire.SyncOut out) {
            times = near("deliverAt", out.deliverAt(), nowMicros);
        } else if (wire instanceof Wire.ClockReply reply) {
            times = within("masterTime", reply.masterTime() - nowMicros, MAX_OFFSET_MICROS);
        } else {
            times = Optional.of("not a message of the master");
        }
        return times.or(() -> ownedBy(GroupMembership.MASTER_KEY, publisher));
    }

    /** Why a message of slave {@code slave} (sync-in, clock request, clock report) is not acceptable, if it is not. */
    public Optional<String> fromSlave(String slave, Wire wire, String publisher, long nowMicros) {
        Optional<String> values;
        if (wire instanceof Wire.SyncIn in) {
            values = in.seq() < 0 ? Optional.of("a negative seq") : near("sentAt", in.sentAt(), nowMicros);
        } else if (wire instanceof Wire.ClockRequest) {
            values = Optional.empty();
        } else if (wire instanceof Wire.ClockReport report) {
            values = within("offset", report.offset(), MAX_OFFSET_MICROS)
                    .or(() -> between("errorBound", report.errorBound(), MAX_DELAY_MICROS))
                    .or(() -> between("oneWayDelay", report.oneWayDelay(), MAX_DELAY_MICROS))
                    .or(() -> report.samples() < 1 || report.samples() > MAX_SAMPLES
                            ? Optional.of(report.samples() + " samples") : Optional.empty());
        } else {
            values = Optional.of("not a message of a slave");
        }
        return values.or(() -> ownedBy(GroupMembership.slaveKey(slave), publisher));
    }

    private Optional<String> ownedBy(String key, String publisher) {
        if (publisher == null) {
            return Optional.of("published by no cluster member");
        }
        if (owns(members.get(), key, publisher) || owns(freshMembers.get(), key, publisher)) {
            return Optional.empty();
        }
        return Optional.of("published by member " + publisher + ", which does not hold the entry " + key);
    }

    private static boolean owns(Map<String, Wire.Member> entries, String key, String publisher) {
        Wire.Member entry = entries.get(key);
        return entry != null && publisher.equals(entry.member());
    }

    private static Optional<String> near(String what, long micros, long nowMicros) {
        return within(what, micros - nowMicros, MAX_TIME_SKEW_MICROS);
    }

    private static Optional<String> within(String what, long value, long bound) {
        return value < -bound || value > bound ? Optional.of(what + " " + value + " µs is out of bounds") : Optional.empty();
    }

    private static Optional<String> between(String what, long value, long max) {
        return value < 0 || value > max ? Optional.of(what + " " + value + " µs is out of bounds") : Optional.empty();
    }
}
