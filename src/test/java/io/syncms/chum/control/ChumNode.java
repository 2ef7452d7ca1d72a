package io.syncms.chum.control;

import io.syncms.chum.entity.CheckpointKey;
import io.syncms.chum.entity.ChumCheckpoint;
import io.syncms.chum.entity.ChumLimits;
import io.syncms.chum.entity.ChumOptions;
import io.syncms.chum.entity.ChumSettings;
import io.syncms.chum.entity.TrustedPeer;
import io.syncms.store.control.AccessService;
import io.syncms.store.control.InstanceIdentity;
import io.syncms.store.control.ObjectHashes;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.control.RecipeRegistry;
import io.syncms.store.control.StoreFixtures;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.LogEntry;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.StoreOptions;
import io.syncms.store.entity.StoreResult;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/** One instance for Chum tests: a store in a directory, its access service, identity and Chum service. */
final class ChumNode implements AutoCloseable {

    /** Types a Chum never transfers: version nodes are made locally, Chum logs are written locally. */
    private static final Set<String> LOCAL_TYPES = Set.of("VersionNodeEdge", "VersionNodeChange", "VersionNodeMerge", "Chum");

    final String name;
    final String url;
    final Path directory;
    final ObjectStore store;
    final AccessService access;
    final InstanceIdentity identity;
    final ChumService chums;
    final ObjectHashes hashes;

    private ChumNode(String name, Path directory, InMemoryChumNetwork network, Executor executor, ChumSettings settings) {
        this(name, "mem://" + name, directory, network, executor, settings);
        network.register(url, new InMemoryChumPeer(chums.exporter()));
    }

    /** BLOBs and CLOBs over 16 bytes are files: the tests cross both ways of keeping content. */
    static final StoreOptions TEST_STORE = StoreOptions.defaults().withFsync(false).withInlineLimit(16);

    private ChumNode(String name, String url, Path directory, ChumConnector connector, Executor executor, ChumSettings settings) {
        this(name, url, directory, connector, executor, settings, TEST_STORE);
    }

    private ChumNode(String name, String url, Path directory, ChumConnector connector, Executor executor, ChumSettings settings,
                     StoreOptions storeOptions) {
        this.name = name;
        this.url = url;
        this.directory = directory;
        this.store = new ObjectStore(directory, registry(), storeOptions).open();
        this.access = new AccessService(store);
        this.identity = InstanceIdentity.load(store, name, name + "-owner@example.com");
        this.chums = new ChumService(new LocalInstance(store, access, identity),
                TrustedPeers.inStoreDirectory(directory), connector, executor, settings, ChumLimits.defaults());
        this.hashes = new ObjectHashes(store.registry());
    }

    static ChumNode open(Path directory, String name, InMemoryChumNetwork network, Executor executor, ChumSettings settings) {
        return new ChumNode(name, directory, network, executor, settings);
    }

    /** A node whose peers reach it at {@code url} through their connector (another transport). */
    static ChumNode open(Path directory, String name, String url, ChumConnector connector, Executor executor,
                         ChumSettings settings) {
        return new ChumNode(name, url, directory, connector, executor, settings);
    }

    /** As {@link #open(Path, String, String, ChumConnector, Executor, ChumSettings)}, with the store's options. */
    static ChumNode open(Path directory, String name, String url, ChumConnector connector, Executor executor,
                         ChumSettings settings, StoreOptions storeOptions) {
        return new ChumNode(name, url, directory, connector, executor, settings, storeOptions);
    }

    static RecipeRegistry registry() {
        return StoreFixtures.registry();
    }

    String owner() {
        return identity.ownerIdHash();
    }

    /** Lets the other node's owner Chum with this one. */
    void trust(ChumNode other) {
        chums.trustedPeers().register(new TrustedPeer(other.owner(), other.identity.publicKeyBase64(), other.url));
    }

    ChumOptions optionsTo(ChumNode other, String chumName, boolean keepRunning, long maxNotificationDelay) {
        return new ChumOptions(other.url, owner(), other.owner(), chumName, name, other.name, keepRunning, maxNotificationDelay);
    }

    Optional<ChumCheckpoint> checkpointFor(ChumNode remote) {
        return chums.checkpoints().read(new CheckpointKey(name, remote.name, owner(), remote.owner()));
    }

    // ---------------------------------------------------------------- content

    String note(String text) {
        return store.storeObject(StoreFixtures.note(text)).hash();
    }

    String note(String text, String blob, String clob, List<String> children) {
        OneObject.Builder builder = OneObject.builder(StoreFixtures.NOTE).put("text", text);
        if (blob != null) {
            builder.put("attachment", blob);
        }
        if (clob != null) {
            builder.put("body", clob);
        }
        if (!children.isEmpty()) {
            builder.put("children", children);
        }
        return store.storeObject(builder.build()).hash();
    }

    StoreResult document(String title, int revision, String blob) {
        OneObject.Builder builder = OneObject.builder(StoreFixtures.DOCUMENT).put("title", title).put("revision", revision);
        if (blob != null) {
            builder.put("attachment", blob);
        }
        return store.storeObject(builder.build());
    }

    String blob(String content) {
        return store.storeBlob(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))).hash();
    }

    String clob(String text) {
        return store.storeClob(text).hash();
    }

    String grant(String objectHash, List<String> persons, List<String> groups) {
        return store.storeObject(StoreFixtures.access(objectHash, persons, groups)).hash();
    }

    String grantId(String idHash, List<String> persons, List<String> groups) {
        return store.storeObject(StoreFixtures.idAccess(idHash, persons, groups)).hash();
    }

    String group(String groupName, List<String> persons) {
        return store.storeObject(StoreFixtures.group(groupName, persons)).idHash();
    }

    boolean has(ReferenceKind kind, String hash) {
        return store.contains(kind, hash);
    }

    /** Everything in the store that a Chum can transfer (no version nodes, no Chum logs). */
    Set<ClosureEntry> content() {
        Set<ClosureEntry> content = new HashSet<>();
        for (LogEntry entry : store.writtenAfter(0, Integer.MAX_VALUE)) {
            if (entry.type() == null || !LOCAL_TYPES.contains(entry.type())) {
                content.add(new ClosureEntry(entry.kind(), entry.hash()));
            }
        }
        return content;
    }

    /**
     * What this node lets the person see, as the person's store will hold it: the accessible closure,
     * plus the ID object of every versioned object in it (the receiving store writes it along).
     */
    Set<ClosureEntry> visibleTo(String person) {
        Map<String, String> idHashOf = new HashMap<>();
        for (LogEntry entry : store.writtenAfter(0, Integer.MAX_VALUE)) {
            if (entry.kind() == ReferenceKind.OBJECT && entry.idHash() != null) {
                idHashOf.put(entry.hash(), entry.idHash());
            }
        }
        Set<ClosureEntry> visible = new HashSet<>();
        for (ClosureEntry entry : access.accessibleClosure(person)) {
            visible.add(entry);
            String idHash = idHashOf.get(entry.hash());
            if (entry.kind() == ReferenceKind.OBJECT && idHash != null) {
                visible.add(new ClosureEntry(ReferenceKind.ID, idHash));
            }
        }
        return visible;
    }

    @Override
    public void close() {
        chums.close();
        access.close();
        store.close();
    }
}
