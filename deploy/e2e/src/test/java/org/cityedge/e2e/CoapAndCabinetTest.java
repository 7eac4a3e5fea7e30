package org.cityedge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import org.cityedge.simulator.junit.SimulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * CoAP devices and the cabinet's own I/O through the real gateway: NB-IoT lamp nodes read over DTLS (Observe and
 * polling) reach the IOC's telemetry and follow an IOC dim; a push node's SenML and libcoap's coap-client posting as
 * that node reach MQTT, bad posts are refused with the right code; the cabinet contactor (Pi4J mock platform) is
 * switched by the same IOC command as a Modbus cabinet.
 */
class CoapAndCabinetTest {

    private static final Duration LIMIT = Duration.ofSeconds(40);
    private static final Map<String, byte[]> KEYS = Map.of("nl-201", key(1), "nl-202", key(2), "aqn-201", key(3));
    private static final int GATEWAY_PORT = freeUdpPort();

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(Sites.path("tay-ninh-coap.yaml")).isolated()
            .coapKeys(KEYS).coapGateway(URI.create("coaps://127.0.0.1:" + GATEWAY_PORT))
            .pushInterval(Duration.ofSeconds(1));

    private static TestBed bed;
    private static IocCommander operator;
    private static final String CMD = "cityedge/v1/tay-ninh/e2e-gw-02/cmd";

