package org.cityedge.provisioning.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The only directories a setting may name a file in, and an export may read a file from: the key-material folders
 * of the state directory ({@code cityedge.state}: {@code tls/}, {@code trust/}, {@code coap/}; not the CLI token in
 * {@code console/} nor the framework's storage in {@code osgi/}) and the configuration directory
 * ({@code felix.fileinstall.dir}). Without this bound a
 * setting could name any file the gateway can read (its private key, {@code /etc/shadow} when run as root) and an
 * export would hand it out. Paths are compared as real paths, so {@code ..}, symbolic links and relative names do
 * not lead out.
 *
 * @param stateDir  the state directory
 * @param configDir the configuration directory, or null when there is none (ConfigAdmin only)
 */
public record FileDirectories(Path stateDir, Path configDir) {

    /** The state directory's folders that hold key material a setting may name. */
    static final List<String> KEY_FOLDERS = List.of("tls", "trust", "coap");

    /** Where a PEM private key block of any kind (PKCS#8, encrypted, EC, RSA, OpenSSH) ends its BEGIN line. */
    private static final String PRIVATE_KEY_HEADER = "PRIVATE KEY-----";
    /** How much of a file {@link #holdsPrivateKey(Path)} reads: a key file is a few kB. */
    private static final int HEADER_SCAN_BYTES = 1 << 20;

    /** The real path of {@code file} when it exists under one of the directories; empty otherwise. */
    public Optional<Path> realPathWithin(Path file) {
        try {
            Path real = file.toRealPath();
            return realDirectories().stream().anyMatch(real::startsWith) ? Optional.of(real) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The directories as a refusal names them. */
    public String describe() {
        Path state0 = stateDir.toAbsolutePath().normalize();
        String state = "the state directory's " + String.join(", ", KEY_FOLDERS) + " folders under " + state0
                + " (cityedge.state)";
        return configDir == null ? state : state + " or the configuration directory "
                + configDir.toAbsolutePath().normalize() + " (felix.fileinstall.dir)";
    }

    /** True when the text holds a PEM private key block. */
    public static boolean holdsPrivateKey(String text) {
        return text.contains(PRIVATE_KEY_HEADER);
    }

    /** True when the file's first MiB holds a PEM private key block (read byte for byte, any encoding). */
    public static boolean holdsPrivateKey(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return holdsPrivateKey(new String(in.readNBytes(HEADER_SCAN_BYTES), StandardCharsets.ISO_8859_1));
        }
    }

    /** The directories as real paths; one that does not exist (yet) holds nothing. */
    private List<Path> realDirectories() {
        List<Path> out = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (String folder : KEY_FOLDERS) {
            dirs.add(stateDir.resolve(folder));
        }
        if (configDir != null) {
            dirs.add(configDir);
        }
        for (Path dir : dirs) {
            try {
                out.add(dir.toRealPath());
            } catch (IOException e) {
                // not there yet: no file is under it
            }
        }
        return out;
    }
}
