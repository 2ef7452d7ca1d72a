package io.syncms.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the failsafe configuration in pom.xml tells the integration tests (system properties {@code it.*}).
 * Benchmarks run outside failsafe and get the same layout by default: the built WAR and Payara Micro in
 * {@code target/}, a private cluster name and ports 7900+.
 */
public final class ItEnvironment {

    private static final Map<String, String> DEFAULTS = Map.of(
            "it.war", "target/syncms.war",
            "it.payara.jar", "target/payara-micro.jar",
            "it.config.dir", "server-config",
            "it.work.dir", "target/bench-work",
            "it.cluster.name", "syncms-bench-" + ProcessHandle.current().pid(),
            "it.cluster.members", "127.0.0.1:7900,127.0.0.1:7901,127.0.0.1:7902,127.0.0.1:7903,127.0.0.1:7904,127.0.0.1:7905",
            "it.cluster.startport", "7900");

    private ItEnvironment() {}

    public static Path war() {
        return existing("it.war");
    }

    public static Path payaraJar() {
        return existing("it.payara.jar");
    }

    public static Path configDir() {
        return existing("it.config.dir");
    }

    public static Path workDir() {
        Path dir = Path.of(require("it.work.dir")).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return dir;
    }

    public static String clusterName() {
        return require("it.cluster.name");
    }

    public static String clusterMembers() {
        return require("it.cluster.members");
    }

    public static int clusterStartPort() {
        return Integer.parseInt(require("it.cluster.startport"));
    }

    /** The Payara Micro options that put an instance into the test cluster on loopback. */
    public static List<String> clusterOptions() {
        return List.of("--clustername", clusterName(), "--clustermode", "tcpip:" + clusterMembers(),
                "--interfaces", "127.0.0.1", "--startport", Integer.toString(clusterStartPort()),
                "--hzinitialjoinwait", "1");
    }

    private static Path existing(String property) {
        Path path = Path.of(require(property)).toAbsolutePath();
        if (!Files.exists(path)) {
            throw new IllegalStateException(property + " points to " + path + ", which does not exist; run mvn verify");
        }
        return path;
    }

    private static String require(String property) {
        String value = System.getProperty(property, DEFAULTS.get(property));
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set; run the tests with mvn verify");
        }
        return value;
    }
}
