package org.cityedge.site.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.ConfigProblem;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;
import org.cityedge.site.load.SiteFiles;
import org.cityedge.site.load.SiteWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SiteEditor of the site component on real files in a temp dir, without a framework: the file watcher is off, so
 * whatever the running site shows after a call was reloaded by the call itself.
 */
class SiteEditorTest {

    private static final String TWO_LAMPS = """
            # Cabinet 7, Tran Hung Dao
            site: test-site
            gatewayId: gw-1
            buses: [{id: rs485, type: serial, port: /dev/ttyUSB0, baud: 9600}]
            devices:
              - {id: lamp-1, bus: rs485, unitId: 1, profile: saigon-slc-110}
              - {id: lamp-2, bus: rs485, unitId: 2, profile: saigon-slc-110}
            """;

    /** lamp-9's profile is not installed yet: the running site leaves it out, the file keeps it. */
    private static final String WITH_MISSING_PROFILE = TWO_LAMPS
            + "  - {id: lamp-9, name: Lamp 9, bus: rs485, unitId: 9, profile: acme-future-lamp, group: circuit-b}\n";

    @TempDir
    Path dir;

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final SiteComponent component = new SiteComponent();
    private Path file;

    @AfterEach
    void stop() {
        component.deactivate();
    }

    private void start(String text) throws Exception {
        file = dir.resolve("site.yaml");
        if (text != null) {
            Files.writeString(file, text);
        }
        component.start(new TestSiteConfig(file.toString(), new String[0], 0), key -> null, publisher);
    }

    private static UnaryOperator<Site> adding(DeviceDefinition device) {
        return site -> new Site(site.site(), site.gatewayId(), site.location(), site.timezone(), site.buses(),
                Stream.concat(site.devices().stream(), Stream.of(device)).toList());
    }

    private static DeviceDefinition lamp(String id, String bus, int unit, String profile) {
        return new DeviceDefinition(id, null, bus, unit, profile, null, "circuit-a");
    }

    private SiteService service() {
        return publisher.service;
    }

    private List<String> runningIds() {
        return service().site().devices().stream().map(DeviceDefinition::id).toList();
    }

