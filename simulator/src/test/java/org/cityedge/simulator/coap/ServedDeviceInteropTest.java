package org.cityedge.simulator.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.cityedge.simulator.Fault;
import org.cityedge.simulator.SimulatedDevice;
import org.cityedge.simulator.Simulator;
import org.cityedge.simulator.Tools;
import org.cityedge.site.load.LoadResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

/** Served SLC-NB1 nodes against the real libcoap client (coap-client-notls and, for DTLS, coap-client-openssl). */
class ServedDeviceInteropTest {

    private static final String NOTLS = Tools.require("coap-client-notls", "apt-get install libcoap3-bin");
    private static final String OPENSSL = Tools.require("coap-client-openssl", "apt-get install libcoap3-bin");
    private static final String KEY = "secret-nl-dtls";

    @TempDir
    static Path tmp;
    static Simulator sim;
    static String plain;
    static String secure;

    @BeforeAll
    static void start() throws IOException {
        LoadResult site = CoapSites.load(tmp, """
                  - {id: nl-plain, bus: nbiot, profile: saigon-slc-nb1, address: "coap://127.0.0.1:5683"}
                  - {id: nl-dtls, bus: nbiot, profile: saigon-slc-nb1, address: "coaps://10.20.0.11:5684"}
                """);
        sim = Simulator.builder().anyFreePorts().observeInterval(Duration.ofMillis(100))
                .coapKeys(Map.of("nl-dtls", KEY.getBytes(StandardCharsets.US_ASCII))).build()
                .start(site.site(), site.profiles());
        plain = sim.deviceEndpoint("nl-plain").uri().toString();
        secure = sim.deviceEndpoint("nl-dtls").uri().toString();
    }

    @AfterAll
    static void stop() {
        sim.stop();
    }

    @AfterEach
    void repair() {
        sim.device("nl-plain").fault(Fault.none()).set("dimLevel", 100).set("powerState", 1);
    }

    @Test
    void theServedAddressIsInTheEffectiveSite() {
        assertThat(secure).startsWith("coaps://127.0.0.1:");
        assertThat(sim.site().devices()).filteredOn(d -> d.id().equals("nl-dtls")).singleElement()
                .satisfies(d -> assertThat(d.address()).isEqualTo(secure));
        assertThat(sim.deviceEndpoint("nl-dtls").toString()).contains("DTLS", secure, "/3311/0/5851");
    }

    @Test
    void getOfASingleResourceReturnsTheModelsValue() throws Exception {
        sim.device("nl-plain").set("dimLevel", 70);
        assertThat(coap(NOTLS, "-m", "get", plain + "/3311/0/5851").out().trim()).isEqualTo("70");
        double node = sim.device("nl-plain").value("nodeTemperature");
        assertThat(Double.parseDouble(coap(NOTLS, "-m", "get", plain + "/3303/0/5700").out().trim()))
                .isCloseTo(node, within(1e-9));
    }

    @Test
    void senmlJsonPackNamesResolveToTheBindingNames() throws Exception {
        sim.device("nl-plain").set("dimLevel", 55);
        String out = coap(NOTLS, "-m", "get", "-A", "110", plain + "/3311/0").out();
        Map<String, JsonNode> records = resolve(new ObjectMapper().readTree(out), "bn", "n");
        assertThat(records).containsOnlyKeys("/3311/0/5850", "/3311/0/5851", "/3311/0/5805", "/3311/0/5820");
        assertThat(records.get("/3311/0/5851").get("v").asDouble()).isEqualTo(55);
        assertThat(records.get("/3311/0/5850").get("vb").asBoolean()).isTrue();
        assertThat(records.get("/3311/0/5851").get("u").asText()).isEqualTo("%");
    }

    @Test
    void senmlCborPackUsesIntegerLabels() throws Exception {
        Path file = tmp.resolve("pack.cbor");
        coap(NOTLS, "-m", "get", "-A", "112", "-o", file.toString(), plain + "/3416/0");
        JsonNode pack = new ObjectMapper(new CBORFactory()).readTree(Files.readAllBytes(file));
        Map<String, JsonNode> records = resolve(pack, "-2", "0");
        assertThat(records).containsOnlyKeys("/3416/0/5", "/3416/0/10", "/3416/0/15", "/3416/0/21");
        assertThat(records.get("/3416/0/5").get("4").isBoolean()).isTrue();
        assertThat(records.get("/3416/0/21").get("2").asDouble())
                .isCloseTo(sim.device("nl-plain").value("gearTemperature"), within(5.0));
    }

    @Test
    void putOfDimLevelDrivesTheModel() throws Exception {
        SimulatedDevice d = sim.device("nl-plain");
        assertThat(d.value("powerFactor")).isCloseTo(0.97, within(1e-9));
        coap(NOTLS, "-m", "put", "-e", "40", plain + "/3311/0/5851");
        assertThat(d.value("dimLevel")).isEqualTo(40);
        assertThat(d.value("powerFactor")).isCloseTo(0.90 + 0.07 * 0.4, within(1e-9));   // the lamp model follows
        assertThat(coap(NOTLS, "-m", "get", plain + "/3311/0/5820").out().trim()).isEqualTo("0.928");
    }

