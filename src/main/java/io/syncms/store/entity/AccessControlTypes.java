package io.syncms.store.entity;

import java.util.Set;

/**
 * The ONE types that decide who may see what: {@code Access}, {@code IdAccess}, {@code Group} and
 * {@code Person}. As in ONE, they stay on the instance that wrote them: they are never part of an
 * accessible closure (so no Chum offers them), and a Chum refuses them when a peer sends them anyway,
 * so nothing received can change who may see what here.
 */
public final class AccessControlTypes {

    public static final Set<String> TYPES = Set.of("Access", "IdAccess", "Group", "Person");

    private AccessControlTypes() {
    }

    public static boolean contains(String type) {
        return type != null && TYPES.contains(type);
    }
}
