package io.syncms.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the failsafe configuration in pom.xml tells the integration tests (system properties {@code it.*}). */
public final class ItEnvironment {

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
        Path dir = Path.of(require("it.work.dir"));
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
        Path path = Path.of(require(property));
        if (!Files.exists(path)) {
            throw new IllegalStateException(property + " points to " + path + ", which does not exist; run mvn verify");
        }
        return path;
    }

    private static String require(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set; run the tests with mvn verify");
        }
        return value;
    }
}
