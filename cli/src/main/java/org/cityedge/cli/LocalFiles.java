package org.cityedge.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.cityedge.cli.gateway.Failure;

/** Files on the technician's side: read with a clear usage error, written whole (and privately when secret). */
final class LocalFiles {

    private LocalFiles() {
    }

    /** The file's text; a missing or unreadable file is a usage error naming it. */
    static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Failure.usage("cannot read " + what + " " + file + " (" + describe(e) + ")");
        }
    }

    /** A PEM file's text; refused before sending when it holds no PEM block. */
    static String readPem(Path file, String what) {
        String text = read(file, what);
        if (!text.contains("-----BEGIN ")) {
            throw Failure.usage(what + " " + file + " is not PEM (no -----BEGIN line)");
        }
        return text;
    }

    /**
     * Writes text through a temporary file in the same directory and a rename, so a reader never sees half a file.
     *
     * @param secret true: the file is created with mode 0600 (owner only) before anything is written to it
     */
    static void write(Path file, String text, boolean secret) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            Path dir = target.getParent();
            tmp = secret && dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            if (!secret) {
                setReadable(tmp);
            }
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw Failure.usage("cannot write " + file + " (" + describe(e) + ")");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the rename took it, or it stays as a hidden .tmp file; the command's outcome is already known
                }
            }
        }
    }

    /** A temporary file is 0600; a certificate request is no secret, so it gets a usual 0644. */
    private static void setReadable(Path tmp) throws IOException {
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
