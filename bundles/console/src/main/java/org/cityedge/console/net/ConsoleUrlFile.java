package org.cityedge.console.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <state>/console/url} (mode 0644): where the console listens, or will listen once woken, e.g.
 * {@code http://192.168.50.1:8080}, so that {@code cityedge provision} on the gateway finds it after
 * {@code console listen --interface eth1} (Jetty then no longer answers on 127.0.0.1). It is kept while the console
 * is configured to serve on an address, asleep or not, and removed when it is disabled, its interface has no IPv4
 * address, or the component stops. Nothing secret: the address is what the console serves on anyway.
 */
public final class ConsoleUrlFile {

    public static final String FILE = "url";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleUrlFile.class);

    private final Path file;
    private String written;

    /** @param consoleDir {@code <state>/console} */
    public ConsoleUrlFile(Path consoleDir) {
        this.file = consoleDir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** Writes the binding's URL when it is enabled (only when it changed), else removes the file. */
    public synchronized void update(HttpBinding.Binding binding) {
        if (!binding.enabled()) {
            delete();
            return;
        }
        String url = url(binding);
        if (url.equals(written) && Files.exists(file)) {
            return;
        }
        try {
            write(url);
            written = url;
        } catch (IOException | RuntimeException e) {
            LOG.warn("console: could not write {} ({}): the CLI on the gateway uses its default URL", file,
                    e.toString());
        }
    }

    public synchronized void delete() {
        written = null;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("console: could not remove {} ({})", file, e.toString());
        }
    }

    /** {@code http://host:port}, an IPv6 host in brackets. */
    static String url(HttpBinding.Binding binding) {
        String host = binding.host().indexOf(':') >= 0 ? "[" + binding.host() + "]" : binding.host();
        return "http://" + host + ":" + binding.port();
    }

    private void write(String url) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] readable = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-r--r--"))}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, FILE, ".tmp", readable);
        try {
            Files.writeString(tmp, url + "\n", StandardCharsets.UTF_8);
            if (posix) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--")); // past the umask
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
