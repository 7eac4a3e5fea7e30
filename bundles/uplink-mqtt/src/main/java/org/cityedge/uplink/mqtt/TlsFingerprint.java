package org.cityedge.uplink.mqtt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of the CA, certificate and key files' contents. A renewed certificate is installed under the same paths,
 * so comparing paths alone would keep the connection on the old certificate until it expires.
 */
final class TlsFingerprint {

    private TlsFingerprint() {
    }

    static String of(UplinkSettings settings) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String file : new String[] {settings.caFile(), settings.certFile(), settings.keyFile()}) {
                digest.update(file.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
                if (!file.isEmpty()) {
                    digest.update(contentOrMarker(Path.of(file)));
                }
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] contentOrMarker(Path file) {
        try {
            return Files.size(file) > 1_000_000 ? "too large".getBytes() : Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            return ("unreadable: " + e.getClass().getSimpleName()).getBytes(); // the connect reports the problem
        }
    }
}
