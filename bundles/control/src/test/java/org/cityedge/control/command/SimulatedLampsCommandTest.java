package org.cityedge.control.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.cityedge.api.control.DocumentVerifier;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.control.PolicyDocumentHandler;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.SiteService;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.control.FieldRouter;
import org.cityedge.control.SystemTimers;
import org.cityedge.control.arbiter.ArbiterSettings;
import org.cityedge.control.arbiter.PointArbiter;
import org.cityedge.control.testing.DemoSite;
import org.cityedge.control.testing.MqttSchemas;
import org.cityedge.control.testing.RecordingOutbox;
import org.cityedge.modbus.internal.engine.EngineConfig;
import org.cityedge.modbus.internal.engine.ModbusEngine;
import org.cityedge.simulator.Simulator;
import org.cityedge.simulator.junit.SimulatorExtension;
import org.cityedge.site.load.SiteFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Commands to real (simulated) devices: the demo site served by the simulator (lamps and cabinet on an RS-485 pty
 * at 9600 baud with real wire time), polled and written by the Modbus engine outside OSGi, driven through the
 * arbiter, which also watches the engine's samples for drift.
 */
class SimulatedLampsCommandTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(DemoSite.FILE).isolated();

    private static final long WAIT_MS = 30_000;
    private static Simulator simulator;
    private static ModbusEngine engine;
    private static SystemTimers timers;
    private static PointArbiter arbiter;
    private static CommandService commands;

    @BeforeAll
    static void start() throws Exception {
        simulator = SIM.simulator();
        Map<String, DeviceProfile> profiles = SiteFiles.loadProfiles(List.of()).profiles();
        SiteService site = new DemoSite(simulator.site(), profiles);
        List<FieldDevices> drivers = new CopyOnWriteArrayList<>();
        timers = new SystemTimers("control-test");
        arbiter = new PointArbiter(new FieldRouter(() -> drivers), () -> site,
                new ArbiterSettings(1_000, 3, 10_000, 10_000), timers, timers, () -> null);
        engine = new ModbusEngine(simulator.site(), profiles, arbiter, EngineConfig.defaults()
                .withPeriods(500, 1000, 2000).withBackoff(2, 200, 1000).withWorkers(2, 200)).start();
        drivers.add(engine);
        RecordingOutbox outbox = new RecordingOutbox();
        ControlServices services = new ControlServices() {
            public SiteService site() {
                return site;
            }

            public PointControl pointControl() {
                return arbiter;
            }

            public FieldRouter fields() {
                return new FieldRouter(() -> drivers);
            }

            public DocumentVerifier verifier() {
                return null;
            }

            public List<PolicyDocumentHandler> policyHandlers() {
                return List.of();
            }

            public Outbox outbox() {
                return outbox;
            }
        };
        commands = new CommandService(services, new MemoryJournal(100), new CommandSettings(3600_000, 20_000),
                System::currentTimeMillis);
    }

    @AfterAll
    static void stop() {
        engine.close();
        arbiter.close();
        timers.close();
    }

    private static JsonNode send(String json) throws Exception {
        String reply = commands.handle(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8),
                System.currentTimeMillis()).toCompletableFuture().get(60, TimeUnit.SECONDS);
        return MqttSchemas.assertValidReply(reply);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + WAIT_MS + " ms");
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aGroupDimSetsEverySimulatedLampAndRepliesWithEachReadBack() throws Exception {
        List<String> circuit = List.of("sl-005", "sl-006", "sl-007", "sl-008");
        circuit.forEach(id -> assertThat(simulator.device(id).value("dimLevel")).isNotEqualTo(35.0));

        JsonNode reply = send("{'id':'sim-1','action':'dim','target':{'group':'circuit-b'},'level':35}");

        assertThat(reply.get("status").asText()).as(reply.toString()).isEqualTo("ok");
        assertThat(Harness.ids(reply)).containsExactlyElementsOf(circuit);
        for (JsonNode r : reply.get("results")) {
            assertThat(r.get("values").get("dimLevel").asDouble()).isEqualTo(35.0);
        }
        circuit.forEach(id -> assertThat(simulator.device(id).value("dimLevel")).as(id).isEqualTo(35.0));
        assertThat(simulator.device("sl-001").value("dimLevel")).isNotEqualTo(35.0);
    }

    @Test
    void switchingTheCabinetOffOpensItsContactor() throws Exception {
        JsonNode reply = send("{'id':'sim-2','action':'switch','target':{'device':'cab-001'},'on':false,"
                + "'durationS':60}");
        assertThat(reply.get("status").asText()).as(reply.toString()).isEqualTo("ok");
        assertThat(reply.get("results").get(0).get("values").get("contactorState").asBoolean()).isFalse();
        assertThat(simulator.device("cab-001").value("contactorState")).isEqualTo(0.0);
        send("{'id':'sim-3','action':'switch','target':{'device':'cab-001'},'on':true,'durationS':60}");
        assertThat(simulator.device("cab-001").value("contactorState")).isEqualTo(1.0);
    }

    @Test
    void aLampThatRebootsIntoItsDefaultIsSetRightFromItsPolledValue() throws Exception {
        send("{'id':'sim-4','action':'dim','target':{'device':'sl-002'},'level':20}");
        assertThat(simulator.device("sl-002").value("dimLevel")).isEqualTo(20.0);
        simulator.device("sl-002").set("dimLevel", 100); // what a power cycle does to the driver
        await("sl-002 dimmed back to 20 by the drift watch", () -> simulator.device("sl-002").value("dimLevel")
                == 20.0);
    }
}
