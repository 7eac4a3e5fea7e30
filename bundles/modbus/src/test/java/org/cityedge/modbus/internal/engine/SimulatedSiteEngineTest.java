package org.cityedge.modbus.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.modbus.internal.testing.CollectingSink;
import org.cityedge.simulator.Fault;
import org.cityedge.simulator.Simulator;
import org.cityedge.simulator.junit.SimulatorExtension;
import org.cityedge.site.load.SiteFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine against the whole demo site served by the simulator: streetlights and the cabinet on an RS-485 bus
 * (socat pty, jSerialComm, real wire time), sensors on Modbus TCP and one device on RTU over TCP. Faults are
 * injected per device while the rest of its bus must keep being served.
 */
class SimulatedSiteEngineTest {

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(Path.of("../../deploy/demo/site.yaml")).isolated();

    private static final long WAIT_MS = 30_000;

    private static final CollectingSink sink = new CollectingSink();
    private static Simulator simulator;
    private static ModbusEngine engine;

    @BeforeAll
    static void startEngine() {
        simulator = SIM.simulator();
        Map<String, DeviceProfile> profiles = SiteFiles.loadProfiles(List.of()).profiles();
        EngineConfig config = EngineConfig.defaults().withPeriods(500, 1000, 2000).withBackoff(2, 200, 1000)
                .withWorkers(2, 200);
        engine = new ModbusEngine(simulator.site(), profiles, sink, config).start();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @AfterEach
    void clearFaults() {
        simulator.devices().forEach(d -> d.fault(Fault.none()));
        simulator.device("sl-002").failLamp(false);
    }

    private static DeviceHealth awaitHealth(String deviceId, String what, Predicate<DeviceHealth> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        DeviceHealth health = engine.health(deviceId);
        while (!condition.test(health)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(deviceId + " never " + what + " within " + WAIT_MS + " ms: " + health);
            }
            Thread.sleep(50);
            health = engine.health(deviceId);
        }
        return health;
    }

    @Test
    void everyDeviceOfTheSiteIsReadGoodOverAllThreeTransports() throws InterruptedException {
        List<DeviceDefinition> modbus = simulator.site().devices().stream()
                .filter(d -> simulator.site().bus(d.bus()).orElseThrow().type().isModbus()).toList();
        assertThat(modbus).hasSize(13); // the demo's CoAP and GPIO devices belong to other drivers
        for (DeviceDefinition device : modbus) {
            sink.await("all-good samples of " + device.id(), WAIT_MS, CollectingSink.allGood(device.id()));
        }
        for (DeviceDefinition device : modbus) {
            awaitHealth(device.id(), "ONLINE", h -> h.state() == DeviceState.ONLINE);
        }
    }

    @Test
    void aRestartedEngineReopensTheSerialPort() throws InterruptedException {
        // what a configuration change does: the engine closes every port and a new one opens them again
        sink.await("sl-001 read", WAIT_MS, CollectingSink.allGood("sl-001"));
        engine.close();
        startEngine();
        int from = sink.batches().size();
        sink.await("sl-001 read by the restarted engine", WAIT_MS, from, CollectingSink.allGood("sl-001"));
    }

    @Test
    void silentLampGoesOfflineWhileItsNeighboursOnTheSameBusKeepBeingRead() throws InterruptedException {
        sink.await("sl-004 read", WAIT_MS, CollectingSink.allGood("sl-004"));
        simulator.device("sl-003").fault(Fault.noAnswer());

        DeviceHealth silent = awaitHealth("sl-003", "OFFLINE", h -> h.state() == DeviceState.OFFLINE);
        assertThat(silent.errors()).containsKey("timeout");
        long neighbourPolls = engine.health("sl-004").polls();
        awaitHealth("sl-004", "polled on while sl-003 is silent", h -> h.polls() >= neighbourPolls + 5);
        assertThat(engine.health("sl-004").state()).isEqualTo(DeviceState.ONLINE);

        int from = sink.batches().size();
        sink.await("STALE samples of the silent lamp", WAIT_MS, from,
                b -> b.get(0).deviceId().equals("sl-003") && b.stream().allMatch(s -> s.quality() != org.cityedge.api.model.Quality.GOOD));

        simulator.device("sl-003").fault(Fault.none());
        awaitHealth("sl-003", "back ONLINE after its fault cleared", h -> h.state() == DeviceState.ONLINE);
    }

