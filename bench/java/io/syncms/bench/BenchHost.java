package io.syncms.bench;

import io.syncms.testing.ItEnvironment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;

/** What a benchmark report says about the machine and the Payara Micro it ran on. */
public final class BenchHost {

    private BenchHost() {
    }

    /** A benchmark's {@code key=value} arguments, in their order. */
    public static Map<String, String> keyValueArguments(String[] args) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("arguments are key=value, not " + arg);
            }
            settings.put(pair[0], pair[1]);
        }
        return settings;
    }

    public static String payaraVersion() throws IOException {
        try (JarFile jar = new JarFile(ItEnvironment.payaraJar().toFile())) {
            var entry = jar.getEntry("META-INF/maven/fish.payara.server.internal.extras/payara-micro-boot/pom.properties");
            if (entry == null) {
                return "(version unknown)";
            }
            try (InputStream in = jar.getInputStream(entry)) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version");
            }
        }
    }

    /** The 1, 5 and 15 minute load averages as "a, b, c". */
    public static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        if (!Files.exists(loadavg)) {
            return "(unknown)";
        }
        String[] fields = Files.readString(loadavg).trim().split("\\s+");
        return fields[0] + ", " + fields[1] + ", " + fields[2];
    }
}
