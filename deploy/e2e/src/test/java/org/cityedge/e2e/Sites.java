package org.cityedge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test sites under src/test/resources/sites. */
final class Sites {

    /** Three lamp controllers on a Modbus TCP bus and an air-quality station on another. */
    static final String SAIGON_D1 = "saigon-d1.yaml";
    /** The same with a device of an unknown profile and one with a duplicate unit id (a template: see the file). */
    static final String SAIGON_D1_BAD = "saigon-d1-bad.yaml";

    private Sites() {
    }

    static Path path(String name) {
        URL url = Sites.class.getResource("/sites/" + name);
        if (url == null) {
            throw new IllegalStateException("no test site " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
