package org.cityedge.modbus.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityedge.modbus.internal.testing.CollectingSink.allGood;
import static org.cityedge.modbus.internal.testing.CollectingSink.find;
import static org.cityedge.modbus.internal.testing.CollectingSink.of;
import static org.cityedge.modbus.internal.testing.CollectingSink.values;
import static org.cityedge.modbus.internal.testing.Points.bitfield;
import static org.cityedge.modbus.internal.testing.Points.coil;
import static org.cityedge.modbus.internal.testing.Points.enumeration;
import static org.cityedge.modbus.internal.testing.Points.holding;
import static org.cityedge.modbus.internal.testing.Points.input;
import static org.cityedge.modbus.internal.testing.Points.limits;
import static org.cityedge.modbus.internal.testing.Points.ordered;
import static org.cityedge.modbus.internal.testing.Points.profile;
import static org.cityedge.modbus.internal.testing.Points.ranged;
import static org.cityedge.modbus.internal.testing.Points.scaled;
import static org.cityedge.modbus.internal.testing.Points.writable;

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
import org.cityedge.api.profile.Endian;
import org.cityedge.api.profile.RegisterTable;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.modbus.internal.testing.CollectingSink;
import org.cityedge.modbus.internal.testing.PymodbusServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The engine against pymodbus over Modbus TCP on loopback. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TcpEngineTest {

    /** Unit 1: a streetlight controller; unit 2: a device with only 2 holding registers. */
    static final String SPEC = """
            {"units": {
              "1": {"hr": [40, 1, 2, 32768, 17255, 57920, 1, 65411],
                    "ir": [2301, 0, 0, 0],
                    "co": [1, 0]},
              "2": {"hr": [7, 8]}
            }}""";

    static final DeviceProfile LAMP = profile("lamp", limits(32, 16, 1000),
            ranged(writable(holding("dimLevel", 0, DataType.UINT16)), 0.0, 100.0),
            writable(enumeration("mode", RegisterTable.HOLDING, 1, Map.of(0L, "off", 1L, "auto", 2L, "manual"))),
            writable(bitfield("controlFlags", RegisterTable.HOLDING, 2, Map.of(0, "manualMode", 1, "testMode"))),
            ordered(holding("ambientTemperature", 3, DataType.FLOAT32), Endian.BIG, Endian.LITTLE),
            ordered(holding("switchCount", 5, DataType.UINT32), Endian.BIG, Endian.LITTLE),
            scaled(holding("gearTemperature", 7, DataType.INT16), 0.1, 0, "Cel"),
            ranged(scaled(input("voltage", 0, DataType.UINT16), 0.1, 0, "V"), 0.0, 300.0),
            writable(coil("powerState", 0)));

    static final DeviceProfile PARTLY_MAPPED = profile("partly", limits(32, 16, 1000),
            holding("present", 0, DataType.UINT16), holding("missing", 50, DataType.UINT16));

    static final EngineConfig FAST = EngineConfig.defaults().withPeriods(200, 400, 800).withBackoff(3, 200, 1000)
            .withWorkers(2, 100);

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() throws Exception {
        PymodbusServer.requirePymodbus();
    }

    static Site site(int port, DeviceDefinition... devices) {
        BusDefinition bus = new BusDefinition("tcp1", BusType.TCP, null, 0, null, 1, "127.0.0.1", port, 0, 1);
        return new Site("test", "gw-test", null, "UTC", List.of(bus), List.of(devices));
    }

    static DeviceDefinition device(String id, int unit, String profile) {
        return new DeviceDefinition(id, id, "tcp1", unit, profile, null, null);
    }

    @Test
    void pollsTheServerAndDecodesEveryPoint() throws Exception {
        CollectingSink sink = new CollectingSink();
        try (PymodbusServer server = PymodbusServer.tcp(dir, SPEC, 0);
                ModbusEngine engine = new ModbusEngine(site(server.port(), device("lamp-1", 1, "lamp")),
                        Map.of("lamp", LAMP), sink, FAST).start()) {
            List<Sample> batch = sink.await("all points good", 15_000, allGood("lamp-1"));

            assertThat(values(batch)).containsEntry("dimLevel", 40L).containsEntry("mode", "auto")
                    .containsEntry("manualMode", false).containsEntry("testMode", true)
                    .containsEntry("ambientTemperature", 231.5).containsEntry("switchCount", 123456L)
                    .containsEntry("voltage", 230.1).containsEntry("powerState", true);
            assertThat((Double) find(batch, "gearTemperature").orElseThrow().value()).isCloseTo(-12.5,
                    org.assertj.core.api.Assertions.within(1e-9));
            assertThat(find(batch, "voltage").orElseThrow().unit()).isEqualTo("V");
            // one request per table: holding 0..7, input 0, coil 0
            assertThat(engine.plans("lamp-1").values().iterator().next().blocks()).hasSize(3);
            DeviceHealth health = engine.health("lamp-1");
            assertThat(health.state()).isEqualTo(DeviceState.ONLINE);
            assertThat(health.lastSeen()).isPositive();
            assertThat(health.errors()).isEmpty();
        }
    }

    @Test
    void writesAreReadBackAndBadInputIsRefusedWithAReason() throws Exception {
        CollectingSink sink = new CollectingSink();
        try (PymodbusServer server = PymodbusServer.tcp(dir, SPEC, 0);
                ModbusEngine engine = new ModbusEngine(site(server.port(), device("lamp-1", 1, "lamp")),
                        Map.of("lamp", LAMP), sink, FAST).start()) {
            sink.await("first poll", 15_000, allGood("lamp-1"));

            WriteResult dim = write(engine, "lamp-1", "dimLevel", 75);
            assertThat(dim.ok()).as(dim.error()).isTrue();
            assertThat(dim.readBack()).isEqualTo(75L);
            assertThat(write(engine, "lamp-1", "powerState", false).readBack()).isEqualTo(false);
            assertThat(write(engine, "lamp-1", "mode", "manual").readBack()).isEqualTo("manual");
            WriteResult bit = write(engine, "lamp-1", "manualMode", true);
            assertThat(bit.ok()).as(bit.error()).isTrue();
            assertThat(bit.readBack()).isEqualTo(true);

            List<Sample> after = sink.await("the written values polled", 10_000,
                    b -> allGood("lamp-1").test(b) && Long.valueOf(75).equals(values(b).get("dimLevel"))
                            && Boolean.TRUE.equals(values(b).get("manualMode")));
            assertThat(values(after)).containsEntry("testMode", true).containsEntry("powerState", false)
                    .containsEntry("mode", "manual");

            assertThat(write(engine, "lamp-1", "dimLevel", 150).error()).contains("[0.0, 100.0]");
            assertThat(write(engine, "lamp-1", "voltage", 1).error()).contains("read-only");
            assertThat(write(engine, "lamp-1", "brightness", 1).error()).contains("no point brightness");
            assertThat(write(engine, "nobody", "dimLevel", 1).error()).contains("no Modbus device nobody");
            assertThat(write(engine, "lamp-1", "controlFlags", 1).error()).contains("bit field");
            assertThat(write(engine, "lamp-1", "dimLevel", "bright").ok()).isFalse();

            List<Sample> now = engine.readNow("lamp-1").toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(values(now)).containsEntry("dimLevel", 75L).containsKey("switchCount");
        }
    }

    @Test
    void anExceptionReplyDegradesOnlyThatDevice() throws Exception {
        CollectingSink sink = new CollectingSink();
        try (PymodbusServer server = PymodbusServer.tcp(dir, SPEC, 0);
                ModbusEngine engine = new ModbusEngine(site(server.port(), device("lamp-1", 1, "lamp"),
                        device("odd-2", 2, "partly")), Map.of("lamp", LAMP, "partly", PARTLY_MAPPED), sink, FAST)
                        .start()) {
            List<Sample> odd = sink.await("a poll of odd-2 with the missing point", 15_000,
                    b -> of("odd-2", "missing").test(b) && find(b, "present").get().quality() == Quality.GOOD);
            Sample missing = find(odd, "missing").orElseThrow();
            assertThat(missing.quality()).isEqualTo(Quality.BAD);
            assertThat(missing.reason()).isEqualTo("exception:2");
            assertThat(find(odd, "present").get().value()).isEqualTo(7L);

            long lampPolls = engine.health("lamp-1").polls();
            sink.await("more good polls of lamp-1", 10_000, allGood("lamp-1"));
            awaitPolls(engine, "lamp-1", lampPolls + 6);

            DeviceHealth oddHealth = engine.health("odd-2");
            assertThat(oddHealth.state()).isEqualTo(DeviceState.DEGRADED);
            assertThat(oddHealth.errors()).containsKey("exception:2");
            assertThat(oddHealth.errors().get("exception:2")).isPositive();
            assertThat(engine.health("lamp-1").state()).isEqualTo(DeviceState.ONLINE);
            assertThat(engine.health("lamp-1").errors()).isEmpty();
        }
    }

    @Test
    void pollingResumesWhenTheServerComesBack() throws Exception {
        CollectingSink sink = new CollectingSink();
        int port = PymodbusServer.freePort();
        PymodbusServer server = PymodbusServer.tcp(dir, SPEC, port);
        try (ModbusEngine engine = new ModbusEngine(site(port, device("lamp-1", 1, "lamp")), Map.of("lamp", LAMP),
                sink, FAST).start()) {
            sink.await("first poll", 15_000, allGood("lamp-1"));
            server.close();

            List<Sample> stale = sink.await("stale samples", 10_000,
                    b -> of("lamp-1", "dimLevel").test(b) && b.stream().allMatch(s -> s.quality() == Quality.STALE));
            assertThat(find(stale, "dimLevel").get().value()).isEqualTo(40L);
            assertThat(find(stale, "dimLevel").get().reason()).isIn("io", "timeout", "bus-down");
            awaitState(engine, "lamp-1", DeviceState.OFFLINE);

            int before = sink.batches().size();
            server = PymodbusServer.tcp(dir, SPEC, port);
            sink.await("good samples again", 20_000, before, allGood("lamp-1"));
            awaitState(engine, "lamp-1", DeviceState.ONLINE);
            assertThat(engine.health("lamp-1").errors()).isNotEmpty().containsOnlyKeys(
                    engine.health("lamp-1").errors().keySet().stream()
                            .filter(k -> List.of("io", "timeout", "bus-down").contains(k)).toList());
        } finally {
            server.close();
        }
    }

    static WriteResult write(ModbusEngine engine, String device, String point, Object value) throws Exception {
        return engine.write(device, point, value).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static void awaitPolls(ModbusEngine engine, String device, long polls) throws InterruptedException {
        for (int i = 0; i < 1000 && engine.health(device).polls() < polls; i++) {
            Thread.sleep(20);
        }
        assertThat(engine.health(device).polls()).isGreaterThanOrEqualTo(polls);
    }

    static void awaitState(ModbusEngine engine, String device, DeviceState state) throws InterruptedException {
        for (int i = 0; i < 1000 && engine.health(device).state() != state; i++) {
            Thread.sleep(20);
        }
        assertThat(engine.health(device).state()).isEqualTo(state);
    }
}
