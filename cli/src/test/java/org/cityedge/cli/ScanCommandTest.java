package org.cityedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityedge.cli.Cli.Result;
import org.cityedge.cli.FakeGateway.Reply;
import org.cityedge.cli.FakeGateway.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Scans: the request, polling to the end with progress and found devices, --assign, cancellation and bounds. */
class ScanCommandTest {

    private static final String SLC_1 = "{\"bus\":\"rs485-1\",\"unitId\":1,\"address\":null,\"baud\":9600,"
            + "\"parity\":\"even\",\"stopBits\":1,\"profile\":\"saigon-slc-110\",\"identifiedBy\":"
            + "\"device-identification\",\"vendor\":\"Saigon Lighting\",\"product\":\"SLC-110\",\"responseMicros\":41000}";
    private static final String SLC_5 = SLC_1.replace("\"unitId\":1,", "\"unitId\":5,");
    private static final String SLC_6 = SLC_1.replace("\"unitId\":1,", "\"unitId\":6,");
    private static final String UNKNOWN_10 = "{\"bus\":\"rs485-1\",\"unitId\":10,\"baud\":9600,\"parity\":\"even\","
            + "\"stopBits\":1,\"profile\":null,\"identifiedBy\":\"none\",\"vendor\":null,\"product\":null}";
    private static final String FAST_12 = "{\"bus\":\"rs485-1\",\"unitId\":12,\"baud\":19200,\"parity\":\"none\","
            + "\"stopBits\":1,\"profile\":\"mekong-aqm6\",\"identifiedBy\":\"signature\"}";
    private static final String BUS = "[{\"id\":\"rs485-1\",\"type\":\"serial\",\"scannable\":true,"
            + "\"port\":\"/dev/ttyUSB0\",\"baud\":9600,\"parity\":\"even\",\"stopBits\":1,\"interFrameDelayMs\":0}]";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private FakeGateway gateway;
    private Path token;

