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
            "it.cluster.startport", "7900",
            "it.api.token", "syncms-bench-token-" + ProcessHandle.current().pid());

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

    /**
     * The API token of the test run: the instances the tests start get it ({@code SYNCMS_API_TOKEN}, or
     * {@code -Dapi.token} for the one Arquillian starts), and {@link Api} presents it.
     */
    public static String apiToken() {
        return require("it.api.token");
    }

    /**
     * The JVM options that bind an instance's HTTP listener and Hazelcast member to loopback only, as
     * {@code server-config/run-instance} does by default (with {@code --prebootcommandfile}).
     */
    public static List<String> loopbackOptions() {
        return List.of("-Dsyncms.bind.address=127.0.0.1", "-Dhazelcast.socket.bind.any=false");
    }

    /**
     * The base URL Arquillian reports for its instance, on 127.0.0.1: it may name the machine's other
     * address, where an instance that listens on loopback only is not reached.
     */
    public static String loopback(java.net.URL url) {
        try {
            return new java.net.URL(url.getProtocol(), "127.0.0.1", url.getPort(), url.getPath()).toString();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
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