    @Test
    void garbledRepliesAreCountedByKindAndDoNotDisturbOtherDevices() throws InterruptedException {
        simulator.device("sl-005").fault(Fault.corruptCrc());
        simulator.device("wx-001").fault(Fault.truncated());
        simulator.device("aq-001").fault(Fault.exception(4));

        assertThat(awaitHealth("sl-005", "counting CRC errors", h -> h.errors().getOrDefault("crc", 0L) > 0).state())
                .isNotEqualTo(DeviceState.ONLINE);
        DeviceHealth truncated = awaitHealth("wx-001", "counting errors", h -> !h.errors().isEmpty()
                && h.state() != DeviceState.ONLINE);
        assertThat(truncated.errors().keySet()).isNotEmpty();
        DeviceHealth excepting = awaitHealth("aq-001", "counting exception 4",
                h -> h.errors().getOrDefault("exception:4", 0L) > 0);
        assertThat(excepting.state()).isEqualTo(DeviceState.DEGRADED); // it answers, only with an exception

        long wqPolls = engine.health("wq-001").polls();
        long lampPolls = engine.health("sl-006").polls();
        awaitHealth("wq-001", "polled on", h -> h.polls() >= wqPolls + 3 && h.state() == DeviceState.ONLINE);
        awaitHealth("sl-006", "polled on", h -> h.polls() >= lampPolls + 3 && h.state() == DeviceState.ONLINE);
    }

    @Test
    void dimmingIsVerifiedByReadBackAndThePowerFollows() throws Exception {
        List<Sample> before = sink.await("sl-001 power", WAIT_MS, b -> CollectingSink.allGood("sl-001").test(b)
                && CollectingSink.find(b, "activePower").isPresent());
        double fullPower = (Double) CollectingSink.find(before, "activePower").orElseThrow().value();

        WriteResult result = engine.write("sl-001", "dimLevel", 40L).toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(result.ok()).as(String.valueOf(result.error())).isTrue();
        assertThat(((Number) result.readBack()).doubleValue()).isEqualTo(40.0);
        assertThat(simulator.device("sl-001").value("dimLevel")).isEqualTo(40.0);

        int from = sink.batches().size();
        sink.await("lower power after dimming", WAIT_MS, from, b -> b.get(0).deviceId().equals("sl-001")
                && CollectingSink.find(b, "activePower").map(s -> (Double) s.value() < fullPower * 0.7).orElse(false));
    }

    @Test
    void refusedWritesSayWhyAndTouchNothing() throws Exception {
        WriteResult outOfRange = engine.write("sl-001", "dimLevel", 140L).toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
        WriteResult readOnly = engine.write("sl-001", "activePower", 1.0).toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
        WriteResult unknown = engine.write("sl-999", "dimLevel", 10L).toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(List.of(outOfRange, readOnly, unknown)).allSatisfy(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.error()).isNotBlank();
        });
        assertThat(simulator.device("sl-001").value("dimLevel")).isNotEqualTo(140.0);
    }

    @Test
    void aFailedLampShowsInItsFaultFlags() throws InterruptedException {
        simulator.device("sl-002").failLamp(true);
        int from = sink.batches().size();
        sink.await("lampFailure=true", WAIT_MS, from, b -> b.get(0).deviceId().equals("sl-002")
                && CollectingSink.find(b, "lampFailure").map(s -> Boolean.TRUE.equals(s.value())).orElse(false));
    }
}
