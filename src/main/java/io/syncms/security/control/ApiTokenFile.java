package io.syncms.security.control;

import io.syncms.platform.control.DurableFile;
import io.syncms.security.entity.SecurityMisconfiguredException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The generated API token of an instance that was given none: kept in a file only its owner can read
 * ({@code rw-------}), created at the first start and read at every later one. The file is written
 * and forced under a temporary name, then linked into place, so a crash never leaves a half-written
 * token and two processes starting at once agree on the first one that landed.
 */
public final class ApiTokenFile {

    /** The file's name in the store directory. */
    public static final String NAME = "api-token";
    private static final Logger LOG = Logger.getLogger(ApiTokenFile.class.getName());
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    public ApiTokenFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** Whether the file exists already (then {@link #readOrCreate()} reads it). */
    public boolean exists() {
        return Files.exists(file);
    }

    /**
     * The token in the file; a new random one if there is no file yet.
     *
     * @throws SecurityMisconfiguredException if the file cannot be read or written, or holds no usable token
     */
    public String readOrCreate() {
        try {
            if (!Files.exists(file)) {
                create();
            }
            restrictIfOthersMayRead();
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            ApiToken.of(token, file.toString());
            return token;
        } catch (IOException e) {
            throw new SecurityMisconfiguredException("The API token file " + file + " cannot be used: " + e, e);
        }
    }

    private void create() throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(NAME + ".tmp-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
        if (posix()) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(temporary);
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.write(StandardCharsets.UTF_8.encode(ApiToken.generate() + "\n"));
            channel.force(true);
        }
        try {
            // a hard link appears whole and never replaces: a token another process placed first is kept
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException e) {
            LOG.fine(() -> "Another process created " + file + " first");
        } catch (UnsupportedOperationException e) {
            Files.move(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
        DurableFile.forceDirectory(file.getParent());
    }

    private void restrictIfOthersMayRead() throws IOException {
        if (!posix()) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            LOG.warning(() -> "The API token file " + file + " was readable by others (" + PosixFilePermissions.toString(permissions)
                    + "); it is now owner-only. Consider replacing the token: delete the file and restart");
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private boolean posix() {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
