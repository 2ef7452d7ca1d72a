package io.syncms.store.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

    @Test
    void defaultsComeFromTheHostNameAndTheInstanceName() {
        StoreSettings settings = StoreSettings.withDefaults(Optional.empty(), Optional.empty(), Optional.empty(), true,
                "box1", "/home/dev");
        assertEquals("syncms-box1", settings.instanceName());
        assertEquals(Path.of("/home/dev/.syncms/stores/syncms-box1"), settings.directory());
        assertEquals("owner@syncms-box1.local", settings.ownerEmail());
        assertEquals(true, settings.fsync());
    }

    @Test
    void twoInstanceNamesNeverShareADefaultStore() {
        StoreSettings a = StoreSettings.withDefaults(Optional.of("instance-8080"), Optional.empty(), Optional.empty(), true, "h", "/home/dev");
        StoreSettings b = StoreSettings.withDefaults(Optional.of("instance-8081"), Optional.empty(), Optional.empty(), true, "h", "/home/dev");
        assertEquals(Path.of("/home/dev/.syncms/stores/instance-8080"), a.directory());
        assertNotEquals(a.directory(), b.directory());
    }

    @Test
    void configuredValuesWinAndBlankCountsAsUnset() {
        StoreSettings settings = StoreSettings.withDefaults(Optional.of(" laptop "), Optional.of("/data/one"),
                Optional.of("me@example.com"), false, "h", "/home/dev");
        assertEquals("laptop", settings.instanceName());
        assertEquals(Path.of("/data/one"), settings.directory());
        assertEquals("me@example.com", settings.ownerEmail());
        assertEquals(false, settings.fsync());

        StoreSettings blank = StoreSettings.withDefaults(Optional.of(""), Optional.of("  "), Optional.of(""), true, "h", "/home/dev");
        assertEquals("syncms-h", blank.instanceName());
        assertEquals(Path.of("/home/dev/.syncms/stores/syncms-h"), blank.directory());
    }

    @Test
    void theInstanceNameIsMadeSafeAsADirectoryName() {
        assertEquals(Path.of("/home/dev/.syncms/stores/.._etc_passwd"), StoreSettings.withDefaults(Optional.of("../etc/passwd"),
                Optional.empty(), Optional.empty(), true, "h", "/home/dev").directory());
        assertEquals(Path.of("/home/dev/.syncms/stores/_.."), StoreSettings.withDefaults(Optional.of(".."),
                Optional.empty(), Optional.empty(), true, "h", "/home/dev").directory());
        assertEquals("owner@my_box.local", StoreSettings.withDefaults(Optional.of("My Box"),
                Optional.empty(), Optional.empty(), true, "h", "/home/dev").ownerEmail());
    }

    @Test
    void withoutAHomeDirectoryTheWorkingDirectoryIsUsed() {
        Path working = Path.of("").toAbsolutePath();
        for (String home : new String[] {null, "", "?"}) {
            assertEquals(working.resolve(".syncms/stores/x"), StoreSettings.withDefaults(Optional.of("x"), Optional.empty(),
                    Optional.empty(), true, "h", home).directory());
        }
    }
}
