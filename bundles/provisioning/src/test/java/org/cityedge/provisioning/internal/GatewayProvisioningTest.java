package org.cityedge.provisioning.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.cityedge.api.provision.FieldProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayProvisioningTest {

    @TempDir
    Path root;

    @Test
    void listsManagedPidsInOrderAndRefusesToReadOthers() {
        Gateway gw = Gateway.provisioned(root);
        assertThat(gw.provisioning.managedPids()).isEqualTo(Gateway.MANAGED);
        assertThat(gw.provisioning.settings("org.cityedge.telemetry.log")).containsEntry("enabled", "false")
                .containsEntry("devices", "");
        assertThatThrownBy(() -> gw.provisioning.settings("org.cityedge.rules"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("org.cityedge.uplink.mqtt");
    }

    @Test
    void anEmptyChangeIsRefused() {
        Gateway gw = Gateway.provisioned(root);
        assertThat(gw.provisioning.configure(Map.of()).problems()).extracting(FieldProblem::field)
                .containsExactly("settings");
    }

    @Test
    void aManagedPidWhoseBundleIsMissingIsRefusedByName() {
        // Only the uplink has a Metatype description here, as when the console bundle is not installed.
        GatewayProvisioning provisioning = new GatewayProvisioning(Gateway.MANAGED, new FakeConfigAdmin().admin,
                new TestMetatype().add("org.cityedge.uplink.mqtt"), root.resolve("config"), root.resolve("state"),
                () -> null, () -> null, Clock.systemUTC());
        assertThat(provisioning.configure(Map.of("org.cityedge.console", Map.of("port", "8080"))).problems())
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("org.cityedge.console");
                    assertThat(p.message()).contains("Metatype");
                });
    }
}
