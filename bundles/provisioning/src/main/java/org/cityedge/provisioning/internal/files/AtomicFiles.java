package org.cityedge.provisioning.internal.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file's content so that a reader (FileInstall, a component, a crash) sees either the old or the new file,
 * never a part: a temporary file in the same directory, fsync, atomic rename, fsync of the directory.
 */
public final class AtomicFiles {

    /** Owner read/write only: private keys, pre-shared keys, settings holding secrets. */
    public static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
    /** Owner read/write, others read: certificates, public keys. */
    public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private AtomicFiles() {
    }

    /** Writes {@code content} to {@code file} with the given permissions, set before any byte is written. */
    public static void write(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // A dot name without a .cfg/.config ending: FileInstall, watching the directory, has no handler for it.
        Path temp = dir.resolve("." + target.getFileName() + ".tmp-" + Long.toHexString(
                ThreadLocalRandom.current().nextLong()));
        try {
            if (POSIX) {
                FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(permissions);
                Files.createFile(temp, mode);
                Files.setPosixFilePermissions(temp, permissions); // the umask may have removed bits
            } else {
                Files.createFile(temp);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes a file and makes the deletion durable. */
    public static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            syncDirectory(file.toAbsolutePath().getParent());
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Some file systems cannot sync a directory; the rename itself is still atomic.
        }
    }
}
