package org.cityedge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cityedge.api.site.Site;
import org.cityedge.site.load.SiteWriter;

/** The test sites under src/test/resources/sites. */
final class Sites {

    /** Three lamp controllers on a Modbus TCP bus and an air-quality station on another. */
    static final String SAIGON_D1 = "saigon-d1.yaml";
    /** The same with a device of an unknown profile and one with a duplicate unit id (a template: see the file). */
    static final String SAIGON_D1_BAD = "saigon-d1-bad.yaml";

    /**
     * Commissioning: lamps at scattered unit ids on an RS-485 bus (9600 8E1), a weather logger known only by its
     * signature register, an air-quality station on Modbus TCP. What the simulator serves; the gateway starts with
     * its buses only ({@link #busesOnly}).
     */
    static final String BINH_DUONG_FIELD = "binh-duong-field.yaml";

    private Sites() {
    }

    /**
     * The site file a gateway fresh from the factory gets on a commissioning visit: the buses of the served site
     * (its pty paths and ports), this identity, and no devices at all.
     */
    static String busesOnly(Site served, String site, String gatewayId) {
        return SiteWriter.toYaml(new Site(site, gatewayId, served.location(), served.timezone(), served.buses(),
                List.of()));
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
