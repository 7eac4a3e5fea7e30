package org.cityedge.simulator.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.cityedge.api.site.BusDefinition;
import org.cityedge.simulator.Simulator;
import org.cityedge.simulator.Tools;
import org.cityedge.site.load.LoadResult;
import org.cityedge.site.load.SiteFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SimulatorExtensionTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(Tools.demoSite()).isolated().seed(3)
            .coapKeys(Map.of("nl-001", new byte[16], "nl-002", new byte[16], "aqn-001", new byte[16]));

    @Test
    void injectsTheSimulatorAndServesTheWholeDemoSite(Simulator simulator) {
        assertThat(simulator).isSameAs(SIM.simulator());
        assertThat(simulator.devices()).hasSize(16); // 13 Modbus devices, 2 CoAP lamp nodes, 1 push node
        assertThat(simulator.warnings()).as("only the GPIO cabinet (the gateway's own pins) and the push node "
                + "without a gateway").hasSize(3).allMatch(w -> w.contains("cabinet-gpio") || w.contains("aqn-001"));
        assertThat(simulator.endpoints()).extracting(e -> e.busId())
                .containsExactly("rs485-1", "env-tcp", "legacy-rtu-tcp");
        assertThat(simulator.deviceEndpoints()).extracting(e -> e.deviceId())
                .containsExactly("nl-001", "nl-002", "aqn-001");
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
        assertThat(loaded.site().devices()).hasSize(16);
        assertThat(loaded.site().device("nl-001").orElseThrow().address())
                .isEqualTo(SIM.simulator().deviceEndpoint("nl-001").uri().toString()).doesNotEndWith(":15685");
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
