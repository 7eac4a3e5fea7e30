package org.cityedge.simulator.coap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cityedge.site.load.LoadResult;
import org.cityedge.site.load.SiteFiles;

/** Site files with CoAP devices, loaded with the repository's profiles. */
final class CoapSites {

    private CoapSites() {
    }

    static LoadResult load(Path dir, String devicesYaml) throws IOException {
        String yaml = """
                site: coap-test
                gatewayId: gw-1
                buses:
                  - {id: env-tcp, type: tcp, host: 127.0.0.1, tcpPort: 1502}
                  - {id: nbiot, type: coap}
                devices:
                """ + devicesYaml;
        Path site = Files.writeString(dir.resolve("site.yaml"), yaml);
        Path profiles = Path.of(System.getProperty("cityedge.repo", "..")).resolve("device-profiles");
        LoadResult r = SiteFiles.load(site, List.of(profiles));
        if (!r.problems().isEmpty()) {
            throw new IllegalStateException("test site has problems: " + r.problems());
        }
        return r;
    }
}
