package io.syncms.syncms.entity;

import java.util.Locale;

public enum Role {
    MASTER,
    SLAVE;

    /** Parses "master" or "slave" in any case. */
    public static Role parse(String text) {
        if (text != null) {
            for (Role role : values()) {
                if (role.name().equalsIgnoreCase(text.trim())) {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException("role must be \"master\" or \"slave\", not " + (text == null ? "missing" : "\"" + text + "\""));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
