package org.cityedge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.cityedge.simulator.junit.SimulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a technician's typing mistakes do to the real gateway: a device with an unknown profile and one with a unit
 * id already taken are left out, named by file and line in the log, while the good devices reach the IOC; a site
 * file broken on the fly keeps the running revision polling and publishing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadSiteFileTest {

    private static final Set<String> GOOD = Set.of("sl-101", "sl-102", "sl-103", "aq-101");
    private static final Set<String> BAD = Set.of("sl-198", "sl-199");
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(Sites.path(Sites.SAIGON_D1)).isolated();

    private static TestBed bed;

    @BeforeAll
    static void startOnTheBadSite() {
        String site = Sites.read(Sites.path(Sites.SAIGON_D1_BAD));
        for (String bus : List.of("lights-tcp", "env-tcp")) {
            int port = SIM.simulator().site().bus(bus).orElseThrow().tcpPort();
            site = site.replace("${" + bus + "}", Integer.toString(port));
        }
        bed = TestBed.start("bad-site", site);
        Bounded.await("telemetry of every good device", LIMIT, () -> devicesWithTelemetry().containsAll(GOOD),
                bed::diagnostics);
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    @Order(1)
    void eachBadDeviceIsNamedByFileLineAndField() {
        assertThat(bed.gateway().logLines("site.yaml:16: ")).as("the unknown profile, line 16")
                .anySatisfy(l -> assertThat(l).contains("profile").contains("saigon-slc-999"));
        assertThat(bed.gateway().logLines("site.yaml:17: ")).as("the unit id taken twice, line 17")
                .anySatisfy(l -> assertThat(l).contains("unitId").contains("sl-102"));
    }

    @Test
    @Order(2)
    void theGoodDevicesArePublishedAndTheBadOnesLeftOut() {
        assertThat(devicesWithTelemetry()).containsExactlyInAnyOrderElementsOf(GOOD);
        IocMessage birth = bed.ioc().messages(m -> m.is("state") && "online".equals(m.json().path("status")
                .asText())).get(0);
        assertThat(StreamSupport.stream(birth.json().path("devices").spliterator(), false)
                .map(d -> d.path("id").asText()))
                .containsExactlyInAnyOrderElementsOf(GOOD).doesNotContainAnyElementsOf(BAD);
        assertThat(bed.ioc().schemaProblems()).isEmpty();
    }

    @Test
    @Order(3)
    void aSiteFileBrokenWhileRunningKeepsTheRunningRevisionPublishing() {
        bed.config().site("site: saigon-d1\ndevices: [ {id: sl-101, bus: \n"); // saved half-way by an editor
        Bounded.await("the gateway refusing the broken file", LIMIT,
                () -> !bed.gateway().logLines("cannot be used; keeping revision").isEmpty(), bed::diagnostics);
        long refusedNanos = System.nanoTime();
        Bounded.await("telemetry of every good device after the refusal", LIMIT,
                () -> devicesWithTelemetrySince(refusedNanos).containsAll(GOOD), bed::diagnostics);
        assertThat(bed.gateway().alive()).isTrue();
        assertThat(bed.gateway().logLines("site.yaml:").stream().filter(l -> l.contains("WARN")))
                .as("the broken file's problem is logged with its place").isNotEmpty();
    }

    private static Set<String> devicesWithTelemetry() {
        return Set.copyOf(bed.ioc().messages(m -> m.is("telemetry")).stream().map(IocMessage::device).toList());
    }

    private static Set<String> devicesWithTelemetrySince(long nanos) {
        return Set.copyOf(bed.ioc().messages(m -> m.is("telemetry") && m.arrivedNanos() - nanos > 0).stream()
                .map(IocMessage::device).toList());
    }
}