    @BeforeEach
    void start() throws IOException {
        gateway = new FakeGateway().token("tok");
        token = Files.writeString(dir.resolve("cli-token"), "tok");
        gateway.answer("POST", "/api/scans", 202, "{\"id\":\"s1\"}");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void pollsUntilDoneAndPrintsEveryFoundDeviceOnce() {
        scanStates(running(0, ""), running(62, SLC_1), running(130, SLC_1 + "," + SLC_5),
                done(247, SLC_1 + "," + SLC_5 + "," + UNKNOWN_10));

        Result r = run("scan", "--bus", "rs485-1", "--auto");

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode request = gateway.only("POST", "/api/scans").json();
        assertThat(request.path("bus").asText()).isEqualTo("rs485-1");
        assertThat(request.path("firstUnit").asInt()).isEqualTo(1);
        assertThat(request.path("lastUnit").asInt()).isEqualTo(247);
        assertThat(request.path("auto").asBoolean()).isTrue();
        assertThat(request.path("lineSettings")).isEmpty();
        assertThat(gateway.requests()).filteredOn(q -> q.path().equals("/api/scans/s1")).hasSize(4)
                .extracting(Request::method).containsOnly("GET");
        assertThat(r.out()).containsPattern("found unit 1 +9600 8E1 +saigon-slc-110 +device-identification +Saigon "
                + "Lighting SLC-110").containsPattern("found unit 5 +9600 8E1 +saigon-slc-110")
                .containsPattern("found unit 10 +9600 8E1 +- +none");
        assertThat(r.out().lines().filter(l -> l.startsWith("found unit 1 "))).hasSize(1);
        assertThat(r.out()).contains("scan rs485-1: 20 % (62/247), 1 found, about")
                .contains("scan rs485-1: 50 % (130/247), 2 found").contains("scan rs485-1: 100 % (247/247), 3 found")
                .contains("3 device(s) found, 2 with a profile");
        assertThat(r.out().indexOf("found unit 1 ")).isLessThan(r.out().indexOf("20 %"));
    }

    @Test
    void fixedLineSettingAndRangeGoInTheRequest() {
        scanStates(done(32, ""));

        Result r = run("scan", "--bus", "rs485-1", "--from", "1", "--to", "32", "--baud", "19200", "--parity", "NONE",
                "--timeout-ms", "150");

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode request = gateway.only("POST", "/api/scans").json();
        assertThat(request.path("lastUnit").asInt()).isEqualTo(32);
        assertThat(request.path("timeoutMs").asInt()).isEqualTo(150);
        assertThat(request.path("auto").asBoolean()).isFalse();
        JsonNode line = request.path("lineSettings").get(0);
        assertThat(line.path("baud").asInt()).isEqualTo(19200);
        assertThat(line.path("parity").asText()).isEqualTo("none");
        assertThat(line.path("stopBits").asInt()).isEqualTo(1);
    }

    @Test
    void assignAddsNewUnitsWithProfilesUnderFreeIds() {
        scanStates(done(247, String.join(",", SLC_1, SLC_5, SLC_6, UNKNOWN_10, FAST_12)));
        gateway.answer("GET", "/api/devices", 200, "[{\"id\":\"sl-001\",\"bus\":\"rs485-1\",\"unitId\":1},"
                + "{\"id\":\"sl-002\",\"bus\":\"env-tcp\",\"unitId\":2}]")
                .answer("GET", "/api/buses", 200, BUS)
                .answer("POST", "/api/devices", 200, "{\"applied\":true,\"problems\":[],\"notes\":[]}");

        Result r = run("scan", "--bus", "rs485-1", "--auto", "--assign", "--group", "circuit-a");

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode body = gateway.only("POST", "/api/devices").json();
        assertThat(body.path("buses")).as("the bus is in use: its setting stays").isEmpty();
        assertThat(body.path("devices")).hasSize(2);
        JsonNode first = body.path("devices").get(0);
        assertThat(first.path("id").asText()).as("sl-001 and sl-002 are taken").isEqualTo("sl-003");
        assertThat(first.path("unitId").asInt()).isEqualTo(5);
        assertThat(first.path("bus").asText()).isEqualTo("rs485-1");
        assertThat(first.path("profile").asText()).isEqualTo("saigon-slc-110");
        assertThat(first.path("group").asText()).isEqualTo("circuit-a");
        assertThat(body.path("devices").get(1).path("id").asText()).isEqualTo("sl-004");
        assertThat(body.path("devices").get(1).path("unitId").asInt()).isEqualTo(6);
        assertThat(r.out()).contains("not assigned: unit 1: already on the site as sl-001")
                .contains("not assigned: unit 10: no profile recognised")
                .contains("not assigned: unit 12: answers at 19200 8N1 but the bus runs 9600 8E1")
                .contains("applied: 2 device(s) on rs485-1");
    }

    @Test
    void assignSwitchesAnUnusedBusToTheSettingItsDevicesAnswer() {
        String fast13 = FAST_12.replace("\"unitId\":12", "\"unitId\":13");
        scanStates(done(247 * 7, String.join(",", SLC_5, FAST_12, fast13)));
        gateway.answer("GET", "/api/devices", 200, "[]").answer("GET", "/api/buses", 200, BUS)
                .answer("POST", "/api/devices", 200, "{\"applied\":true,\"problems\":[],\"notes\":[]}");

        Result r = run("scan", "--bus", "rs485-1", "--auto", "--assign", "--id-prefix", "aq-", "--start", "10");

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode body = gateway.only("POST", "/api/devices").json();
        JsonNode bus = body.path("buses").get(0);
        assertThat(bus.path("id").asText()).isEqualTo("rs485-1");
        assertThat(bus.path("baud").asInt()).isEqualTo(19200);
        assertThat(bus.path("parity").asText()).isEqualTo("none");
        assertThat(bus.path("port").asText()).isEqualTo("/dev/ttyUSB0");
        assertThat(bus.has("scannable")).as("not part of a bus definition").isFalse();
        assertThat(body.path("devices")).extracting(d -> d.path("id").asText()).containsExactly("aq-010", "aq-011");
        assertThat(body.path("devices").get(0).has("group")).isFalse();
        assertThat(r.out()).contains("bus rs485-1 switched to 19200 8N1 (was 9600 8E1)")
                .contains("not assigned: unit 5: answers at 9600 8E1 but the bus runs 19200 8N1");
    }

    @Test
    void refusedAssignmentIsExit1WithTheProblems() {
        scanStates(done(247, SLC_5));
        gateway.answer("GET", "/api/devices", 200, "[]").answer("GET", "/api/buses", 200, BUS)
                .answer("POST", "/api/devices", 422, "{\"applied\":false,\"problems\":[{\"field\":"
                        + "\"site.yaml:40: devices[12].profile\",\"message\":\"unknown profile saigon-slc-110\"}],"
                        + "\"notes\":[]}");

        Result r = run("scan", "--bus", "rs485-1", "--assign");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("site.yaml:40: devices[12].profile: unknown profile saigon-slc-110");
    }

    @Test
    void hostScanRequestAndFoundAddresses() {
        scanStates(done(62, "{\"bus\":null,\"unitId\":1,\"address\":\"10.0.0.12:1502\",\"profile\":\"mekong-aqm6\","
                + "\"identifiedBy\":\"signature\"}"));

        Result r = run("scan", "--hosts", "10.0.0.10-10.0.0.40", "--port", "1502", "--units", "1,2");

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode hosts = gateway.only("POST", "/api/scans").json().path("hosts");
        assertThat(hosts.path("first").asText()).isEqualTo("10.0.0.10");
        assertThat(hosts.path("last").asText()).isEqualTo("10.0.0.40");
        assertThat(hosts.path("port").asInt()).isEqualTo(1502);
        assertThat(hosts.path("unitIds")).extracting(JsonNode::asInt).containsExactly(1, 2);
        assertThat(r.out()).containsPattern("found 10.0.0.12:1502 unit 1 +mekong-aqm6 +signature");
    }

    @Test
    void jsonPrintsTheFinalScanAndKeepsProgressOffStdout() throws IOException {
        scanStates(running(100, SLC_1), done(247, SLC_1));

        Result r = run("--json", "scan", "--bus", "rs485-1");

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode scan = JSON.readTree(r.out());
        assertThat(scan.path("state").asText()).isEqualTo("done");
        assertThat(scan.path("found")).hasSize(1);
        assertThat(r.err()).contains("scan rs485-1: 40 %");
    }

    @Test
    void scanPastItsBoundIsCancelledOnTheGateway() {
        scanStates(running(1, ""));
        gateway.answer("DELETE", "/api/scans/s1", 200, "{\"id\":\"s1\",\"state\":\"cancelled\"}");

        Result r = run("scan", "--bus", "rs485-1", "--max-wait", "1s");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("did not end within 1 s: cancelled on the gateway");
        assertThat(gateway.find("DELETE", "/api/scans/s1")).isPresent();
    }

    @Test
    void aPollThatFailsCancelsTheScanOnTheGatewayQuietly() {
        AtomicInteger polls = new AtomicInteger();
        gateway.answer("GET", "/api/scans/s1", q -> polls.getAndIncrement() == 0
                ? new Reply(200, running(1, "")) : new Reply(404, "{\"error\":\"unknown scan: s1\"}"));
        gateway.answer("DELETE", "/api/scans/s1", 200, "{\"id\":\"s1\",\"state\":\"cancelled\"}");

        Result r = run("scan", "--bus", "rs485-1");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("unknown scan: s1").doesNotContain("cancelled");
        Request cancel = gateway.only("DELETE", "/api/scans/s1");
        assertThat(cancel.header("Authorization")).isEqualTo("Bearer tok");
    }

    @Test
    void aScanThatEndedOnTheGatewayIsNotCancelled() {
        scanStates("{\"id\":\"s1\",\"state\":\"failed\",\"done\":3,\"total\":247,\"found\":[]}");

        run("scan", "--bus", "rs485-1");

        assertThat(gateway.find("DELETE", "/api/scans/s1")).isEmpty();
    }

    @Test
    void failedOrCancelledScanIsExit1() {
        scanStates("{\"id\":\"s1\",\"state\":\"failed\",\"done\":3,\"total\":247,\"found\":[],"
                + "\"error\":\"serial port /dev/ttyUSB0 vanished\"}");
        Result failed = run("scan", "--bus", "rs485-1");
        scanStates("{\"id\":\"s1\",\"state\":\"cancelled\",\"done\":30,\"total\":247,\"found\":[]}");
        Result cancelled = run("scan", "--bus", "rs485-1");

        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.err()).contains("the scan failed: serial port /dev/ttyUSB0 vanished");
        assertThat(cancelled.code()).isEqualTo(1);
        assertThat(cancelled.err()).contains("cancelled on the gateway after 30 of 247");
    }

