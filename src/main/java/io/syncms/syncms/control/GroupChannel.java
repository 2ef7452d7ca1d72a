package io.syncms.syncms.control;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.topic.ITopic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * A group's shared datastore in the Hazelcast cluster: a map of members and topics for messages and for
 * clock synchronisation. Only JSON strings cross the cluster, so no application class has to be loadable
 * by Hazelcast. Every listener registered here is removed on {@link #close()}.
 */
public class GroupChannel implements AutoCloseable {

    private final HazelcastInstance hazelcast;
    private final String group;
    private final WireCodec codec;
    private final IMap<String, String> members;
    private final ITopic<String> messages;
    private final ITopic<String> clock;
    private final List<Runnable> unsubscribers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public GroupChannel(HazelcastInstance hazelcast, String group, WireCodec codec) {
        this.hazelcast = hazelcast;
        this.group = group;
        this.codec = codec;
        this.members = hazelcast.getMap(prefix(group) + "members");
        this.messages = hazelcast.getTopic(messagesTopic(group));
        this.clock = hazelcast.getTopic(prefix(group) + "clock");
    }

    static String prefix(String group) {
        return "syncms." + group + ".";
    }

    /** The topic that carries a group's messages; anything published here that SyncMS did not write is UNKNOWN. */
    public static String messagesTopic(String group) {
        return prefix(group) + "messages";
    }

    public String localMember() {
        return hazelcast.getCluster().getLocalMember().getUuid().toString();
    }

    /** Adds {@code entry} under {@code key} unless present; returns the entry already there, else {@code null}. */
    public Wire.Member joinIfAbsent(String key, Wire.Member entry) {
        String existing = members.putIfAbsent(key, codec.encode(entry));
        return existing == null ? null : member(existing);
    }

    /** Replaces {@code stale} under {@code key} by {@code entry} if {@code stale} is still there. */
    public boolean replace(String key, Wire.Member stale, Wire.Member entry) {
        return members.replace(key, codec.encode(stale), codec.encode(entry));
    }

    /** Removes {@code entry} if it is still the one under {@code key}. */
    public void leave(String key, Wire.Member entry) {
        members.remove(key, codec.encode(entry));
    }

    public Map<String, Wire.Member> members() {
        Map<String, Wire.Member> result = new HashMap<>();
        members.forEach((key, value) -> {
            Wire.Member member = member(value);
            if (member != null) {
                result.put(key, member);
            }
        });
        return result;
    }

    public boolean isClusterMember(String memberUuid) {
        return hazelcast.getCluster().getMembers().stream()
                .anyMatch(m -> m.getUuid().toString().equals(memberUuid));
    }

    private Wire.Member member(String json) {
        return codec.decode(json) instanceof Wire.Member member ? member : null;
    }

    /** Calls {@code onChange} after any change to the membership map, and when a cluster member leaves. */
    public void onMembershipChange(Runnable onChange) {
        MembersListener listener = new MembersListener(onChange);
        UUID entries = members.addEntryListener(listener, false);
        unsubscribeLater(() -> members.removeEntryListener(entries));
        UUID cluster = hazelcast.getCluster().addMembershipListener(listener);
        unsubscribeLater(() -> hazelcast.getCluster().removeMembershipListener(cluster));
    }

    /** Calls {@code onLeave} with every entry removed from the membership map from now on. */
    public void onLeave(java.util.function.Consumer<Wire.Member> onLeave) {
        UUID registration = members.addEntryListener((EntryRemovedListener<String, String>) event -> {
            Wire.Member left = event.getOldValue() == null ? null : member(event.getOldValue());
            if (left != null) {
                onLeave.accept(left);
            }
        }, true);
        unsubscribeLater(() -> members.removeEntryListener(registration));
    }

    /** Removes the entries of a cluster member that has left, so a crashed participant does not block its group. */
    public void removeEntriesOf(String memberUuid) {
        members.forEach((key, value) -> {
            Wire.Member entry = member(value);
            if (entry != null && entry.member().equals(memberUuid)) {
                members.remove(key, value);
            }
        });
    }

    /** Handlers get each message with the UUID of the cluster member that published it (null if none did). */
    public void onMessage(BiConsumer<Wire, String> handler) {
        subscribe(messages, handler);
    }

    public void onClock(BiConsumer<Wire, String> handler) {
        subscribe(clock, handler);
    }

    public void onClockReplies(String slave, BiConsumer<Wire, String> handler) {
        subscribe(hazelcast.getTopic(prefix(group) + "clock." + slave), handler);
    }

    public void publishMessage(Wire message) {
        messages.publish(codec.encode(message));
    }

    public void publishClock(Wire message) {
        clock.publish(codec.encode(message));
    }

    public void publishClockReply(String slave, Wire.ClockReply reply) {
        hazelcast.<String>getTopic(prefix(group) + "clock." + slave).publish(codec.encode(reply));
    }

    private void subscribe(ITopic<String> topic, BiConsumer<Wire, String> handler) {
        UUID registration = topic.addMessageListener(message -> handler.accept(codec.decode(message.getMessageObject()),
                message.getPublishingMember() == null ? null : message.getPublishingMember().getUuid().toString()));
        unsubscribeLater(() -> topic.removeMessageListener(registration));
    }

    /** Keeps {@code unsubscribe} for {@link #close()}, or runs it now if the channel closed already. */
    private void unsubscribeLater(Runnable unsubscribe) {
        unsubscribers.add(unsubscribe);
        if (closed && unsubscribers.remove(unsubscribe)) {
            unsubscribe.run();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Runnable unsubscribe : unsubscribers) {
            try {
                unsubscribe.run();
            } catch (RuntimeException e) {
                // the cluster may already be shutting down; nothing is left to clean up then
            }
        }
        unsubscribers.clear();
    }

    private final class MembersListener implements EntryAddedListener<String, String>,
            EntryUpdatedListener<String, String>, EntryRemovedListener<String, String>, MembershipListener {

        private final Runnable onChange;

        MembersListener(Runnable onChange) {
            this.onChange = onChange;
        }

        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            onChange.run();
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            onChange.run();
        }

        @Override
        public void entryRemoved(EntryEvent<String, String> event) {
            onChange.run();
        }

        @Override
        public void memberAdded(MembershipEvent event) {
            // a new cluster member does not change the group
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            removeEntriesOf(event.getMember().getUuid().toString());
            onChange.run();
        }
    }
}
