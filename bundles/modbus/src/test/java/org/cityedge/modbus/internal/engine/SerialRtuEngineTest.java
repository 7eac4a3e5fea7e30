package org.cityedge.modbus.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityedge.modbus.internal.engine.TcpEngineTest.LAMP;
import static org.cityedge.modbus.internal.engine.TcpEngineTest.SPEC;
import static org.cityedge.modbus.internal.engine.TcpEngineTest.awaitState;
import static org.cityedge.modbus.internal.engine.TcpEngineTest.write;
import static org.cityedge.modbus.internal.testing.CollectingSink.allGood;
import static org.cityedge.modbus.internal.testing.CollectingSink.find;
import static org.cityedge.modbus.internal.testing.CollectingSink.of;
import static org.cityedge.modbus.internal.testing.CollectingSink.values;
import static org.cityedge.modbus.internal.testing.Points.holding;
import static org.cityedge.modbus.internal.testing.Points.limits;
import static org.cityedge.modbus.internal.testing.Points.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Parity;
import org.cityedge.api.site.Site;
import org.cityedge.modbus.internal.testing.CollectingSink;
import org.cityedge.modbus.internal.testing.PtyPair;
import org.cityedge.modbus.internal.testing.PymodbusServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The engine reading Modbus RTU through jSerialComm on one end of a socat pty pair, pymodbus on the other. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SerialRtuEngineTest {

    /** A unit id nobody answers on the line, with a short timeout. */
    static final DeviceProfile SILENT = profile("silent", limits(32, 16, 200), holding("anything", 0,
            DataType.UINT16));

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() throws Exception {
        PymodbusServer.requirePymodbus();
        org.cityedge.modbus.internal.testing.ExternalProcess.require(PtyPair.SOCAT, "make a pty pair");
    }

    static Site site(Path port, DeviceDefinition... devices) {
        BusDefinition bus = new BusDefinition("rs485-1", BusType.SERIAL, port.toString(), 9600, Parity.NONE, 1, null,
                0, 0, 1);
        return new Site("test", "gw-test", null, "UTC", List.of(bus), List.of(devices));
    }

    static DeviceDefinition device(String id, int unit, String profile) {
        return new DeviceDefinition(id, id, "rs485-1", unit, profile, null, null);
    }

    @Test
    void readsAndWritesThroughASerialPort() throws Exception {
        CollectingSink sink = new CollectingSink();
        try (PtyPair pty = PtyPair.open(dir);
                PymodbusServer server = PymodbusServer.serial(dir, SPEC, pty.b());
                ModbusEngine engine = new ModbusEngine(site(pty.a(), device("lamp-1", 1, "lamp")),
                        Map.of("lamp", LAMP), sink, TcpEngineTest.FAST).start()) {
            List<Sample> batch = sink.await("all points good over RTU", 20_000, allGood("lamp-1"));

            assertThat(values(batch)).containsEntry("dimLevel", 40L).containsEntry("switchCount", 123456L)
                    .containsEntry("ambientTemperature", 231.5).containsEntry("voltage", 230.1)
                    .containsEntry("powerState", true);
            WriteResult dim = write(engine, "lamp-1", "dimLevel", 12);
            assertThat(dim.ok()).as(dim.error()).isTrue();
            assertThat(dim.readBack()).isEqualTo(12L);
            assertThat(server.isAlive()).isTrue();
        }
    }

    @Test
    void aSilentUnitGoesOfflineWithoutSlowingItsNeighbour() throws Exception {
        CollectingSink sink = new CollectingSink();
        EngineConfig config = EngineConfig.defaults().withPeriods(250, 250, 250).withBackoff(3, 250, 1000)
                .withWorkers(1, 0);
        try (PtyPair pty = PtyPair.open(dir);
                PymodbusServer server = PymodbusServer.serial(dir, SPEC, pty.b());
                ModbusEngine engine = new ModbusEngine(site(pty.a(), device("lamp-1", 1, "lamp"),
                        device("ghost-9", 9, "silent")), Map.of("lamp", LAMP, "silent", SILENT), sink, config)
                        .start()) {
            sink.await("lamp-1 answering", 20_000, allGood("lamp-1"));
            awaitState(engine, "ghost-9", DeviceState.OFFLINE);

            DeviceHealth lampBefore = engine.health("lamp-1");
            DeviceHealth ghostBefore = engine.health("ghost-9");
            long started = System.nanoTime();
            Thread.sleep(6000);
            double seconds = (System.nanoTime() - started) / 1e9;
            DeviceHealth lamp = engine.health("lamp-1");
            DeviceHealth ghost = engine.health("ghost-9");

            // the lamp's three requests every 250 ms: a ghost polled at full rate would eat 200 ms of every 250
            long lampTransactions = lamp.polls() - lampBefore.polls();
            long ghostTransactions = ghost.polls() - ghostBefore.polls();
            double expectedLamp = seconds / 0.25 * 3;
            assertThat(lampTransactions).as("lamp transactions in %.1f s", seconds)
                    .isGreaterThan((long) (expectedLamp * 0.6));
            // backed off: at most one retry a second once the cap is reached, not four
            assertThat(ghostTransactions).as("ghost retries in %.1f s", seconds).isLessThan((long) (seconds * 2));
            assertThat(ghostTransactions).as("ghost retried at all").isPositive();
            assertThat(ghost.state()).isEqualTo(DeviceState.OFFLINE);
            assertThat(ghost.errors()).containsKey("timeout");
            assertThat(lamp.state()).isEqualTo(DeviceState.ONLINE);
            assertThat(lamp.errors()).isEmpty();

            List<Sample> ghostBatch = sink.await("ghost samples", 5_000, of("ghost-9", "anything"));
            assertThat(find(ghostBatch, "anything").get().quality()).isEqualTo(Quality.BAD);
            assertThat(find(ghostBatch, "anything").get().reason()).isEqualTo("timeout");
            assertThat(server.isAlive()).isTrue();
        }
    }

    @Test
    void aVanishedPortIsReopenedAndPollingResumes() throws Exception {
        CollectingSink sink = new CollectingSink();
        EngineConfig config = EngineConfig.defaults().withPeriods(200, 400, 800).withBackoff(2, 200, 800);
        PtyPair pty = PtyPair.open(dir);
        PymodbusServer server = PymodbusServer.serial(dir, SPEC, pty.b());
        try (ModbusEngine engine = new ModbusEngine(site(pty.a(), device("lamp-1", 1, "lamp")),
                Map.of("lamp", LAMP), sink, config).start()) {
            sink.await("first poll", 20_000, allGood("lamp-1"));

            // unplug: the pty pair and the device go away
            server.close();
            pty.close();
            int unplugged = sink.batches().size();
            List<Sample> stale = sink.await("stale samples", 10_000, unplugged,
                    b -> of("lamp-1", "dimLevel").test(b) && find(b, "dimLevel").get().quality() == Quality.STALE);
            assertThat(find(stale, "dimLevel").get().value()).isEqualTo(40L);
            sink.await("the bus marked down", 10_000, unplugged,
                    b -> of("lamp-1", "dimLevel").test(b) && "bus-down".equals(find(b, "dimLevel").get().reason()));

            // plug back in: same port path
            pty = PtyPair.open(dir);
            server = PymodbusServer.serial(dir, SPEC, pty.b());
            int replugged = sink.batches().size();
            sink.await("good samples after the port returned", 30_000, replugged, allGood("lamp-1"));
            awaitState(engine, "lamp-1", DeviceState.ONLINE);
        } finally {
            server.close();
            pty.close();
        }
    }
}
