package org.cityedge.modbus.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.cityedge.api.field.FoundDevice;
import org.cityedge.api.field.HostScanRequest;
import org.cityedge.api.field.Scan;
import org.cityedge.api.field.Scan.ScanResult;
import org.cityedge.api.field.ScanListener;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.modbus.internal.scan.ScanTiming;
import org.cityedge.modbus.internal.testing.CollectingSink;
import org.cityedge.simulator.junit.SimulatorExtension;
import org.cityedge.site.load.SiteFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Host scans against the simulator's Modbus TCP devices, all on one port: 127.0.0.1 serves three devices (one
 * recognised only by signature), 127.0.0.3 serves one, nothing listens on 127.0.0.2 (connection refused), and
 * 127.0.0.4 accepts connections but never answers (every unit id times out). All of 127/8 is loopback on Linux.
 * The engine has no bus at all: no bus owns these hosts.
 */
class HostScanTest {

    private static final int PORT = freePort();
    private static final long WAIT_MS = 60_000;
    private static final Map<String, DeviceProfile> PROFILES = SiteFiles.loadProfiles(List.of()).profiles();
    private static final List<Integer> UNITS = List.of(12, 2, 9, 1);

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(simulatedSite(), PROFILES).isolated()
            .tcpPort("station-a", PORT).tcpPort("station-c", PORT);

    private static ServerSocket silentHost;
    private static ModbusEngine engine;

    private static Site simulatedSite() {
        return new Site("hosts", "hosts-gw", null, "UTC", List.of(
                new BusDefinition("station-a", BusType.TCP, null, 0, null, 1, "127.0.0.1", PORT, 0, 4),
                new BusDefinition("station-c", BusType.TCP, null, 0, null, 1, "127.0.0.3", PORT, 0, 4)), List.of(
                        device("wq-002", "station-a", 2, "cuulong-wq5"),
                        device("sl-009", "station-a", 9, "saigon-slc-110"),
                        device("ds-012", "station-a", 12, "delta-dws3"),
                        device("aq-001", "station-c", 1, "mekong-aqm6")));
    }

    private static DeviceDefinition device(String id, String bus, int unit, String profile) {
        return new DeviceDefinition(id, id, bus, unit, profile, null, null);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        // the kernel completes the handshake for a listener that never accepts: connects succeed, reads time out
        silentHost = new ServerSocket(PORT, 50, InetAddress.getByName("127.0.0.4"));
        engine = newEngine();
    }

