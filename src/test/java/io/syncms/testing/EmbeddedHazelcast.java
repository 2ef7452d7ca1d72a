package io.syncms.testing;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.UUID;

/** Hazelcast members for unit tests: loopback only, a private cluster name, never multicast. */
public final class EmbeddedHazelcast {

    private EmbeddedHazelcast() {}

    /** A lone member that looks for no other. */
    public static HazelcastInstance standalone() {
        Config config = base("syncms-unit-" + UUID.randomUUID());
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getTcpIpConfig().setEnabled(false);
        return Hazelcast.newHazelcastInstance(config);
    }

    /** A member of {@code cluster} that finds the others on loopback ports 5910-5919. */
    public static HazelcastInstance member(String cluster) {
        Config config = base(cluster);
        config.getNetworkConfig().setPort(5910).setPortAutoIncrement(true).setPortCount(10);
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:5910-5919");
        return Hazelcast.newHazelcastInstance(config);
    }

    private static Config base(String cluster) {
        Config config = new Config();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().setPort(5900).setPortAutoIncrement(true).setPortCount(10);
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        return config;
    }
}