    @Test
    void anAppliedEditIsOnDiskAndCurrentWhenTheCallReturns() throws Exception {
        start(TWO_LAMPS);

        List<ConfigProblem> problems = component.apply(adding(lamp("lamp-3", "rs485", 3, "saigon-slc-110")));

        assertThat(problems).isEmpty();
        assertThat(publisher.revisions).containsExactly(1L, 2L);
        assertThat(runningIds()).containsExactly("lamp-1", "lamp-2", "lamp-3");
        assertThat(SiteFiles.load(file, List.of()).site()).isEqualTo(service().site());
        assertThat(component.text()).isEqualTo(Files.readString(file)).contains("lamp-3")
                .startsWith("# Written by the cityedge site editor");
        assertThat(dir.resolve("site.yaml.bak")).hasContent(TWO_LAMPS); // the comment survives in the backup
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("site.yaml",
                    "site.yaml.bak"); // no temporary file left behind
        }
    }

    static Stream<Arguments> badEdits() {
        return Stream.of(
                Arguments.of("unit id out of range", adding(lamp("lamp-3", "rs485", 300, "saigon-slc-110")),
                        "devices[2].unitId", "247"),
                Arguments.of("unknown profile", adding(lamp("lamp-3", "rs485", 3, "acme-nothing")),
                        "devices[2].profile", "acme-nothing"),
                Arguments.of("duplicate device id", adding(lamp("lamp-1", "rs485", 3, "saigon-slc-110")),
                        "devices[2].id", "used twice"),
                Arguments.of("unknown bus", adding(lamp("lamp-3", "rs485-9", 3, "saigon-slc-110")),
                        "devices[2].bus", "no bus 'rs485-9'"),
                Arguments.of("unit id taken", adding(lamp("lamp-3", "rs485", 2, "saigon-slc-110")),
                        "devices[2].unitId", "already device 'lamp-2'"),
                Arguments.of("bad gateway id", (UnaryOperator<Site>) s -> new Site(s.site(), "GW 1!", null,
                        s.timezone(), s.buses(), s.devices()), "gatewayId", "pattern"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEdits")
    void aRefusedEditChangesNeitherFileNorSiteAndNamesTheField(String why, UnaryOperator<Site> edit, String field,
            String says) throws Exception {
        start(TWO_LAMPS);
        Site before = service().site();

        List<ConfigProblem> problems = component.apply(edit);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(file.toString());
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.line()).isPositive();
            assertThat(p.message()).contains(says);
        });
        assertThat(file).hasContent(TWO_LAMPS);
        assertThat(dir.resolve("site.yaml.bak")).doesNotExist();
        assertThat(service().site()).isEqualTo(before);
        assertThat(publisher.revisions).containsExactly(1L);
        assertThat(component.refusedChanges()).isEqualTo(1);
    }

    @Test
    void theLineOfARefusedEditIsItsLineInTheTextThatWouldHaveBeenWritten() throws Exception {
        start(TWO_LAMPS);
        UnaryOperator<Site> edit = adding(lamp("lamp-3", "rs485", 300, "saigon-slc-110"));
        String[] wouldBe = ("# header\n" + SiteWriter.toYaml(edit.apply(service().site()))).split("\n");

        ConfigProblem p = component.apply(edit).get(0);

        assertThat(wouldBe[p.line() - 1]).contains("unitId: 300");
        assertThat(p.toString()).startsWith(file + ":" + p.line() + ": devices[2].unitId: ");
    }

    @Test
    void devicesWithABrokenProfileSurviveAnUnrelatedEdit() throws Exception {
        start(WITH_MISSING_PROFILE);
        assertThat(runningIds()).containsExactly("lamp-1", "lamp-2");
        assertThat(service().problems()).extracting(ConfigProblem::field).containsExactly("devices[2].profile");

        // an edit that also moves lamp-9 in the list: its old problem is recognised by id, not position
        List<ConfigProblem> problems = component.apply(site -> new Site(site.site(), site.gatewayId(), null,
                site.timezone(), site.buses(), List.of(site.devices().get(2), lamp("lamp-3", "rs485", 3,
                        "saigon-slc-110"), site.devices().get(0), site.devices().get(1))));

        assertThat(problems).isEmpty();
        assertThat(runningIds()).containsExactly("lamp-3", "lamp-1", "lamp-2");
        Site written = SiteFiles.loadSite(file, service().profiles()).site();
        assertThat(written.devices()).extracting(DeviceDefinition::id).containsExactly("lamp-3", "lamp-1", "lamp-2");
        assertThat(Files.readString(file)).contains("id: lamp-9", "name: Lamp 9", "profile: acme-future-lamp",
                "unitId: 9", "group: circuit-b");
        assertThat(service().problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("devices[0].profile");
            assertThat(p.message()).contains("acme-future-lamp");
        });
    }

    @Test
    void aNewDeviceWithABrokenProfileIsRefusedEvenWhenTheFileHasOneAlready() throws Exception {
        start(WITH_MISSING_PROFILE);

        List<ConfigProblem> problems = component.apply(adding(lamp("lamp-10", "rs485", 10, "acme-future-lamp")));

        assertThat(problems).extracting(ConfigProblem::field).containsExactly("devices[3].profile");
        assertThat(file).hasContent(WITH_MISSING_PROFILE);
    }

    @Test
    void anEditThatRemovesADeviceIsWrittenAndTheDeviceStopsRunning() throws Exception {
        start(TWO_LAMPS);

        assertThat(component.apply(site -> new Site(site.site(), site.gatewayId(), null, site.timezone(),
                site.buses(), site.devices().stream().filter(d -> !d.id().equals("lamp-1")).toList()))).isEmpty();

        assertThat(runningIds()).containsExactly("lamp-2");
    }

    @Test
    void anEditThatChangesNothingWritesNothing() throws Exception {
        start(TWO_LAMPS);

        assertThat(component.apply(UnaryOperator.identity())).isEmpty();

        assertThat(file).hasContent(TWO_LAMPS);
        assertThat(dir.resolve("site.yaml.bak")).doesNotExist();
        assertThat(publisher.revisions).containsExactly(1L);
    }

    @Test
    void aFirstEditWithoutAFileStartsFromTheEmptySite() throws Exception {
        start(null);
        assertThat(component.text()).isEmpty();

        List<ConfigProblem> problems = component.apply(site -> new Site("dong-xoai", "dx-cab-009", null,
                "Asia/Ho_Chi_Minh", List.of(new BusDefinition("env", BusType.TCP, null, 0, null, 0, "10.0.0.5", 502,
                        0, 1)), List.of(lamp("aq-1", "env", 1, "mekong-aqm6"))));

        assertThat(problems).isEmpty();
        assertThat(service().site().gatewayId()).isEqualTo("dx-cab-009");
        assertThat(runningIds()).containsExactly("aq-1");
        assertThat(dir.resolve("site.yaml.bak")).doesNotExist();
        assertThat(component.text()).doesNotContain("stopBits", "baud"); // a TCP bus has no line settings
    }

    @Test
    void anEntryTheEditorCannotCarryRefusesEditsButNotAnImportThatFixesIt() throws Exception {
        String noProfile = TWO_LAMPS + "  - {id: lamp-3, bus: rs485, unitId: 3}\n";
        start(noProfile);

        List<ConfigProblem> problems = component.apply(adding(lamp("lamp-4", "rs485", 4, "saigon-slc-110")));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("devices[2].profile");
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.message()).contains("cannot be kept through an edit");
        });
        assertThat(file).hasContent(noProfile);

        assertThat(component.replace(TWO_LAMPS)).isEmpty();
        assertThat(component.apply(adding(lamp("lamp-4", "rs485", 4, "saigon-slc-110")))).isEmpty();
        assertThat(runningIds()).containsExactly("lamp-1", "lamp-2", "lamp-4");
    }

    @Test
    void replaceKeepsTheTextAsGivenAndReloadsAtOnce() throws Exception {
        start(TWO_LAMPS);
        String imported = TWO_LAMPS.replace("gw-1", "gw-7") + "  # lamp-3 comes next week\n";

        assertThat(component.replace(imported)).isEmpty();

        assertThat(file).hasContent(imported);
        assertThat(dir.resolve("site.yaml.bak")).hasContent(TWO_LAMPS);
        assertThat(service().site().gatewayId()).isEqualTo("gw-7");
        assertThat(publisher.revisions).containsExactly(1L, 2L);
    }

    @Test
    void replaceWithMalformedYamlNamesTheLineAndChangesNothing() throws Exception {
        start(TWO_LAMPS);

        List<ConfigProblem> problems = component.replace("site: test-site\ngatewayId: gw-1\ndevices:\n"
                + "  - {id: lamp-1, bus: rs485, unitId: 1\n");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4); // the mapping that is never closed
            assertThat(p.message()).startsWith("not valid YAML");
        });
        assertThat(file).hasContent(TWO_LAMPS);
        assertThat(publisher.revisions).containsExactly(1L);
    }

    @Test
    void replaceRefusesASiteTheLoaderCouldNotUseAndOversizedText() throws Exception {
        start(TWO_LAMPS);

        assertThat(component.replace(TWO_LAMPS.replace("devices:", "devicez:"))).extracting(ConfigProblem::field)
                .containsExactly("devicez");
        assertThat(component.replace(TWO_LAMPS + "#" + "x".repeat(SiteFileEditor.MAX_TEXT_CHARS)))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("at most"));
        assertThat(file).hasContent(TWO_LAMPS);
        assertThat(component.refusedChanges()).isEqualTo(2);
    }

    @Test
    void checkFindsWhatReplaceWouldRefuseAndWritesNothing() throws Exception {
        start(WITH_MISSING_PROFILE);
        String badUnit = WITH_MISSING_PROFILE.replace("unitId: 2,", "unitId: 300,");
        String imported = WITH_MISSING_PROFILE.replace("gw-1", "gw-7");

        List<ConfigProblem> checked = component.check(badUnit);
        assertThat(checked).extracting(ConfigProblem::field).containsExactly("devices[1].unitId");
        assertThat(component.check("site: test-site\ngatewayId: gw-1\ndevices: [\n"))
                .singleElement().satisfies(p -> assertThat(p.message()).startsWith("not valid YAML"));
        assertThat(component.check(imported)).as("a problem the file already had (lamp-9) refuses nothing").isEmpty();
        assertThat(component.check(imported + "#" + "x".repeat(SiteFileEditor.MAX_TEXT_CHARS))).hasSize(1);

        assertThat(file).hasContent(WITH_MISSING_PROFILE);
        assertThat(dir.resolve("site.yaml.bak")).doesNotExist();
        assertThat(publisher.revisions).containsExactly(1L);
        assertThat(component.refusedChanges()).isEqualTo(3);
        assertThat(component.replace(badUnit)).isEqualTo(checked);
        assertThat(component.replace(imported)).isEmpty();
        assertThat(service().site().gatewayId()).isEqualTo("gw-7");
    }

    @Test
    void concurrentEditsAreSerializedAndNoneIsLost() throws Exception {
        start(TWO_LAMPS);
        int threads = 2;
        int editsEach = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<ConfigProblem>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                for (int e = 0; e < editsEach; e++) {
                    int unit = 10 + t * editsEach + e;
                    results.add(pool.submit(() -> {
                        go.await(10, TimeUnit.SECONDS);
                        return component.apply(adding(lamp("lamp-" + unit, "rs485", unit, "saigon-slc-110")));
                    }));
                }
            }
            go.countDown();
            for (Future<List<ConfigProblem>> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(runningIds()).hasSize(2 + threads * editsEach);
        assertThat(publisher.revisions).hasSize(1 + threads * editsEach).isSorted();
    }

    @Test
    void aDeactivatedEditorRefusesToWork() throws Exception {
        start(TWO_LAMPS);
        component.deactivate();

        assertThatThrownBy(() -> component.apply(UnaryOperator.identity()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(publisher.withdrawn).isTrue();
    }

    @Test
    void problemsOfTheResultListTheirFieldsInFileOrder() throws Exception {
        start(TWO_LAMPS);

        List<ConfigProblem> problems = component.apply(adding(lamp("lamp-3", "nowhere", 3, "saigon-slc-110"))
                .andThen(adding(lamp("lamp-4", "rs485", 0, "saigon-slc-110")))::apply);

        assertThat(problems).extracting(ConfigProblem::field, ConfigProblem::message).containsExactly(
                tuple("devices[2].bus", "no bus 'nowhere' in this file; the device is left out"),
                tuple("devices[3].unitId", "is required on serial bus 'rs485'; the device is left out"));
    }
}
