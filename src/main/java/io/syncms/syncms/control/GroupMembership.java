package io.syncms.syncms.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the group's membership map: is the master there, and has every slave it expects joined? Slaves
 * are counted by distinct id (one map key per id), never by the number of join events.
 */
public class GroupMembership {

    public static final String MASTER_KEY = "master";
    private static final String SLAVE_PREFIX = "slave:";

    public static String slaveKey(String id) {
        return SLAVE_PREFIX + id;
    }

    /** What the map says right now. */
    public record View(Wire.Member master, List<String> expected, List<String> joined, List<String> missing) {

        public boolean complete() {
            return master != null && missing.isEmpty();
        }
    }

    public View view(Map<String, Wire.Member> entries) {
        Wire.Member master = entries.get(MASTER_KEY);
        List<String> expected = master == null ? List.of() : master.slaves();
        List<String> joined = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String slave : expected) {
            Wire.Member entry = entries.get(slaveKey(slave));
            if (entry != null && slave.equals(entry.id())) {
                joined.add(slave);
            } else {
                missing.add(slave);
            }
        }
        return new View(master, expected, List.copyOf(joined), List.copyOf(missing));
    }
}
