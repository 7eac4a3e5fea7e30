package org.cityedge.simulator.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.cityedge.simulator.Main;
import org.cityedge.simulator.Simulator;
import org.cityedge.simulator.Tools;
import org.cityedge.site.load.LoadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;

/** A site with Modbus TCP and CoAP devices: both served, and nothing left behind after stop. */
class MixedSiteTest {

    private static final String NOTLS = Tools.require("coap-client-notls", "apt-get install libcoap3-bin");
    private static final String OPENSSL = Tools.require("coap-client-openssl", "apt-get install libcoap3-bin");

    @Test
    void servesModbusAndCoapThenStopsCleanly(@TempDir Path tmp) throws Exception {
        Set<String> threadsBefore = threadNames();
        LoadResult site = CoapSites.load(tmp, """
                  - {id: aq-1, bus: env-tcp, unitId: 3, profile: mekong-aqm6}
                  - {id: nl-1, bus: nbiot, profile: saigon-slc-nb1, address: "coaps://127.0.0.1:5684"}
                  - {id: nl-2, bus: nbiot, profile: saigon-slc-nb1, address: "coap://127.0.0.1:5683"}
                  - {id: aqn-1, bus: nbiot, profile: mekong-aqn2}
                """);
        Simulator sim = Simulator.builder().anyFreePorts().coapKeys(Map.of("nl-1", "k1".getBytes()))
                .build().start(site.site(), site.profiles());
        int tcp;
        int coaps;
        int coap;
        try {
            tcp = sim.endpoints().get(0).port();
            coaps = sim.deviceEndpoint("nl-1").uri().getPort();
            coap = sim.deviceEndpoint("nl-2").uri().getPort();
            ModbusTCPMaster m = new ModbusTCPMaster("127.0.0.1", tcp, 1000, false, false);
            m.connect();
            try {
                assertThat(m.readInputRegisters(3, 0, 1)[0].getValue()).isNotNegative();
            } finally {
                m.disconnect();
            }
            assertThat(ServedDeviceInteropTest.coap(OPENSSL, "-k", "k1", "-u", "nl-1", "-m", "get",
                    "coaps://127.0.0.1:" + coaps + "/3311/0/5851").out().trim()).isEqualTo("100");
            assertThat(ServedDeviceInteropTest.coap(NOTLS, "-m", "get",
                    "coap://127.0.0.1:" + coap + "/3311/0/5851").out().trim()).isEqualTo("100");
            assertThat(sim.site().buses()).extracting(b -> b.id()).containsExactly("env-tcp", "nbiot");
            assertThat(sim.site().devices()).extracting(d -> d.id()).containsExactly("aq-1", "nl-1", "nl-2", "aqn-1");
        } finally {
            sim.stop();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Set<String> left = leftOver(threadsBefore);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left = leftOver(threadsBefore);
        }
        assertThat(left).as("threads left after stop").isEmpty();
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", tcp));
        }
        for (int port : new int[] {coap, coaps}) {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                assertThat(s.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void theCommandLinePrintsCoapEndpointsAndTakesAPskFile(@TempDir Path tmp) throws Exception {
        int port = Tools.freePort();
        String yaml = """
                site: coap-cli
                gatewayId: gw-1
                buses:
                  - {id: nbiot, type: coap}
                devices:
                  - {id: nl-1, bus: nbiot, profile: saigon-slc-nb1, address: "coaps://127.0.0.1:%d"}
                  - {id: aqn-1, bus: nbiot, profile: mekong-aqn2}
                """.formatted(port);
        Path siteFile = Files.writeString(tmp.resolve("site.yaml"), yaml);
        Path psk = Files.writeString(tmp.resolve("psk.properties"), "# device keys\nnl-1=6b6579\naqn-1=6b6579\n");
        Path profiles = Path.of(System.getProperty("cityedge.repo", "..")).resolve("device-profiles");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = runner.submit(() -> Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), "--site", siteFile.toString(), "--profiles",
                    profiles.toString(), "--coap-psk-file", psk.toString(), "--coap-gateway", "coaps://127.0.0.1:9",
                    "--push-interval", "1h", "--duration", "4s"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!out.toString(StandardCharsets.UTF_8).contains("simulator ready") && !exit.isDone()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).as(err.toString(StandardCharsets.UTF_8)).contains(
                    "device nl-1: CoAP over DTLS (PSK identity nl-1) on coaps://127.0.0.1:" + port,
                    "device aqn-1: pushes SenML CBOR to coaps://127.0.0.1:9/readings/aqn-1 every 1h",
                    "simulator ready");
            assertThat(ServedDeviceInteropTest.coap(OPENSSL, "-k", "key", "-u", "nl-1", "-m", "get",
                    "coaps://127.0.0.1:" + port + "/3311/0/5850").out().trim()).isEqualTo("1");
            assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
        } finally {
            runner.shutdownNow();
            runner.awaitTermination(10, TimeUnit.SECONDS);
        }
        Files.writeString(psk, "nl-1=not-hex\n");
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertThat(Main.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err2, true),
                "--site", siteFile.toString(), "--profiles", profiles.toString(), "--coap-psk-file", psk.toString(),
                "--duration", "1s")).isEqualTo(2);
        assertThat(err2.toString()).contains("nl-1: the key must be hex digits");
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }

    private static Set<String> leftOver(Set<String> before) {
        Set<String> now = threadNames();
        now.removeAll(before);
        now.removeIf(n -> n.startsWith("ForkJoinPool") || n.startsWith("junit") || n.equals("process reaper"));
        return now;
    }
}
