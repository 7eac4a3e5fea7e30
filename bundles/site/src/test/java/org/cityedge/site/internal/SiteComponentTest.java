package org.cityedge.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component without a framework: a temp dir, a recording publisher, real files and the real watcher. */
class SiteComponentTest {

    private static final String TWO_LAMPS = """
            site: test-site
            gatewayId: gw-1
            buses: [{id: rs485, type: serial, port: /dev/ttyUSB0, baud: 9600}]
            devices:
              - {id: lamp-1, bus: rs485, unitId: 1, profile: saigon-slc-110}
              - {id: lamp-2, bus: rs485, unitId: 2, profile: saigon-slc-110}
            """;

    @TempDir
    Path dir;

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final SiteComponent component = new SiteComponent();
    private boolean started;

    @AfterEach
    void stop() {
        if (started) {
            component.deactivate();
        }
    }

    @Test
    void publishesTheSiteAtStartWithRevisionOne() throws Exception {
        Path file = Files.writeString(dir.resolve("site.yaml"), TWO_LAMPS);

        start(config(file.toString(), 0));

        assertThat(publisher.revisions).containsExactly(1L);
        assertThat(publisher.service.site().devices()).extracting(DeviceDefinition::id)
                .containsExactly("lamp-1", "lamp-2");
        assertThat(publisher.service.profileOf("lamp-1")).hasValueSatisfying(
                p -> assertThat(p.id()).isEqualTo("saigon-slc-110"));
        assertThat(publisher.service.problems()).isEmpty();
    }

    @Test
    void reloadsWhenTheFileChangesAndKeepsTheLastGoodSiteWhenItBreaks() throws Exception {
        Path file = Files.writeString(dir.resolve("site.yaml"), TWO_LAMPS);
        start(config(file.toString(), 1));
        SiteService service = publisher.service;

        edit(file, TWO_LAMPS + "  - {id: lamp-3, bus: rs485, unitId: 3, profile: saigon-slc-110}\n");
        awaitTrue(() -> component.revision() == 2);
        assertThat(service.site().devices()).hasSize(3);

        edit(file, "site: test-site\ngatewayId: [broken\n");
        awaitTrue(() -> !service.problems().isEmpty());
        assertThat(component.revision()).isEqualTo(2);
        assertThat(service.site().devices()).hasSize(3);
        assertThat(service.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(2));

        Files.delete(file);
        awaitTrue(() -> component.revision() == 3);
        assertThat(service.site()).isEqualTo(Site.EMPTY);
        assertThat(publisher.revisions).containsExactly(1L, 2L, 3L);
        assertThat(publisher.service).isSameAs(service);
    }

    @Test
    void reloadsWhenAnExtraProfileChanges() throws Exception {
        Path profiles = Files.createDirectory(dir.resolve("profiles"));
        Path file = Files.writeString(dir.resolve("site.yaml"), TWO_LAMPS.replace("saigon-slc-110", "local-lamp"));
        start(new TestSiteConfig(file.toString(), new String[] {profiles.toString()}, 1));
        assertThat(publisher.service.site().devices()).isEmpty();

        Path profile = profiles.resolve("local-lamp.yaml");
        Files.writeString(profile, """
                id: local-lamp
                vendor: Local
                model: L-1
                kind: streetlight-controller
                points:
                  - {name: dimLevel, table: holding, address: 0, type: uint16, access: read-write}
                """);
        awaitTrue(() -> component.revision() == 2);

        assertThat(publisher.service.site().devices()).hasSize(2);
        assertThat(publisher.service.profiles().get("local-lamp").source()).isEqualTo(profile.toString());
    }

    @Test
    void unchangedFilesDoNotBumpTheRevision() throws Exception {
        Path file = Files.writeString(dir.resolve("site.yaml"), TWO_LAMPS);
        start(config(file.toString(), 1));

        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        Thread.sleep(2500);

        assertThat(component.revision()).isEqualTo(1);
    }

    @Test
    void missingSiteFileIsAnEmptySiteNotAFailure() {
        start(config(dir.resolve("nowhere.yaml").toString(), 0));

        assertThat(publisher.revisions).containsExactly(1L);
        assertThat(publisher.service.site()).isEqualTo(Site.EMPTY);
        assertThat(publisher.service.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not found"));
    }

    @Test
    void siteFileDefaultsToTheCityedgeSiteProperty() throws Exception {
        Path file = Files.writeString(dir.resolve("from-property.yaml"), TWO_LAMPS);

        component.start(config("", 0), Map.of(SiteComponent.SITE_FILE_PROPERTY, file.toString())::get, publisher);
        started = true;

        assertThat(publisher.service.site().gatewayId()).isEqualTo("gw-1");
    }

    @Test
    void reconfigurationKeepsTheServiceAndGrowsTheRevision() throws Exception {
        Path first = Files.writeString(dir.resolve("a.yaml"), TWO_LAMPS);
        Path second = Files.writeString(dir.resolve("b.yaml"), TWO_LAMPS.replace("gw-1", "gw-2"));
        start(config(first.toString(), 0));

        component.modified(config(second.toString(), 0));

        assertThat(publisher.revisions).containsExactly(1L, 2L);
        assertThat(publisher.service.site().gatewayId()).isEqualTo("gw-2");
    }

    @Test
    void deactivateWithdrawsTheServiceAndStopsTheWatcher() throws Exception {
        Path file = Files.writeString(dir.resolve("site.yaml"), TWO_LAMPS);
        start(config(file.toString(), 1));
        assertThat(watcherThreads()).isPositive();

        component.deactivate();
        started = false;

        assertThat(publisher.withdrawn).isTrue();
        awaitTrue(() -> watcherThreads() == 0);
    }

    private void start(SiteConfig config) {
        component.start(config, key -> null, publisher);
        started = true;
    }

    private static void edit(Path file, String content) throws Exception {
        Files.writeString(file, content);
        // Make the change visible even on file systems with coarse modification times.
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    }

    private static long watcherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("cityedge-site-watcher") && t.isAlive()).count();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(50);
        }
    }

    private static SiteConfig config(String siteFile, int watchIntervalSeconds) {
        return new TestSiteConfig(siteFile, new String[0], watchIntervalSeconds);
    }
}