    @BeforeAll
    static void start() throws Exception {
        String gatewaySite = Sites.read(Sites.path("tay-ninh-coap.yaml")) // the lamps are served on free ports
                .replace("coaps://127.0.0.1:15684", "@nl-201@").replace("coaps://127.0.0.1:15685", "@nl-202@")
                .replace("@nl-201@", SIM.simulator().deviceEndpoint("nl-201").uri().toString())
                .replace("@nl-202@", SIM.simulator().deviceEndpoint("nl-202").uri().toString());
        bed = TestBed.start("coap-cabinet", gatewaySite, config -> {
            Path psk = config.dir().resolve("coap-psk.properties");
            StringBuilder keys = new StringBuilder();
            KEYS.forEach((id, k) -> keys.append(id).append('=').append(HexFormat.of().formatHex(k)).append('\n'));
            write(psk, keys.toString());
            psk.toFile().setReadable(false, false); // keys are secrets: owner only, as provisioning writes them
            psk.toFile().setReadable(true, true);
            config.component("org.cityedge.coap", Map.of("bindAddress", "127.0.0.1", "serverPort", GATEWAY_PORT,
                    "pskFile", psk.toAbsolutePath(), "fastPeriodMs", 500, "normalPeriodMs", 1000,
                    "slowPeriodMs", 2000));
            config.component("org.cityedge.cabinet.io", Map.of("provider", "mock", "samplePeriodMs", 1000));
        });
        operator = IocCommander.connect(bed.broker().url());
        Bounded.await("the gateway's birth", LIMIT, () -> !bed.ioc().messages(m -> m.is("state")).isEmpty(),
                bed::diagnostics);
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void lampNodesReadOverDtlsReachTheIocInEveryFormat() {
        for (String point : List.of("dimLevel", "powerState", "gearTemperature", "nodeTemperature")) {
            Bounded.await("nl-201 " + point + " (good) in telemetry", LIMIT,
                    () -> Telemetry.latest(bed.ioc().messages(m -> true), "nl-201", point)
                            .map(v -> "good".equalsIgnoreCase(v.path("quality").asText("good"))).orElse(false),
                    bed::diagnostics);
        }
        assertThat(bed.ioc().schemaProblems()).isEmpty();
    }

    @Test
    void anIocDimReachesTheCoapLampsAndTheyFollow() throws Exception {
        JsonNode reply = call("{\"id\":\"e2e-coap-dim-1\",\"action\":\"dim\",\"target\":{\"group\":\"circuit-c\"},"
                + "\"level\":35}");
        assertThat(reply.path("status").asText()).as(reply.toString()).isEqualTo("ok");
        List<JsonNode> results = StreamSupport.stream(reply.path("results").spliterator(), false).toList();
        assertThat(results).extracting(r -> r.path("device").asText()).containsExactly("nl-201", "nl-202");
        for (JsonNode r : results) {
            assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("ok");
            assertThat(r.path("values").path("dimLevel").asDouble()).as(r.toString()).isEqualTo(35.0);
        }
        assertThat(SIM.simulator().device("nl-201").value("dimLevel")).isEqualTo(35.0);
        assertThat(SIM.simulator().device("nl-202").value("dimLevel")).isEqualTo(35.0);
        Bounded.await("nl-202 dimLevel 35 in telemetry (Observe notification)", LIMIT,
                () -> Telemetry.latest(bed.ioc().messages(m -> true), "nl-202", "dimLevel")
                        .map(v -> v.path("value").asDouble() == 35.0).orElse(false), bed::diagnostics);
    }

    @Test
    void pushedReadingsAndCoapClientPostsReachMqttAndBadPostsAreRefused() throws Exception {
        Bounded.await("aqn-201's pushed pm25 in telemetry", LIMIT,
                () -> Telemetry.has(bed.ioc().messages(m -> true), "aqn-201", "pm25"), bed::diagnostics);

        String pack = "[{\"bn\":\"/3428/0/\",\"n\":\"3\",\"u\":\"ug/m3\",\"v\":777.5}]";
        assertThat(post("aqn-201", KEYS.get("aqn-201"), "110", pack)).contains("2.04");
        Bounded.await("pm25 777.5 posted by coap-client in telemetry", LIMIT,
                () -> bed.ioc().messages(m -> m.is("telemetry") && m.device().equals("aqn-201")).stream()
                        .anyMatch(m -> m.json().toString().contains("777.5")), bed::diagnostics);

        assertThat(post("aqn-201", KEYS.get("aqn-201"), "110", "[{\"n\":")).contains("4.00");
        assertThat(post("aqn-201", KEYS.get("aqn-201"), "0", "42")).contains("4.15");
        assertThat(post("nl-201", KEYS.get("nl-201"), "110", pack)).as("a node the gateway reads").contains("4.04");
        assertThat(post("nl-201", KEYS.get("nl-201"), "110", pack, "aqn-201")).as("another node's identity")
                .contains("4.03");
        assertThat(post("aqn-201", KEYS.get("nl-201"), "110", pack)).as("wrong key: no DTLS session")
                .doesNotContain("2.04");

        long before = bed.ioc().messages(m -> m.is("telemetry") && m.device().equals("aqn-201")).size();
        Bounded.await("aqn-201 still delivered after the refusals", LIMIT,
                () -> bed.ioc().messages(m -> m.is("telemetry") && m.device().equals("aqn-201")).size() > before,
                bed::diagnostics);
    }

    @Test
    void theIocSwitchesTheCabinetContactorThroughGpio() throws Exception {
        for (boolean on : new boolean[] {false, true}) {
            JsonNode reply = call("{\"id\":\"e2e-contactor-" + on + "\",\"action\":\"switch\","
                    + "\"target\":{\"device\":\"cab-io\"},\"on\":" + on + "}");
            assertThat(reply.path("status").asText()).as(reply.toString()).isEqualTo("ok");
            JsonNode result = reply.path("results").get(0);
            assertThat(result.path("values").path("contactorState").asBoolean(!on)).as(result.toString())
                    .isEqualTo(on);
            Bounded.await("cab-io contactorState " + on + " in telemetry", LIMIT,
                    () -> Telemetry.latest(bed.ioc().messages(m -> true), "cab-io", "contactorState")
                            .map(v -> v.path("value").asBoolean(!on) == on).orElse(false), bed::diagnostics);
        }
        assertThat(Telemetry.latest(bed.ioc().messages(m -> true), "cab-io", "doorOpen"))
                .hasValueSatisfying(v -> assertThat(v.path("value").asBoolean(true)).isFalse());
    }

    private static JsonNode call(String command) throws Exception {
        JsonNode reply = operator.call(CMD, command, LIMIT);
        assertThat(Schemas.validate("reply", reply)).as("reply matches the schema: " + reply).isEmpty();
        return reply;
    }

    /** libcoap's DTLS client posting a SenML pack as {@code identity}; returns what it printed (response code). */
    private static String post(String identity, byte[] key, String format, String payload) throws Exception {
        return post(identity, key, format, payload, identity);
    }

    private static String post(String identity, byte[] key, String format, String payload, String node)
            throws Exception {
        Path file = Files.createTempFile("senml-", ".json");
        try {
            Files.writeString(file, payload);
            Process p = new ProcessBuilder("timeout", "20", "coap-client-openssl", "-v", "6", "-B", "10", "-m", "post",
                    "-t", format, "-f", file.toString(), "-u", identity, "-k",
                    new String(key, StandardCharsets.ISO_8859_1),
                    "coaps://127.0.0.1:" + GATEWAY_PORT + "/readings/" + node)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return out;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A printable key (coap-client takes -k as text): 16 ASCII letters, distinct per node. */
    private static byte[] key(int node) {
        return ("tay-ninh-node-" + node + "!").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