    private static ModbusEngine newEngine() {
        return new ModbusEngine(Site.EMPTY, PROFILES, new CollectingSink(), EngineConfig.defaults()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (silentHost != null) {
            silentHost.close();
        }
    }

    /** Records what the listener hears, and lets a test act on it from the scan's thread. */
    private static final class Heard implements ScanListener {
        final List<long[]> progress = new CopyOnWriteArrayList<>();
        final List<FoundDevice> found = new CopyOnWriteArrayList<>();
        final AtomicReference<Scan> scan = new AtomicReference<>();
        volatile Consumer<Heard> onProgress = h -> { };
        volatile Consumer<FoundDevice> onFound = d -> { };

        @Override
        public void progress(int done, int total, long elapsedMs, long etaMs) {
            progress.add(new long[] {done, total, elapsedMs, etaMs});
            onProgress.accept(this);
        }

        @Override
        public void found(FoundDevice device) {
            found.add(device);
            onFound.accept(device);
        }

        /** The scan, once scanHosts returned (the scan's thread may hear something before that). */
        Scan scan() {
            Instant deadline = Instant.now().plusSeconds(10);
            while (scan.get() == null && Instant.now().isBefore(deadline)) {
                Thread.onSpinWait();
            }
            return scan.get();
        }
    }

    private static Scan scan(HostScanRequest request, Heard heard) {
        Scan scan = engine.scanHosts(request, heard);
        heard.scan.set(scan);
        return scan;
    }

    private static ScanResult await(Scan scan) throws Exception {
        return scan.result().toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    private static long answeringHosts(ScanResult r) {
        return r.devices().stream().map(FoundDevice::address).distinct().count();
    }

    @Test
    void findsTheDevicesOfAnsweringHostsWithTheirProfilesAndCountsTheOthersAbsent() throws Exception {
        Heard heard = new Heard();

        ScanResult r = await(scan(new HostScanRequest("127.0.0.1", "127.0.0.4", PORT, UNITS, 200), heard));

        String a = "127.0.0.1:" + PORT;
        String c = "127.0.0.3:" + PORT;
        assertThat(r.devices()).extracting(FoundDevice::address, FoundDevice::unitId, FoundDevice::profileId,
                FoundDevice::identifiedBy).containsExactly(
                        tuple(a, 2, "cuulong-wq5", "device-identification"),
                        tuple(a, 9, "saigon-slc-110", "device-identification"),
                        tuple(a, 12, "delta-dws3", "signature"),
                        tuple(c, 1, "mekong-aqm6", "device-identification"));
        assertThat(r.devices()).allSatisfy(d -> {
            assertThat(d.bus()).isNull();
            assertThat(d.lineSetting()).isNull();
            assertThat(d.responseMicros()).isPositive();
        });
        assertThat(r.devices().get(1).vendorName()).isEqualTo("Saigon Lighting Controls");
        assertThat(r.devices().get(2).vendorName()).isNull(); // no 0x2B: found by its signature registers
        assertThat(r.asked()).isEqualTo(4);
        assertThat(r.asked() - answeringHosts(r)).isEqualTo(2); // .2 refuses, .4 never answers
        assertThat(r.absentMicros()).isPositive();
        assertThat(r.cancelled()).isFalse();

        assertThat(heard.found).containsExactlyElementsOf(r.devices());
        assertThat(heard.progress).extracting(p -> p[0]).containsExactly(1L, 2L, 3L, 4L);
        assertThat(heard.progress).allSatisfy(p -> assertThat(p[1]).isEqualTo(4));
        assertThat(heard.progress.get(0)[3]).isPositive();
        assertThat(heard.progress.get(3)[3]).isZero();
    }

    @Test
    void theDefaultUnitIdsAreOneAnd255() throws Exception {
        ScanResult r = await(scan(new HostScanRequest("127.0.0.3", "127.0.0.3", PORT, List.of(), 0), new Heard()));

        assertThat(r.devices()).extracting(FoundDevice::unitId, FoundDevice::profileId)
                .containsExactly(tuple(1, "mekong-aqm6"));
    }

    @Test
    void cancelStopsBetweenUnitIds() throws Exception {
        Heard heard = new Heard();
        heard.onFound = d -> {
            if (d.unitId() == 9) {
                heard.scan().cancel();
            }
        };

        ScanResult r = await(scan(new HostScanRequest("127.0.0.1", "127.0.0.4", PORT, UNITS, 200), heard));

        assertThat(r.cancelled()).isTrue();
        assertThat(r.devices()).extracting(FoundDevice::unitId).containsExactly(2, 9); // 12 never asked
        assertThat(r.asked()).isEqualTo(1);
    }

    @Test
    void cancelStopsBetweenHosts() throws Exception {
        Heard heard = new Heard();
        heard.onProgress = h -> {
            if (h.progress.size() == 2) {
                h.scan().cancel();
            }
        };

        ScanResult r = await(scan(new HostScanRequest("127.0.0.1", "127.0.0.4", PORT, UNITS, 200), heard));

        assertThat(r.cancelled()).isTrue();
        assertThat(r.asked()).isEqualTo(2);
        assertThat(r.devices()).extracting(FoundDevice::unitId).containsExactly(2, 9, 12);
        assertThat(heard.progress).hasSize(2);
    }

    @Test
    void oneHostScanAtATime() throws Exception {
        // the silent host: 40 unit ids of 300 ms each, far longer than this test needs it
        Scan slow = scan(new HostScanRequest("127.0.0.4", "127.0.0.4", PORT,
                IntStream.rangeClosed(1, 40).boxed().toList(), 300), new Heard());

        assertThatThrownBy(() -> engine.scanHosts(new HostScanRequest("127.0.0.2", "127.0.0.2", PORT, List.of(), 0),
                new Heard())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already running");

        slow.cancel();
        ScanResult r = await(slow);
        assertThat(r.cancelled()).isTrue();
        assertThat(r.devices()).isEmpty();
        // the next one may start
        assertThat(await(scan(new HostScanRequest("127.0.0.2", "127.0.0.2", PORT, List.of(), 0), new Heard()))
                .asked()).isEqualTo(1);
    }

    @Test
    void closingTheEngineCutsAWaitingHostScanShortAndEndsItsThread() throws Exception {
        ModbusEngine own = newEngine();
        CountDownLatch accepted = new CountDownLatch(1);
        try (ServerSocket listener = new ServerSocket(PORT, 5, InetAddress.getByName("127.0.0.5"))) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = listener.accept()) { // accepts, never answers
                    accepted.countDown();
                    s.getInputStream().read(); // until the scan closes its side (or the listener closes)
                } catch (IOException e) {
                    // listener closed
                }
            }, "silent-acceptor");
            acceptor.start();
            Scan slow;
            try {
                slow = own.scanHosts(new HostScanRequest("127.0.0.5", "127.0.0.5", PORT, List.of(1, 2),
                        ScanTiming.HOST_SCAN_MAX_TIMEOUT_MS), new Heard());
                assertThat(accepted.await(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                own.close();
            }

            // close() waited for the thread, and the scan ended without waiting out its 10 s read
            assertThat(((HostScan) slow).finished()).isTrue();
            ScanResult r = slow.result().toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(r.cancelled()).isTrue();
            assertThat(r.elapsedMs()).isLessThan(ScanTiming.HOST_SCAN_MAX_TIMEOUT_MS);
            acceptor.join(10_000);
            assertThat(acceptor.isAlive()).isFalse();
        }
        assertThatThrownBy(() -> own.scanHosts(new HostScanRequest("127.0.0.2", "127.0.0.2", PORT, List.of(), 0),
                new Heard())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not running");
    }

    @Test
    void badRangesAreRefusedNamingTheField() {
        assertRefused("::1", "127.0.0.1", 0, "firstHost '::1' is not an IPv4 address");
        assertRefused("localhost", "127.0.0.1", 0, "firstHost 'localhost'");
        assertRefused("10.0.0.1", "10.0.0.256", 0, "lastHost '10.0.0.256'");
        assertRefused("10.0.0.1", "10.0.0", 0, "lastHost '10.0.0'");
        assertRefused("10.0.0.1", "10.0.0.1.1", 0, "lastHost");
        assertRefused("10.0.0.9", "10.0.0.8", 0, "lastHost 10.0.0.8 comes before firstHost 10.0.0.9");
        assertRefused("10.0.0.0", "10.0.4.0", 0, "lastHost: 10.0.0.0..10.0.4.0 is 1025 hosts; one scan covers at most "
                + HostScanRequest.MAX_HOSTS);
        assertRefused("10.0.0.1", "10.0.0.2", -1, "timeoutMs -1");
        assertRefused("10.0.0.1", "10.0.0.2", 60_000, "timeoutMs 60000");
        assertThatThrownBy(() -> new HostScanRequest("10.0.0.1", "10.0.0.2", 502, List.of(256), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unit id 256");
    }

    private static void assertRefused(String first, String last, int timeoutMs, String message) {
        assertThatThrownBy(() -> engine.scanHosts(new HostScanRequest(first, last, 502, List.of(), timeoutMs),
                new Heard())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