    @Test
    void badWritesAreRefusedWithTheRightCode() throws Exception {
        assertThat(coap(NOTLS, "-m", "put", "-e", "150", plain + "/3311/0/5851").all()).contains("4.00");
        assertThat(coap(NOTLS, "-m", "put", "-e", "dim", plain + "/3311/0/5851").all()).contains("4.00");
        assertThat(coap(NOTLS, "-m", "put", "-e", "3", plain + "/3416/0/15").all()).contains("4.05");
        assertThat(coap(NOTLS, "-m", "get", plain + "/3311/0/9999").all()).contains("4.04");
        assertThat(sim.device("nl-plain").value("dimLevel")).isEqualTo(100);
        assertThat(sim.device("nl-plain").counters().exceptions()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void postOfAOneRecordSenmlPackSwitchesTheLampOff() throws Exception {
        coap(NOTLS, "-m", "post", "-t", "110", "-e", "[{\"bn\":\"/3311/0/\",\"n\":\"5850\",\"vb\":false}]",
                plain + "/3311/0");
        assertThat(sim.device("nl-plain").value("powerState")).isZero();
        assertThat(sim.device("nl-plain").value("powerFactor")).isZero();   // a switched-off lamp draws nothing
        assertThat(coap(NOTLS, "-m", "post", "-t", "110", "-e", "[{\"n\":\"/3311/0/5805\",\"v\":1}]",
                plain + "/3311/0").all()).contains("4.05");
        assertThat(coap(NOTLS, "-m", "post", "-t", "110", "-e", "[{\"n\":\"/3311/0/77\",\"v\":1}]",
                plain + "/3311/0").all()).contains("4.04");
        assertThat(coap(NOTLS, "-m", "post", "-t", "110", "-e", "not json", plain + "/3311/0").all())
                .contains("4.00");
    }

    @Test
    void observersAreNotifiedWhenTheValueChanges() throws Exception {
        SimulatedDevice d = sim.device("nl-plain");
        long before = d.counters().requests();
        Path out = tmp.resolve("observe.out");
        Process p = new ProcessBuilder("timeout", "15", NOTLS, "-m", "get", "-s", "4", "-B", "6",
                plain + "/3311/0/5851").redirectOutput(out.toFile()).redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (d.counters().requests() == before && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300);
            d.set("dimLevel", 25);
            assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        // coap-client prints each notification's payload as it comes, without a separator
        assertThat(Files.readString(out).trim()).startsWith("100").endsWith("25");
    }

    @Test
    void dtlsWithTheRightKeyWorksAndAWrongKeyGetsNothing() throws Exception {
        sim.device("nl-dtls").set("dimLevel", 66);
        assertThat(coap(OPENSSL, "-k", KEY, "-u", "nl-dtls", "-m", "get", secure + "/3311/0/5851").out().trim())
                .isEqualTo("66");
        long requests = sim.device("nl-dtls").counters().requests();
        Tools.Result wrong = coap(OPENSSL, "-k", "wrong-key", "-u", "nl-dtls", "-m", "get", secure + "/3311/0/5851");
        assertThat(wrong.out().lines().map(String::trim)).doesNotContain("66");
        assertThat(sim.device("nl-dtls").counters().requests()).isEqualTo(requests);
        assertThat(coap(NOTLS, "-m", "get", "-B", "2", secure.replace("coaps", "coap") + "/3311/0/5851").out()
                .lines().map(String::trim)).doesNotContain("66");
    }

    @Test
    void anOfflineDeviceDoesNotAnswer() throws Exception {
        SimulatedDevice d = sim.device("nl-plain");
        d.fault(Fault.noAnswer());
        long silenced = d.counters().silenced();
        assertThat(coap(NOTLS, "-m", "get", "-B", "2", plain + "/3311/0/5851").out().lines().map(String::trim))
                .doesNotContain("100");
        assertThat(d.counters().silenced()).isGreaterThan(silenced);
        d.fault(Fault.slow(300));
        assertThat(coap(NOTLS, "-m", "get", plain + "/3311/0/5851").out().trim()).isEqualTo("100");
    }

    /** Records by resolved name (base name label, name label). */
    private static Map<String, JsonNode> resolve(JsonNode pack, String bnLabel, String nLabel) {
        Map<String, JsonNode> out = new HashMap<>();
        String bn = "";
        for (JsonNode r : pack) {
            if (r.has(bnLabel)) {
                bn = r.get(bnLabel).asText();
            }
            out.put(bn + (r.has(nLabel) ? r.get(nLabel).asText() : ""), r);
        }
        return out;
    }

    /** One bounded coap-client run. */
    static Tools.Result coap(String client, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("timeout", "20", client));
        if (!List.of(args).contains("-B")) {
            cmd.addAll(List.of("-B", "5"));
        }
        cmd.addAll(List.of(args));
        return Tools.run(cmd, Duration.ofSeconds(25));
    }
}
