package io.syncms.chum.control;

import io.syncms.store.control.AccessService;
import io.syncms.store.control.InstanceIdentity;
import io.syncms.store.control.ObjectStore;

import java.util.Objects;

/**
 * This instance as the Chum needs it: its open store, the access service on it, and who it is. The
 * access service exists before anything built from this record adds its own write listener to the
 * store, which the exporter relies on (see {@link ChangeSignal}).
 */
public record LocalInstance(ObjectStore store, AccessService access, InstanceIdentity identity) {

    public LocalInstance {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(identity, "identity");
    }

    public String name() {
        return identity.instanceName();
    }

    public String owner() {
        return identity.ownerIdHash();
    }
}
