package org.cityedge.site.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.ConfigProblem;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Parity;
import org.cityedge.api.site.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteDocumentTest {

    private static final Map<String, DeviceProfile> PROFILES = SiteFiles.loadProfiles(List.of()).profiles();
    private static final String HEAD = """
            site: test-site
            gatewayId: gw-1
            buses: [{id: rs485, type: serial, port: /dev/ttyUSB0, baud: 9600}]
            devices:
            """;

    private static SiteDocument doc(String devices) {
        return SiteDocument.of("site.yaml", HEAD + devices, PROFILES);
    }

    @Test
    void asWrittenHoldsTheDevicesALoadLeavesOut() {
        SiteDocument d = doc("""
                  - {id: lamp-1, bus: rs485, unitId: 1, profile: saigon-slc-110}
                  - {id: lamp-2, bus: rs485, unitId: 300, profile: saigon-slc-110}
                  - {id: lamp-3, bus: rs485, unitId: 3, profile: acme-missing}
                  - {id: lamp-4, bus: rs485-9, unitId: 4, profile: saigon-slc-110}
                  - {id: lamp-1, bus: rs485, unitId: 5, profile: saigon-slc-110, group: g, name: Five}
                """);

        assertThat(d.loaded().site().devices()).extracting(DeviceDefinition::id).containsExactly("lamp-1");
        assertThat(d.loaded().problems()).hasSize(4);
        assertThat(d.notCarried()).isEmpty();
        assertThat(d.asWritten().orElseThrow().devices()).extracting(DeviceDefinition::id, DeviceDefinition::unitId,
                DeviceDefinition::profile).containsExactly(tuple("lamp-1", 1, "saigon-slc-110"),
                        tuple("lamp-2", 300, "saigon-slc-110"), tuple("lamp-3", 3, "acme-missing"),
                        tuple("lamp-4", 4, "saigon-slc-110"), tuple("lamp-1", 5, "saigon-slc-110"));
        assertThat(d.asWritten().orElseThrow().bus("rs485")).contains(new BusDefinition("rs485", BusType.SERIAL,
                "/dev/ttyUSB0", 9600, Parity.NONE, 1, null, 0, 0, 1));
    }

    @Test
    void theSiteAsWrittenSurvivesTheWriterWithTheSameProblems() {
        SiteDocument d = doc("""
                  - {id: lamp-2, bus: rs485, unitId: 300, profile: saigon-slc-110}
                  - {id: lamp-3, bus: rs485, unitId: 3, profile: acme-missing, location: {latitude: 1, longitude: 2}}
                """);

        SiteDocument again = SiteDocument.of("site.yaml", SiteWriter.toYaml(d.asWritten().orElseThrow()), PROFILES);

        assertThat(again.asWritten()).isEqualTo(d.asWritten());
        assertThat(again.problemsNotIn(d)).isEmpty();
        assertThat(d.problemsNotIn(again)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown field     | {id: x, bus: rs485, unitId: 1, profile: p, colour: red} | devices[0].colour",
        "text for a number | {id: x, bus: rs485, unitId: '1', profile: p}             | devices[0].unitId",
        "unit id zero      | {id: x, bus: rs485, unitId: 0, profile: p}               | devices[0].unitId",
        "no id             | {bus: rs485, unitId: 1, profile: p}                      | devices[0].id",
        "no bus            | {id: x, unitId: 1, profile: p}                           | devices[0].bus",
        "not a mapping     | lamp-1                                                   | devices[0]",
        "bad location      | {id: x, bus: rs485, profile: p, location: {latitude: 99, longitude: 1}} | devices[0].location",
    })
    void anEntryTheRecordsCannotHoldIsNamedInsteadOfDropped(String why, String device, String field) {
        SiteDocument d = doc("  - " + device + "\n");

        assertThat(d.asWritten()).isEmpty();
        assertThat(d.notCarried()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).startsWith("cannot be kept through an edit");
        });
    }

    @Test
    void busTypesMustBeSpelledAsTheSchemaSpellsThem() {
        SiteDocument d = SiteDocument.of("site.yaml", HEAD.replace("type: serial", "type: SERIAL") + "  []\n",
                PROFILES);

        assertThat(d.notCarried()).extracting(ConfigProblem::field).containsExactly("buses[0].type");
    }

    @Test
    void unreadableTextIsNotCarriedAndSaysWhere() {
        SiteDocument d = SiteDocument.of("site.yaml", "site: a\nsite: b\n", PROFILES);

        assertThat(d.loaded().usable()).isFalse();
        assertThat(d.asWritten()).isEmpty();
        assertThat(d.notCarried()).extracting(ConfigProblem::line, ConfigProblem::field)
                .containsExactly(tuple(2, "site"));
    }

    @Test
    void oldProblemsAreRecognisedByDeviceIdWhereverTheDeviceMoved() {
        SiteDocument before = doc("""
                  - {id: lamp-1, bus: rs485, unitId: 1, profile: saigon-slc-110}
                  - {id: lamp-9, bus: rs485, unitId: 9, profile: acme-missing}
                """);
        SiteDocument moved = doc("""
                  - {id: lamp-9, bus: rs485, unitId: 9, profile: acme-missing}
                """);
        SiteDocument renamed = doc("""
                  - {id: lamp-1, bus: rs485, unitId: 1, profile: saigon-slc-110}
                  - {id: lamp-8, bus: rs485, unitId: 9, profile: acme-missing}
                """);
        SiteDocument another = doc("""
                  - {id: lamp-9, bus: rs485, unitId: 9, profile: acme-missing}
                  - {id: lamp-9, bus: rs485, unitId: 10, profile: saigon-slc-110}
                  - {id: lamp-9, bus: rs485, unitId: 11, profile: saigon-slc-110}
                """);

        assertThat(moved.problemsNotIn(before)).isEmpty();
        assertThat(renamed.problemsNotIn(before)).extracting(ConfigProblem::field)
                .containsExactly("devices[1].profile");
        // each old problem excuses one: the two duplicates of lamp-9 are new
        assertThat(another.problemsNotIn(before)).extracting(ConfigProblem::field)
                .containsExactly("devices[1].id", "devices[2].id");
        assertThat(before.problemsNotIn(SiteDocument.none())).hasSize(1);
    }

    @Test
    void theEmptySiteIsTheStartOfAFirstEdit() {
        assertThat(SiteDocument.none().asWritten()).contains(Site.EMPTY);
        assertThat(SiteDocument.none().loaded().problems()).isEmpty();
    }
}
