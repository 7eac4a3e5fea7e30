package org.cityedge.coap.internal.dtls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PSK file written by provisioning: {@code deviceId=<hex>} or {@code deviceId=base64:<...>}, one a line. Re-read
 * when its modification time or size changes. A bad line is logged and skipped; the other keys still load.
 */
public final class PskFile {

    private static final Logger LOG = LoggerFactory.getLogger(PskFile.class);

    private final Path path;
    private long stamp = Long.MIN_VALUE;
    private Map<String, byte[]> keys = Map.of();

    public PskFile(Path path) {
        this.path = path;
    }

    /** Re-reads the file if it changed; returns true when the keys changed. */
    public synchronized boolean refresh() {
        if (path == null) {
            return false;
        }
        long now;
        try {
            now = Files.exists(path) ? Files.getLastModifiedTime(path).toMillis() * 31 + Files.size(path) : -1;
        } catch (IOException e) {
            now = -1;
        }
        if (now == stamp) {
            return false;
        }
        stamp = now;
        keys = now == -1 ? Map.of() : read();
        if (now == -1) {
            LOG.warn("CoAP: PSK file {} is missing: no DTLS device can connect", path);
        }
        return true;
    }

    public synchronized Map<String, byte[]> keys() {
        return keys;
    }

    public synchronized byte[] key(String deviceId) {
        return keys.get(deviceId);
    }

    private Map<String, byte[]> read() {
        warnIfWorldReadable();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            LOG.error("CoAP: cannot read PSK file {}: {}", path, e.getMessage());
            return Map.of();
        }
        Map<String, byte[]> out = new HashMap<>();
        for (String id : p.stringPropertyNames()) {
            try {
                out.put(id, parseKey(p.getProperty(id)));
            } catch (IllegalArgumentException e) {
                LOG.error("CoAP: PSK file {}: key of {} is neither hex nor base64:...; skipped", path, id);
            }
        }
        LOG.info("CoAP: {} pre-shared keys loaded from {}", out.size(), path);
        return Map.copyOf(out);
    }

    /** {@code base64:...} or hex. */
    public static byte[] parseKey(String text) {
        String s = text.trim();
        byte[] key = s.startsWith("base64:") ? Base64.getDecoder().decode(s.substring(7).trim())
                : HexFormat.of().parseHex(s);
        if (key.length == 0) {
            throw new IllegalArgumentException("empty key");
        }
        return key;
    }

    private void warnIfWorldReadable() {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            if (perms.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("CoAP: PSK file {} is world-readable; chmod 600 it", path);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
    }
}
