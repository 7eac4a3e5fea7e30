package org.cityedge.modbus.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.cityedge.api.field.FoundDevice;
import org.cityedge.api.field.Scan;
import org.cityedge.api.field.Scan.ScanResult;
import org.cityedge.api.field.ScanListener;
import org.cityedge.api.field.ScanRequest;
import org.cityedge.api.field.ScanRequest.LineSetting;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Parity;
import org.cityedge.api.site.Site;
import org.cityedge.modbus.internal.testing.CollectingSink;
import org.cityedge.modbus.internal.testing.LinePty;
import org.cityedge.simulator.Simulator;
import org.cityedge.simulator.junit.SimulatorExtension;
import org.cityedge.site.load.SiteFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scans against the simulator: devices of several profiles at scattered unit ids on a 9600 8E1 RS-485 bus (a socat
 * pty behind a line that carries bytes only at the devices' setting, real wire time) and on Modbus TCP. Only one
 * device per bus is configured in the gateway's site, as on a site being commissioned; it must keep being polled.
 */
class BusScanTest {

    private static final String RTU = "rs485-scan";
    private static final String TCP = "tcp-scan";
    private static final long WAIT_MS = 60_000;
    private static final Map<String, DeviceProfile> PROFILES = SiteFiles.loadProfiles(List.of()).profiles();

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(simulatedSite(), PROFILES).isolated();

    private static final CollectingSink sink = new CollectingSink();
    private static LinePty line;
    private static Path lineDir;
    private static ModbusEngine engine;

    /** unit id -> profile on each bus; delta-dws3 answers no device identification (signature registers only). */
    private static Site simulatedSite() {
        List<DeviceDefinition> devices = List.of(
                device("sl-003", RTU, 3, "saigon-slc-110"), device("ds-017", RTU, 17, "delta-dws3"),
                device("aq-029", RTU, 29, "mekong-aqm6"), device("wl-041", RTU, 41, "dongnai-wl2"),
                device("cab-052", RTU, 52, "saigon-slc-cab3"),
                device("wq-002", TCP, 2, "cuulong-wq5"), device("sl-009", TCP, 9, "saigon-slc-110"),
                device("ds-012", TCP, 12, "delta-dws3"));
        return new Site("scan", "scan-gw", null, "UTC", List.of(
                new BusDefinition(RTU, BusType.SERIAL, "/tmp/" + RTU, 9600, Parity.EVEN, 1, null, 0, 0, 1),
                new BusDefinition(TCP, BusType.TCP, null, 0, null, 1, "127.0.0.1", 15020, 0, 1)), devices);
    }

    private static DeviceDefinition device(String id, String bus, int unit, String profile) {
        return new DeviceDefinition(id, id, bus, unit, profile, null, "scan");
    }

    @BeforeAll
    static void startEngine() throws Exception {
        Simulator sim = SIM.simulator();
        BusDefinition served = sim.site().bus(RTU).orElseThrow();
        lineDir = Files.createTempDirectory("cityedge-scan-line");
        line = LinePty.start(served, lineDir.resolve("gateway-port"));
        BusDefinition gatewaySide = new BusDefinition(RTU, BusType.SERIAL, line.port().toString(), served.baud(),
                served.parity(), served.stopBits(), null, 0, 0, 1);
        // the gateway knows one device per bus; the others are what a technician scans for
        Site gatewaySite = new Site("scan", "scan-gw", null, "UTC",
                List.of(gatewaySide, sim.site().bus(TCP).orElseThrow()),
                sim.site().devices().stream().filter(d -> d.id().equals("sl-003") || d.id().equals("wq-002"))
                        .toList());
        engine = new ModbusEngine(gatewaySite, PROFILES, sink, EngineConfig.defaults().withPeriods(300, 1000, 2000)
                .withBackoff(2, 200, 1000).withWorkers(2, 100)).start();
        sink.await("sl-003 polled", WAIT_MS, CollectingSink.allGood("sl-003"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (line != null) {
            line.close();
        }
        Files.deleteIfExists(lineDir);
    }

    /** Records what the listener hears. */
    private static final class Heard implements ScanListener {
        final List<int[]> progress = new CopyOnWriteArrayList<>();
        final List<FoundDevice> found = new CopyOnWriteArrayList<>();

        @Override
        public void progress(int done, int total, long elapsedMs, long etaMs) {
            progress.add(new int[] {done, total, (int) elapsedMs, (int) etaMs});
        }

        @Override
        public void found(FoundDevice device) {
            found.add(device);
        }
    }

    private static ScanResult await(Scan scan) throws Exception {
        return scan.result().toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    private static FoundDevice at(ScanResult r, int unit) {
        return r.devices().stream().filter(d -> d.unitId() == unit).findFirst()
                .orElseThrow(() -> new AssertionError("unit " + unit + " not found: " + r.devices()));
    }

    @Test
    void anRtuScanFindsEveryDeviceWithItsProfileWhilePollingGoesOn() throws Exception {
        Heard heard = new Heard();
        int from = sink.batches().size();
        ScanResult r = await(engine.scan(new ScanRequest(RTU, 1, 60, List.of(), 0), heard));
        List<List<Sample>> during = sink.batches().subList(from, sink.batches().size());

        assertThat(r.devices()).extracting(FoundDevice::unitId).containsExactly(3, 17, 29, 41, 52);
        assertThat(r.devices()).extracting(FoundDevice::profileId).containsExactly("saigon-slc-110", "delta-dws3",
                "mekong-aqm6", "dongnai-wl2", "saigon-slc-cab3");
        assertThat(r.devices()).extracting(FoundDevice::identifiedBy).containsExactly("device-identification",
                "signature", "device-identification", "device-identification", "device-identification");
        assertThat(at(r, 3).vendorName()).isEqualTo("Saigon Lighting Controls");
        assertThat(at(r, 3).productCode()).isEqualTo("SLC-110");
        assertThat(at(r, 17).vendorName()).isNull(); // illegal function to 0x2B: present, found by signature
        assertThat(r.devices()).allSatisfy(d -> {
            assertThat(d.bus()).isEqualTo(RTU);
            assertThat(d.lineSetting()).isEqualTo(new LineSetting(9600, Parity.EVEN, 1));
            assertThat(d.responseMicros()).isPositive();
        });
        assertThat(r.asked()).isEqualTo(60);
        assertThat(r.cancelled()).isFalse();
        assertThat(r.absentMicros()).isPositive();

        assertThat(heard.found).extracting(FoundDevice::unitId).containsExactly(3, 17, 29, 41, 52);
        assertThat(heard.progress).hasSize(60);
        assertThat(heard.progress).extracting(p -> p[0]).isSorted().endsWith(60);
        assertThat(heard.progress).allSatisfy(p -> assertThat(p[1]).isEqualTo(60));
        assertThat(heard.progress.get(heard.progress.size() - 1)[3]).isZero(); // nothing left to wait for at the end
        assertThat(heard.progress.get(0)[3]).isPositive();

        // the configured lamp kept being polled, good, between the scan's unit ids
        assertThat(during.stream().filter(CollectingSink.allGood("sl-003"))).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void wrongBaudsAreLeftForTheOneTheDevicesAnswerAndPollingResumes() throws Exception {
        Heard heard = new Heard();
        ScanResult r = await(engine.scan(new ScanRequest(RTU, 1, 20, List.of(new LineSetting(19200, Parity.EVEN, 1),
                new LineSetting(4800, Parity.EVEN, 1), new LineSetting(9600, Parity.EVEN, 1),
                new LineSetting(38400, Parity.EVEN, 1)), 0), heard));

        assertThat(r.devices()).extracting(FoundDevice::unitId).containsExactly(3, 17);
        assertThat(r.devices()).extracting(FoundDevice::profileId).containsExactly("saigon-slc-110", "delta-dws3");
        assertThat(r.devices()).allSatisfy(d -> assertThat(d.lineSetting())
                .isEqualTo(new LineSetting(9600, Parity.EVEN, 1)));
        assertThat(r.asked()).isEqualTo(60); // three settings asked, the fourth never tried
        assertThat(heard.progress.get(0)[1]).isEqualTo(80); // the estimate before a setting answered
        assertThat(heard.progress.get(heard.progress.size() - 1)[1]).isEqualTo(60);

        // the port is back at the bus's own setting: polls are good again
        int from = sink.batches().size();
        sink.await("sl-003 polled after the scan", WAIT_MS, from, CollectingSink.allGood("sl-003"));
    }

    @Test
    void aForeignSettingFirstFindsTheDevicesThatAnswerIt() throws Exception {
        // the bus's own setting is not asked at all when the first (foreign) one is the devices'
        ScanResult r = await(engine.scan(new ScanRequest(RTU, 1, 5, List.of(new LineSetting(4800, Parity.EVEN, 1)),
                0), new Heard()));
        assertThat(r.devices()).isEmpty();
        assertThat(r.asked()).isEqualTo(5);
        int from = sink.batches().size();
        sink.await("sl-003 polled after a foreign sweep", WAIT_MS, from, CollectingSink.allGood("sl-003"));
    }

    @Test
    void aModbusTcpScanFindsItsDevices() throws Exception {
        ScanResult r = await(engine.scan(new ScanRequest(TCP, 1, 15, List.of(new LineSetting(19200, Parity.NONE, 1)),
                0), new Heard()));
        assertThat(r.devices()).extracting(FoundDevice::unitId).containsExactly(2, 9, 12);
        assertThat(r.devices()).extracting(FoundDevice::profileId).containsExactly("cuulong-wq5", "saigon-slc-110",
                "delta-dws3");
        assertThat(r.devices()).extracting(FoundDevice::identifiedBy).containsExactly("device-identification",
                "device-identification", "signature");
        assertThat(r.devices()).allSatisfy(d -> assertThat(d.lineSetting()).isNull());
        assertThat(r.asked()).isEqualTo(15);
    }

    @Test
    void cancelEndsTheScanWithWhatWasFoundAndOneScanABusAtATime() throws Exception {
        AtomicReference<Scan> running = new AtomicReference<>();
        List<Integer> foundUnits = new ArrayList<>();
        Scan scan = engine.scan(new ScanRequest(RTU, 1, 247, List.of(), 0), new ScanListener() {
            @Override
            public void progress(int done, int total, long elapsedMs, long etaMs) {
            }

            @Override
            public void found(FoundDevice device) {
                synchronized (foundUnits) {
                    foundUnits.add(device.unitId());
                }
                if (device.unitId() == 17) {
                    while (running.get() == null) {
                        Thread.onSpinWait(); // the scan may find unit 17 before scan() returned
                    }
                    running.get().cancel();
                }
            }
        });
        running.set(scan);
        assertThatThrownBy(() -> engine.scan(new ScanRequest(RTU, 1, 10, List.of(), 0), new Heard()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already being scanned");

        ScanResult r = await(scan);
        assertThat(r.cancelled()).isTrue();
        assertThat(r.devices()).extracting(FoundDevice::unitId).containsExactly(3, 17);
        assertThat(r.asked()).isEqualTo(17); // it stopped after the unit being asked
        // the bus is free again
        assertThat(await(engine.scan(new ScanRequest(RTU, 3, 3, List.of(), 0), new Heard())).devices()).hasSize(1);
    }

    @Test
    void unknownBusesAndBadRequestsAreRefused() {
        assertThat(engine.scannableBuses()).containsExactlyInAnyOrder(RTU, TCP);
        assertThatThrownBy(() -> engine.scan(new ScanRequest("nope", 1, 2, List.of(), 0), new Heard()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> new ScanRequest(RTU, 0, 2, List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.scan(new ScanRequest(RTU, 1, 2, List.of(new LineSetting(0, Parity.NONE, 1)),
                0), new Heard())).isInstanceOf(IllegalArgumentException.class);
    }
}
