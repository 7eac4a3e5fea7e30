package org.cityedge.site.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file so that a crash or power cut leaves the old file or the new one, never a mix: the new text goes to
 * a temporary file in the same directory, is flushed to the disk, and is renamed over the file (an atomic rename on
 * one file system). The previous file is kept beside it as {@code <name>.bak}, written the same way.
 */
final class DurableFile {

    static final String BACKUP_SUFFIX = ".bak";

    private DurableFile() {
    }

    /** The backup of {@code file}: {@code site.yaml.bak} beside {@code site.yaml}. */
    static Path backupOf(Path file) {
        return file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
    }

    static void replace(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.exists(target)) {
            // read before anything moves: the backup is exactly the file being replaced
            install(Files.readAllBytes(target), backupOf(target), target);
        }
        install(content, target, target);
    }

    /** Writes {@code content} to {@code target} through a flushed temporary file and an atomic rename. */
    private static void install(byte[] content, Path target, Path permissionsFrom) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            keepPermissions(permissionsFrom, tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The site file may be readable by other users (the simulator, a backup job): the new one stays so. */
    private static void keepPermissions(Path from, Path to) {
        try {
            if (Files.exists(from)) {
                Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: the default permissions it gives will do
        }
    }

    /** Makes the rename itself durable; some file systems cannot sync a directory, and the rename is atomic anyway. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // best effort
        }
    }
}