    @Test
    void wrongCombinationsAreUsageErrorsAndSendNothing() {
        List<String[]> wrong = List.of(new String[] { "scan" },
                new String[] { "scan", "--bus", "b", "--hosts", "10.0.0.1" },
                new String[] { "scan", "--bus", "b", "--auto", "--baud", "9600" },
                new String[] { "scan", "--bus", "b", "--from", "0" },
                new String[] { "scan", "--bus", "b", "--from", "20", "--to", "10" },
                new String[] { "scan", "--bus", "b", "--group", "g" },
                new String[] { "scan", "--bus", "b", "--parity", "mark" },
                new String[] { "scan", "--bus", "b", "--max-wait", "soon" },
                new String[] { "scan", "--hosts", "10.0.0.1-10.0.0.9", "--assign" },
                new String[] { "scan", "--hosts", "10.0.0.0-10.0.8.0" },
                new String[] { "scan", "--hosts", "10.0.0.300" });
        for (String[] args : wrong) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isEqualTo(2);
        }
        assertThat(gateway.requests()).isEmpty();
    }

    /**
     * Ctrl-C (here SIGTERM, which runs the same shutdown hooks) while a scan runs: the CLI process cancels the scan
     * on the gateway before it exits.
     */
    @Test
    void stoppingTheProcessCancelsTheScanOnTheGateway() throws Exception {
        scanStates(running(1, ""));
        gateway.answer("DELETE", "/api/scans/s1", 200, "{\"id\":\"s1\",\"state\":\"cancelled\"}");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Provision.class.getName(), "--gateway", gateway.uri().toString(), "--token-file", token.toString(),
                "scan", "--bus", "rs485-1").redirectErrorStream(true)
                .redirectOutput(dir.resolve("cli.log").toFile()).start();
        try {
            assertThat(gateway.await(q -> q.method().equals("GET") && q.path().equals("/api/scans/s1"),
                    Duration.ofSeconds(30))).as("the CLI polls the scan").isTrue();
            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the CLI exits").isTrue();
            assertThat(gateway.find("DELETE", "/api/scans/s1")).as(Files.readString(dir.resolve("cli.log")))
                    .isPresent();
            assertThat(Files.readString(dir.resolve("cli.log"))).contains("scan s1 cancelled on the gateway");
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The gateway answers these states in turn, then repeats the last. */
    private void scanStates(String... states) {
        AtomicInteger next = new AtomicInteger();
        gateway.answer("GET", "/api/scans/s1",
                q -> new Reply(200, states[Math.min(next.getAndIncrement(), states.length - 1)]));
    }

    private static String running(int done, String found) {
        return "{\"id\":\"s1\",\"bus\":\"rs485-1\",\"state\":\"running\",\"done\":" + done + ",\"total\":247,"
                + "\"elapsedMs\":" + done * 120 + ",\"etaMs\":" + (247 - done) * 120 + ",\"found\":[" + found + "]}";
    }

    private static String done(int total, String found) {
        return "{\"id\":\"s1\",\"bus\":\"rs485-1\",\"state\":\"done\",\"done\":" + total + ",\"total\":" + total
                + ",\"elapsedMs\":29640,\"etaMs\":0,\"found\":[" + found + "]}";
    }

    private Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--gateway", gateway.uri().toString(), "--token-file",
                token.toString()));
        all.addAll(List.of(args));
        return Cli.run(Map.of(), all.toArray(String[]::new));
    }
}
