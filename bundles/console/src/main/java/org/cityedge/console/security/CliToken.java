package org.cityedge.console.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The bearer token of the {@code cityedge provision} CLI on the gateway itself: random, new at every start, in
 * {@code <state>/console/cli-token} readable by the gateway's user only (0600). Whoever can read that file could
 * change the configuration files directly anyway, so the token adds no new power; it is honoured from loopback
 * addresses only.
 */
public final class CliToken {

    static final String DIRECTORY = "console";
    static final String FILE = "cli-token";
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    private final byte[] value;
    private final Path file;

    private CliToken(String value, Path file) {
        this.value = value.getBytes(StandardCharsets.UTF_8);
        this.file = file;
    }

    /** Writes a new token under the state directory, replacing the previous one. */
    public static CliToken create(Path stateDir, SecureRandom random) throws IOException {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path dir = stateDir.resolve(DIRECTORY);
        Files.createDirectories(dir, posix(dir.getParent(), OWNER_RWX));
        Path file = dir.resolve(FILE);
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, posix(dir, OWNER_RW)); // created 0600: never readable by others, not even briefly
        } catch (FileAlreadyExistsException e) {
            throw new IOException("could not create " + tmp, e);
        }
        Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new CliToken(token, file);
    }

    /** True when the presented token is this one (constant time). */
    public boolean matches(String presented) {
        return presented != null
                && MessageDigest.isEqual(value, presented.strip().getBytes(StandardCharsets.UTF_8));
    }

    public Path file() {
        return file;
    }

    /** Removes the file at stop: a stale token must not outlive the process that honours it. */
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the next start replaces it anyway
        }
    }

    private static FileAttribute<?>[] posix(Path anyPathOnTheFileSystem, Set<PosixFilePermission> permissions) {
        boolean posix = anyPathOnTheFileSystem != null
                && anyPathOnTheFileSystem.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }
}
