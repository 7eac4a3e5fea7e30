package org.cityedge.site.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Parity;
import org.cityedge.api.site.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteWriterTest {

    @Test
    void writtenSiteReadsBackEqual(@TempDir Path dir) throws Exception {
        Site demo = SiteFiles.load(TestFiles.DEMO_SITE, List.of()).site();
        Path file = dir.resolve("site.yaml");

        SiteWriter.write(demo, file);
        LoadResult again = SiteFiles.load(file, List.of());

        assertThat(again.problems()).isEmpty();
        assertThat(again.site()).isEqualTo(demo);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void namesThatLookLikeOtherTypesStayStrings(@TempDir Path dir) {
        Site site = new Site("s", "g", null, "UTC",
                List.of(new BusDefinition("b", BusType.SERIAL, "/dev/ttyS0", 19200, Parity.NONE, 2, null, 0, 0, 1)),
                List.of(new DeviceDefinition("d1", "on", "b", 1, "saigon-slc-110", null, "1.5"),
                        new DeviceDefinition("d2", "Lamp: 2 # north", "b", 2, "saigon-slc-110", null, null)));
        Path file = dir.resolve("site.yaml");

        SiteWriter.write(site, file);

        assertThat(SiteFiles.load(file, List.of()).site()).isEqualTo(site);
    }

    @Test
    void defaultsAreLeftOut() {
        Site site = new Site("s", "g", null, "UTC",
                List.of(new BusDefinition("b", BusType.TCP, null, 0, null, 0, "10.0.0.5", 502, 0, 1)),
                List.of(new DeviceDefinition("d1", null, "b", 1, "mekong-aqm6", null, null)));

        String yaml = SiteWriter.toYaml(site);

        assertThat(yaml).doesNotContain("maxConnections", "interFrameDelayMs", "name:", "location", "parity");
        assertThat(yaml).contains("tcpPort: 502");
    }

    @Test
    void anRtuOverTcpBusKeepsItsLineSettingsAndNothingMeaninglessIsWritten() {
        Site site = new Site("s", "g", null, "UTC", List.of(
                new BusDefinition("legacy", BusType.RTU_OVER_TCP, null, 19200, Parity.EVEN, 2, "10.0.0.6", 4001, 20, 1),
                new BusDefinition("env", BusType.TCP, "/dev/null", 9600, Parity.ODD, 0, "10.0.0.5", 502, 0, 2),
                new BusDefinition("nb", BusType.COAP, null, 0, null, 0, null, 0, 0, 1)), List.of());

        String yaml = SiteWriter.toYaml(site);
        Site back = SiteDocument.of("s.yaml", yaml, Map.of()).loaded().site();

        assertThat(back.bus("legacy")).contains(site.buses().get(0));
        assertThat(back.bus("env").orElseThrow().maxConnections()).isEqualTo(2);
        assertThat(back.bus("env").orElseThrow().baud()).isZero();
        assertThat(yaml).doesNotContain("/dev/null", "odd", "stopBits: 0");
    }
}
