package org.cityedge.site.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.ConfigProblem;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.GeoPoint;
import org.cityedge.api.site.Parity;
import org.cityedge.api.site.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteLoadTest {

    private static final Map<String, DeviceProfile> PROFILES = SiteFiles.loadProfiles(List.of()).profiles();

    @Test
    void demoSiteLoadsCompletely() {
        LoadResult result = SiteFiles.load(TestFiles.DEMO_SITE, List.of());

        assertThat(result.problems()).isEmpty();
        Site site = result.site();
        assertThat(site.site()).isEqualTo("dong-xoai");
        assertThat(site.gatewayId()).isEqualTo("dx-cab-001");
        assertThat(site.timezone()).isEqualTo("Asia/Ho_Chi_Minh");
        assertThat(site.location()).isEqualTo(new GeoPoint(11.5349, 106.8832));
        assertThat(site.bus("rs485-1")).contains(new BusDefinition("rs485-1", BusType.SERIAL,
                "/tmp/cityedge-demo/rs485-1", 9600, Parity.EVEN, 1, null, 0, 0, 1));
        assertThat(site.bus("env-tcp").orElseThrow().tcpPort()).isEqualTo(15020);
        assertThat(site.bus("legacy-rtu-tcp").orElseThrow().type()).isEqualTo(BusType.RTU_OVER_TCP);
        assertThat(site.devices()).hasSize(17);
        assertThat(site.devices()).filteredOn(d -> d.profile().equals("saigon-slc-110"))
                .extracting(DeviceDefinition::unitId).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(site.device("cab-001").orElseThrow().unitId()).isEqualTo(10);
        assertThat(site.devices()).filteredOn(d -> d.bus().equals("env-tcp"))
                .extracting(DeviceDefinition::profile, DeviceDefinition::unitId)
                .containsExactly(tuple("mekong-aqm6", 1), tuple("cuulong-wq5", 2), tuple("dongnai-wl2", 3));
        assertThat(site.device("wx-001").orElseThrow().profile()).isEqualTo("delta-dws3");
        assertThat(result.profiles()).containsKeys("saigon-slc-110", "saigon-slc-cab3", "delta-dws3");
    }

    @Test
    void siteWithOneBadDeviceLoadsTheOthers() {
        Path file = TestFiles.fixture("sites/one-bad-device.yaml");

        LoadResult result = SiteFiles.loadSite(file, PROFILES);

        assertThat(result.site().devices()).extracting(DeviceDefinition::id).containsExactly("lamp-1", "lamp-3");
        assertThat(result.problems()).extracting(ConfigProblem::file, ConfigProblem::line, ConfigProblem::field)
                .containsExactly(tuple(file.toString(), 7, "devices[1].unitId"));
        assertThat(result.problems().get(0).message()).contains("247");
    }

    @Test
    void coapAndGpioDevicesLoadBesideModbusAndMisplacedFieldsAreNamed() {
        Path file = TestFiles.fixture("sites/mixed-protocols.yaml");

        LoadResult result = SiteFiles.loadSite(file, PROFILES);

        assertThat(result.site().devices()).extracting(DeviceDefinition::id, DeviceDefinition::unitId,
                DeviceDefinition::address).containsExactly(tuple("lamp-1", 1, null),
                        tuple("node-1", 0, "coaps://127.0.0.1:5684"), tuple("aq-1", 0, null), tuple("cab-io", 0, null));
        assertThat(result.site().bus("nbiot").orElseThrow().type()).isEqualTo(BusType.COAP);
        assertThat(result.site().bus("pins").orElseThrow().type()).isEqualTo(BusType.GPIO);
        assertThat(result.problems()).extracting(ConfigProblem::line, ConfigProblem::field).containsExactly(
                tuple(12, "devices[4].unitId"), tuple(13, "devices[5].unitId"), tuple(14, "devices[6].profile"),
                tuple(15, "devices[7].address"), tuple(16, "devices[8].profile"));
        assertThat(result.problems()).extracting(ConfigProblem::message).containsExactly(
                "is required on serial bus 'rs485'; the device is left out",
                "has no meaning on coap bus 'nbiot' (Modbus only); the device is left out",
                "profile 'saigon-slc-nb1' is a coap device and cannot sit on serial bus 'rs485'; the device is left out",
                "has no meaning on serial bus 'rs485' (CoAP only); the device is left out",
                "profile 'saigon-slc-110' is a modbus device and cannot sit on coap bus 'nbiot'; the device is left out");
    }

    @Test
    void duplicateDeviceIdKeepsTheFirst() {
        LoadResult result = SiteFiles.loadSite(TestFiles.fixture("sites/duplicate-device.yaml"), PROFILES);

        assertThat(result.site().devices()).extracting(DeviceDefinition::id, DeviceDefinition::unitId)
                .containsExactly(tuple("lamp-1", 1), tuple("lamp-2", 2));
        assertThat(result.problems()).extracting(ConfigProblem::line, ConfigProblem::field, ConfigProblem::message)
                .containsExactly(tuple(8, "devices[2].id", "device id 'lamp-1' is used twice; this one is left out"));
    }

    @Test
    void deviceWithUnknownProfileIsLeftOut() {
        LoadResult result = SiteFiles.loadSite(TestFiles.fixture("sites/unknown-profile.yaml"), PROFILES);

        assertThat(result.site().devices()).extracting(DeviceDefinition::id).containsExactly("lamp-1");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(10);
            assertThat(p.field()).isEqualTo("devices[1].profile");
            assertThat(p.message()).contains("acme-does-not-exist");
        });
    }

    @Test
    void deviceOnABrokenOrMissingBusOrATakenUnitIsLeftOut() {
        LoadResult result = SiteFiles.loadSite(TestFiles.fixture("sites/bus-problems.yaml"), PROFILES);

        assertThat(result.site().buses()).extracting(BusDefinition::id).containsExactly("rs485");
        assertThat(result.site().devices()).extracting(DeviceDefinition::id).containsExactly("lamp-1");
        assertThat(result.problems()).extracting(ConfigProblem::line, ConfigProblem::field).containsExactly(
                tuple(5, "buses[1].port"), tuple(8, "devices[1].bus"), tuple(9, "devices[2].bus"),
                tuple(10, "devices[3].unitId"));
    }

    @Test
    void yamlSyntaxErrorMakesTheSiteUnusableAndNamesTheLine() {
        Path file = TestFiles.fixture("sites/syntax-error.yaml");

        LoadResult result = SiteFiles.loadSite(file, PROFILES);

        assertThat(result.usable()).isFalse();
        assertThat(result.site()).isNull();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(file.toString());
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).startsWith("not valid YAML").contains("flow mapping");
        });
    }

    @Test
    void unknownTopLevelFieldMakesTheSiteUnusable() {
        LoadResult result = SiteFiles.loadSite(TestFiles.fixture("sites/misspelt-devices.yaml"), PROFILES);

        assertThat(result.site()).isNull();
        assertThat(result.problems()).extracting(ConfigProblem::line, ConfigProblem::field)
                .containsExactly(tuple(5, "devicez"));
    }

    @Test
    void missingSiteFileGivesTheEmptySite(@TempDir Path dir) {
        LoadResult result = SiteFiles.loadSite(dir.resolve("site.yaml"), PROFILES);

        assertThat(result.site()).isSameAs(Site.EMPTY);
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("not found"));
    }

    @Test
    void unknownTimeZoneMakesTheSiteUnusable(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("site.yaml"), "site: s\ngatewayId: g\ntimezone: Asia/Dong_Xoai\n");

        LoadResult result = SiteFiles.loadSite(file, PROFILES);

        assertThat(result.site()).isNull();
        assertThat(result.problems()).extracting(ConfigProblem::line, ConfigProblem::field)
                .containsExactly(tuple(3, "timezone"));
    }

    @Test
    void emptyAndMultiDocumentFilesAreRejected(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        Path two = Files.writeString(dir.resolve("two.yaml"), "site: a\ngatewayId: b\n---\nsite: c\n");

        assertThat(SiteFiles.loadSite(empty, PROFILES).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("empty"));
        assertThat(SiteFiles.loadSite(two, PROFILES).problems()).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(4))
                .satisfies(p -> assertThat(p.message()).contains("one YAML document"));
    }

    @Test
    void deviceWhoseProfileIsBrokenIsLeftOutAndBothAreReported(@TempDir Path dir) throws Exception {
        TestFiles.copy("bad-profiles/forbidden-overlap.yaml", dir);
        Path site = Files.writeString(dir.resolve("site.yml"), """
                site: s
                gatewayId: g
                buses: [{id: b, type: tcp, host: localhost, tcpPort: 502}]
                devices:
                  - {id: ok, bus: b, unitId: 1, profile: mekong-aqm6}
                  - {id: broken, bus: b, unitId: 2, profile: bad-forbidden}
                """);

        LoadResult result = SiteFiles.load(site, List.of(dir));

        assertThat(result.site().devices()).extracting(DeviceDefinition::id).containsExactly("ok");
        assertThat(result.problems()).extracting(ConfigProblem::field)
                .containsExactly("points[1].address", "devices[1].profile");
    }
}
