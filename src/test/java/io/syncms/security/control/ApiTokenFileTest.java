package io.syncms.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.security.entity.SecurityMisconfiguredException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenFileTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartCreatesAnOwnerOnlyTokenThatLaterStartsRead() throws IOException {
        ApiTokenFile file = new ApiTokenFile(dir.resolve("store").resolve(ApiTokenFile.NAME));
        assertFalse(file.exists());
        String token = file.readOrCreate();
        assertTrue(file.exists());
        assertEquals(43, token.length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
        assertEquals(token, new ApiTokenFile(file.path()).readOrCreate());
        try (var leftovers = Files.list(file.path().getParent())) {
            assertEquals(List.of(ApiTokenFile.NAME), leftovers.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
    }

    @Test
    void aTokenFileOthersCouldReadIsMadeOwnerOnlyAndStillUsed() throws IOException {
        Path path = dir.resolve(ApiTokenFile.NAME);
        Files.writeString(path, "a-token-someone-wrote-by-hand\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("a-token-someone-wrote-by-hand", new ApiTokenFile(path).readOrCreate());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
    }

    @Test
    void aFileWithAnUnusableTokenIsAMisconfigurationNotANewToken() throws IOException {
        Path path = dir.resolve(ApiTokenFile.NAME);
        Files.writeString(path, "short\n", StandardCharsets.UTF_8);
        assertThrows(SecurityMisconfiguredException.class, () -> new ApiTokenFile(path).readOrCreate());
        assertEquals("short\n", Files.readString(path));
    }

    @Test
    void instancesStartingTogetherAgreeOnOneToken() throws Exception {
        Path path = dir.resolve(ApiTokenFile.NAME);
        ExecutorService starts = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> tasks = java.util.Collections.nCopies(8, () -> new ApiTokenFile(path).readOrCreate());
            List<String> tokens = starts.invokeAll(tasks).stream().map(ApiTokenFileTest::get).distinct().collect(Collectors.toList());
            assertEquals(1, tokens.size(), tokens.toString());
        } finally {
            starts.shutdownNow();
        }
    }

    @Test
    void theEnvironmentWinsOverTheSettingWhichWinsOverTheFile() {
        ApiTokenFile file = new ApiTokenFile(dir.resolve(ApiTokenFile.NAME));
        ApiTokenSource.Resolved fromEnvironment = ApiTokenSource.resolve(Optional.of("token-from-the-environment"),
                Optional.of("token-from-the-setting!"), file);
        assertTrue(fromEnvironment.token().matches("token-from-the-environment"));
        assertEquals("the environment variable SYNCMS_API_TOKEN", fromEnvironment.origin());
        ApiTokenSource.Resolved fromConfig = ApiTokenSource.resolve(Optional.of(" "), Optional.of("token-from-the-setting!"), file);
        assertTrue(fromConfig.token().matches("token-from-the-setting!"));
        assertFalse(file.exists(), "no file is made while a token is configured");
        ApiTokenSource.Resolved generated = ApiTokenSource.resolve(Optional.empty(), Optional.empty(), file);
        assertTrue(generated.origin().startsWith("a new random token in the owner-only file "), generated.origin());
        assertTrue(generated.token().matches(file.readOrCreate()));
        assertTrue(ApiTokenSource.resolve(Optional.empty(), Optional.empty(), file).origin().startsWith("the token file "));
    }

    private static String get(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
