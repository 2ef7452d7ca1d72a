package io.syncms.syncms.entity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a participant is: its group, role and id, and the ids of the slaves the group expects.
 * A slave may leave {@code slaves} empty: it then takes the master's list.
 */
public record ParticipantConfig(String group, Role role, String id, List<String> slaves, GroupSettings settings) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** The most slaves a group may list: its master's membership entry holds them all. */
    public static final int MAX_SLAVES = 1000;

    public ParticipantConfig {
        requireName("group", group);
        if (role == null) {
            throw new IllegalArgumentException("role is missing");
        }
        requireName("id", id);
        slaves = List.copyOf(slaves == null ? List.of() : slaves);
        if (slaves.size() > MAX_SLAVES) {
            throw new IllegalArgumentException("a group lists at most " + MAX_SLAVES + " slaves, not " + slaves.size());
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String slave : slaves) {
            requireName("slave id", slave);
            if (!distinct.add(slave)) {
                throw new IllegalArgumentException("slave id \"" + slave + "\" is listed twice");
            }
        }
        if (role == Role.MASTER && slaves.isEmpty()) {
            throw new IllegalArgumentException("a master needs the list of its slaves");
        }
        if (role == Role.MASTER && slaves.contains(id)) {
            throw new IllegalArgumentException("the master's id \"" + id + "\" is also listed as a slave");
        }
        if (settings == null) {
            settings = GroupSettings.defaults();
        }
    }

    public boolean isMaster() {
        return role == Role.MASTER;
    }

    private static void requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-128 characters of letters, digits, '.', '_' or '-'"
                    + " starting with a letter or digit, not " + (value == null ? "missing" : "\"" + value + "\""));
        }
    }
}
