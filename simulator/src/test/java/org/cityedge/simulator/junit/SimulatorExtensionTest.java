package org.cityedge.simulator.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;

import org.cityedge.api.site.BusDefinition;
import org.cityedge.simulator.Simulator;
import org.cityedge.simulator.Tools;
import org.cityedge.site.load.LoadResult;
import org.cityedge.site.load.SiteFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SimulatorExtensionTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(Tools.demoSite()).isolated().seed(3);

    @Test
    void injectsTheSimulatorAndServesTheWholeDemoSite(Simulator simulator) {
        assertThat(simulator).isSameAs(SIM.simulator());
        assertThat(simulator.devices()).hasSize(13);
        assertThat(simulator.warnings()).isEmpty();
        assertThat(simulator.endpoints()).extracting(e -> e.busId())
                .containsExactly("rs485-1", "env-tcp", "legacy-rtu-tcp");
    }

    @Test
    void theServedSiteFileLoadsWithTheServedPortsAndPaths() {
        LoadResult loaded = SiteFiles.load(SIM.siteFile(), List.of());
        assertThat(loaded.problems()).isEmpty();
        BusDefinition serial = loaded.site().bus("rs485-1").orElseThrow();
        assertThat(serial.port()).isEqualTo(SIM.simulator().bus("rs485-1").endpoint().path().toString());
        assertThat(Files.isSymbolicLink(SIM.simulator().bus("rs485-1").endpoint().path())).isTrue();
        assertThat(loaded.site().bus("env-tcp").orElseThrow().tcpPort())
                .isEqualTo(SIM.simulator().bus("env-tcp").endpoint().port()).isNotEqualTo(15020);
        assertThat(loaded.site().devices()).hasSize(13);
    }

    @Test
    void simulationTimeCanJumpAhead() {
        var lamp = SIM.simulator().device("sl-007");
        double before = lamp.value("activeEnergy");
        SIM.simulator().advance(java.time.Duration.ofHours(2));
        assertThat(lamp.value("activeEnergy") - before).isBetween(0.239, 0.241);   // 120 W for 2 h
        assertThat(lamp.value("operatingHours")).isGreaterThanOrEqualTo(2);
    }
}
