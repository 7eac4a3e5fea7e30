package org.cityedge.simulator.coap;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Pre-shared keys by device id, from a properties file of {@code deviceId=<hex key>} lines. */
public final class CoapKeys {

    private CoapKeys() {
    }

    /**
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming the file and device when a key is not even-length hex or empty
     */
    public static Map<String, byte[]> load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String id : p.stringPropertyNames()) {
            String hex = p.getProperty(id).trim();
            if (hex.startsWith("0x") || hex.startsWith("0X")) {
                hex = hex.substring(2);
            }
            try {
                byte[] key = HexFormat.of().parseHex(hex);
                if (key.length == 0) {
                    throw new IllegalArgumentException("empty");
                }
                keys.put(id, key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + id + ": the key must be hex digits, e.g. "
                        + id + "=73656372657431");
            }
        }
        return keys;
    }
}
