package org.cityedge.provisioning.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.felix.fileinstall.shaded.util.properties.TypedProperties;

/**
 * Reads a {@code .cfg} file exactly as FileInstall 3.7.4's ConfigInstaller does (its own shaded TypedProperties,
 * ISO-8859-1, interpolation with an empty context), so tests compare against the real parser, not a copy of it.
 */
public final class FileInstallReader {

    private FileInstallReader() {
    }

    public static Map<String, Object> read(Path file) throws IOException {
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.ISO_8859_1)) {
            return read(reader);
        }
    }

    public static Map<String, Object> parse(String text) throws IOException {
        return read(new StringReader(text));
    }

    private static Map<String, Object> read(Reader reader) throws IOException {
        // ConfigInstaller substitutes ${...} from the bundle context; an unknown name gives "" there too.
        TypedProperties properties = new TypedProperties((name, key, value) -> "");
        properties.load(reader);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : properties.keySet()) {
            out.put(key, properties.get(key));
        }
        return out;
    }
}
