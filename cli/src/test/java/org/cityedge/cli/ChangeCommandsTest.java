package org.cityedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityedge.cli.Cli.Result;
import org.cityedge.cli.FakeGateway.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** What each changing command sends, and how refusals and wrong use come out. */
class ChangeCommandsTest {

    private static final String APPLIED = "{\"applied\":true,\"problems\":[],\"notes\":[\"uplink reconnects\"]}";
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @TempDir
    Path dir;
    private FakeGateway gateway;
    private Path token;

    @BeforeEach
    void start() throws IOException {
        gateway = new FakeGateway().token("tok");
        token = Files.writeString(dir.resolve("cli-token"), "tok");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void refusalPrintsEveryProblemByFieldAndExits1() {
        gateway.answer("GET", "/api/identity", 200, "{\"site\":\"dong-xoai\",\"gatewayId\":\"dx-cab-001\","
                + "\"location\":null,\"timezone\":\"Asia/Ho_Chi_Minh\"}");
        gateway.answer("PUT", "/api/identity", 422, "{\"applied\":false,\"problems\":["
                + "{\"field\":\"location\",\"message\":\"latitude 95.0 is not within -90..90\"},"
                + "{\"field\":\"timezone\",\"message\":\"unknown time zone Mars/Olympus\"}],\"notes\":[]}");

        Result r = run("identity", "set", "--lat", "95", "--lon", "106", "--timezone", "Mars/Olympus");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("location: latitude 95.0 is not within -90..90")
                .contains("timezone: unknown time zone Mars/Olympus").doesNotContain("Exception");
        assertThat(gateway.only("PUT", "/api/identity").json().path("location").path("latitude").asDouble())
                .isEqualTo(95.0);
    }

    @Test
    void refusalWithJsonPrintsTheAnswerToo() {
        gateway.answer("PUT", "/api/config", 422, "{\"applied\":false,\"problems\":[{\"field\":"
                + "\"org.cityedge.uplink.mqtt/qos\",\"message\":\"3 is not 0 or 1\"}],\"notes\":[]}");

        Result r = run("--json", "config", "set", "org.cityedge.uplink.mqtt", "qos=3");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("\"applied\" : false");
        assertThat(r.err()).contains("org.cityedge.uplink.mqtt/qos: 3 is not 0 or 1");
    }

    @Test
    void configSetSendsKeyValuesAndEmptyResets() {
        gateway.answer("PUT", "/api/config", 200, APPLIED);

        Result r = run("config", "set", "org.cityedge.uplink.mqtt", "qos=0", "clientId=",
                "pointPolicies=activePower=5/900,pm*=0.5/600");

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode body = gateway.only("PUT", "/api/config").json().path("org.cityedge.uplink.mqtt");
        assertThat(body.path("qos").asText()).isEqualTo("0");
        assertThat(body.get("clientId").isNull()).isTrue();
        assertThat(body.path("pointPolicies").asText()).as("only the first = splits")
                .isEqualTo("activePower=5/900,pm*=0.5/600");
        assertThat(r.out()).contains("applied: org.cityedge.uplink.mqtt").contains("note: uplink reconnects");
    }

    @Test
    void configSetWithoutEqualsIsUsageErrorAndSendsNothing() {
        Result r = run("config", "set", "org.cityedge.uplink.mqtt", "qos");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Expected key=value but got 'qos'");
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void configShowPrintsOnePid() {
        gateway.answer("GET", "/api/config", 200, "{\"org.cityedge.uplink.mqtt\":{\"brokerUrl\":\"ssl://ioc:8883\","
                + "\"password\":\"********\",\"pointPolicies\":[\"a=1/2\",\"b=3/4\"]},\"org.cityedge.modbus\":{}}");

        Result r = run("config", "show", "org.cityedge.uplink.mqtt");
        Result unknown = run("config", "show", "org.cityedge.nothing");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("[org.cityedge.uplink.mqtt]").contains("brokerUrl      = ssl://ioc:8883")
                .contains("pointPolicies  = a=1/2,b=3/4").doesNotContain("org.cityedge.modbus");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("does not manage org.cityedge.nothing")
                .contains("org.cityedge.uplink.mqtt, org.cityedge.modbus");
    }

    @Test
    void iocSetPutsBrokerUserAndPasswordFromFile() throws IOException {
        gateway.answer("PUT", "/api/config", 200, APPLIED);
        Path password = Files.writeString(dir.resolve("mqtt-pw"), "s3cret\n");

        Result r = run("ioc", "set", "--broker", "ssl://ioc.example.vn:8883", "--username", "dx-cab-001",
                "--password-file", password.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode body = gateway.only("PUT", "/api/config").json();
        assertThat(body.path("org.cityedge.uplink.mqtt").path("brokerUrl").asText())
                .isEqualTo("ssl://ioc.example.vn:8883");
        assertThat(body.path("org.cityedge.uplink.mqtt").path("username").asText()).isEqualTo("dx-cab-001");
        assertThat(body.path("org.cityedge.uplink.mqtt").path("password").asText()).isEqualTo("s3cret");
    }

    @Test
    void consoleListenAndPassword() throws IOException {
        gateway.answer("PUT", "/api/config", 200, APPLIED).answer("PUT", "/api/console/password", 200, "");
        Path newPassword = Files.writeString(dir.resolve("new-pw"), "a long enough password");
        Path shortPassword = Files.writeString(dir.resolve("short-pw"), "short");

        Result listen = run("console", "listen", "--interface", "eth1", "--port", "8443");
        Result password = run("console", "password", "--password-file", newPassword.toString());
        Result tooShort = run("console", "password", "--password-file", shortPassword.toString());
        Result noTerminal = run("console", "password");

        assertThat(listen.code()).as(listen.toString()).isZero();
        JsonNode console = gateway.only("PUT", "/api/config").json().path("org.cityedge.console");
        assertThat(console.path("interface").asText()).isEqualTo("eth1");
        assertThat(console.path("port").asText()).isEqualTo("8443");
        assertThat(password.code()).as(password.toString()).isZero();
        assertThat(gateway.only("PUT", "/api/console/password").json().path("password").asText())
                .isEqualTo("a long enough password");
        assertThat(tooShort.code()).isEqualTo(2);
        assertThat(tooShort.err()).contains("at least 10 characters");
        assertThat(noTerminal.code()).isEqualTo(2);
        assertThat(noTerminal.err()).contains("--password-file");
    }

    @Test
    void tlsCsrInstallAndTrust() throws IOException {
        gateway.answer("POST", "/api/tls/csr", 200, "{\"csr\":\"-----BEGIN CERTIFICATE REQUEST-----\\nMIIC\\n"
                + "-----END CERTIFICATE REQUEST-----\"}")
                .answer("PUT", "/api/tls/certificate", 200, APPLIED).answer("PUT", "/api/trust", 200, APPLIED);
        Path cert = Files.writeString(dir.resolve("gw.crt"), PEM);
        Path ca = Files.writeString(dir.resolve("ca.crt"), PEM.replace("MIIB", "MIIA"));
        Path key = Files.writeString(dir.resolve("ioc.pub"), "-----BEGIN PUBLIC KEY-----\nMCow\n-----END PUBLIC KEY-----\n");
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");

        Result csr = run("tls", "csr", "--out", dir.resolve("gw.csr").toString());
        Result install = run("tls", "install", "--cert", cert.toString(), "--ca", ca.toString());
        Result trust = run("trust", "set", "--public-key", key.toString());
        Result bad = run("tls", "install", "--cert", notPem.toString(), "--ca", ca.toString());
        Result missing = run("trust", "set", "--public-key", dir.resolve("nowhere.pem").toString());

        assertThat(csr.code()).as(csr.toString()).isZero();
        assertThat(Files.readString(dir.resolve("gw.csr"))).startsWith("-----BEGIN CERTIFICATE REQUEST-----")
                .endsWith("\n");
        assertThat(install.code()).as(install.toString()).isZero();
        JsonNode installed = gateway.only("PUT", "/api/tls/certificate").json();
        assertThat(installed.path("certificate").asText()).isEqualTo(PEM);
        assertThat(installed.path("ca").asText()).contains("MIIA");
        assertThat(trust.code()).as(trust.toString()).isZero();
        assertThat(gateway.only("PUT", "/api/trust").json().path("publicKey").asText()).contains("MCow");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("is not PEM");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nowhere.pem").contains("no such file");
    }

    @Test
    void assignOneDevice() {
        gateway.answer("POST", "/api/devices", 200, "{\"applied\":true,\"problems\":[],\"notes\":[]}");

        Result r = run("assign", "--id", "sl-012", "--bus", "rs485-1", "--unit", "12", "--profile", "saigon-slc-110",
                "--name", "Lamp 12, Tran Hung Dao", "--group", "circuit-b", "--lat", "11.5347", "--lon", "106.8846");

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode body = gateway.only("POST", "/api/devices").json();
        assertThat(body.path("buses")).isEmpty();
        JsonNode device = body.path("devices").get(0);
        assertThat(device.path("id").asText()).isEqualTo("sl-012");
        assertThat(device.path("name").asText()).isEqualTo("Lamp 12, Tran Hung Dao");
        assertThat(device.path("bus").asText()).isEqualTo("rs485-1");
        assertThat(device.path("unitId").asInt()).isEqualTo(12);
        assertThat(device.path("profile").asText()).isEqualTo("saigon-slc-110");
        assertThat(device.path("group").asText()).isEqualTo("circuit-b");
        assertThat(device.path("location").path("longitude").asDouble()).isEqualTo(106.8846);
        assertThat(device.has("address")).isFalse();
    }

    @Test
    void assignFromSiteFileYaml() throws IOException {
        gateway.answer("POST", "/api/devices", 200, "{\"applied\":true,\"problems\":[],\"notes\":[]}");
        Path file = Files.writeString(dir.resolve("devices.yaml"), """
                site: ignored
                buses:
                  - {id: env-tcp, type: tcp, host: 10.0.0.21, tcpPort: 502}
                devices:
                  - {id: aq-002, bus: env-tcp, unitId: 1, profile: mekong-aqm6, group: environment,
                     location: {latitude: 11.536, longitude: 106.884}}
                  - id: nl-002
                    bus: nbiot
                    profile: saigon-slc-nb1
                    address: "coaps://10.20.0.7:5684"
                """);

        Result r = run("assign", "--file", file.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode body = gateway.only("POST", "/api/devices").json();
        assertThat(body.path("buses").get(0).path("tcpPort").asInt()).isEqualTo(502);
        assertThat(body.path("buses").get(0).path("type").asText()).isEqualTo("tcp");
        assertThat(body.path("devices")).hasSize(2);
        assertThat(body.path("devices").get(0).path("location").path("latitude").asDouble()).isEqualTo(11.536);
        assertThat(body.path("devices").get(1).path("address").asText()).isEqualTo("coaps://10.20.0.7:5684");
        assertThat(body.has("site")).isFalse();
        assertThat(r.err()).contains("left out: site");
        assertThat(r.out()).contains("applied: 2 device(s), 1 bus(es)");
    }

    @Test
    void assignUsageErrors() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "devices: [ {id: x\n");

        Result both = run("assign", "--id", "x", "--bus", "b", "--unit", "1", "--address", "coap://h", "--profile", "p");
        Result half = run("assign", "--id", "x", "--bus", "b", "--unit", "1", "--profile", "p", "--lat", "1");
        Result missing = run("assign", "--id", "x");
        Result yaml = run("assign", "--file", broken.toString());

        assertThat(List.of(both.code(), half.code(), missing.code(), yaml.code())).containsOnly(2);
        assertThat(yaml.err()).contains("is not YAML");
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void removeChecksEveryIdFirst() {
        gateway.answer("GET", "/api/devices", 200, "[{\"id\":\"sl-001\"},{\"id\":\"sl-002\"}]")
                .answer("DELETE", "/api/devices/sl-001", 200, "{\"applied\":true,\"problems\":[],\"notes\":[]}")
                .answer("DELETE", "/api/devices/sl-002", 200, "{\"applied\":true,\"problems\":[],\"notes\":[]}");

        Result unknown = run("remove", "sl-001", "sl-999");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("nothing removed").contains("sl-999: no such device");
        assertThat(gateway.requests()).extracting(Request::method).doesNotContain("DELETE");

        Result r = run("remove", "sl-001", "sl-002");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(gateway.requests()).filteredOn(q -> q.method().equals("DELETE")).extracting(Request::path)
                .containsExactly("/api/devices/sl-001", "/api/devices/sl-002");
    }

    @Test
    void testReadsEveryPointThenDims() {
        gateway.answer("POST", "/api/devices/sl-001/read", 200, "{\"samples\":["
                + "{\"point\":\"dimmingLevel\",\"value\":100,\"unit\":\"%\",\"quality\":\"GOOD\",\"time\":1763890000000},"
                + "{\"point\":\"activePower\",\"value\":87.5,\"unit\":\"W\",\"quality\":\"GOOD\",\"time\":1763890000000}]}")
                .answer("POST", "/api/devices/sl-001/dim", 200, "{\"ok\":true,\"value\":40,\"readBack\":40}");

        Result r = run("test", "sl-001", "--dim", "40", "--seconds", "120");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("POINT +VALUE +UNIT +QUALITY +TIME")
                .containsPattern("dimmingLevel +100 +% +GOOD").containsPattern("activePower +87.5 +W +GOOD")
                .contains("dimmed sl-001 to 40 % for 120 s, read back 40");
        List<String> paths = new ArrayList<>();
        gateway.requests().forEach(q -> paths.add(q.path()));
        assertThat(paths).containsExactly("/api/devices/sl-001/read", "/api/devices/sl-001/dim");
        JsonNode dim = gateway.only("POST", "/api/devices/sl-001/dim").json();
        assertThat(dim.path("level").asInt()).isEqualTo(40);
        assertThat(dim.path("seconds").asInt()).isEqualTo(120);
    }

    @Test
    void failedBlinkIsExit1WithTheReason() {
        gateway.answer("POST", "/api/devices/sl-001/read", 200, "{\"samples\":[]}")
                .answer("POST", "/api/devices/sl-001/blink", 200,
                        "{\"ok\":false,\"steps\":1,\"error\":\"lamp did not read back 100\"}");

        Result r = run("test", "sl-001", "--blink", "3");
        Result unknown = run("test", "sl-404");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("blink sl-001 failed: lamp did not read back 100");
        assertThat(gateway.only("POST", "/api/devices/sl-001/blink").json().path("times").asInt()).isEqualTo(3);
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("POST /api/devices/sl-404/read").contains("not found");
    }

    @Test
    void theCliWaitsForABlinkPastTheGatewaysOwnBound() {
        for (int times : new int[] {1, 3, 20}) {
            // http-api.md: the answer comes within times x periodMs (1 s here) + 30 s
            assertThat(TestCommand.blinkTimeout(times)).as(times + " blinks")
                    .isGreaterThan(java.time.Duration.ofSeconds(times + 30L));
        }
    }

    @Test
    void exportWritesAPrivateFileAndImportPostsIt() throws IOException {
        String document = "{\"format\":\"cityedge-config/1\",\"settings\":{\"org.cityedge.uplink.mqtt\":"
                + "{\"password\":\"s3cret\"}}}";
        gateway.answer("GET", "/api/export", 200, document)
                .answer("POST", "/api/import", 200, "{\"applied\":true,\"problems\":[],\"notes\":[]}");
        Path file = dir.resolve("dx-cab-001.json");

        Result export = run("export", "--out", file.toString(), "--with-key");

        assertThat(export.code()).as(export.toString()).isZero();
        assertThat(gateway.only("GET", "/api/export").query()).isEqualTo("withKey=true");
        assertThat(Files.readString(file)).isEqualTo(document + "\n");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(export.err()).contains("holds secrets").contains("private key");
        assertThat(export.out()).doesNotContain("s3cret");

        Result imported = run("import", file.toString());

        assertThat(imported.code()).as(imported.toString()).isZero();
        assertThat(gateway.only("POST", "/api/import").json().path("format").asText())
                .isEqualTo("cityedge-config/1");
        assertThat(gateway.only("POST", "/api/import").json().path("settings").path("org.cityedge.uplink.mqtt")
                .path("password").asText()).isEqualTo("s3cret");
    }

    @Test
    void exportOverwritesAnOpenFileWithAPrivateOne() throws IOException {
        gateway.answer("GET", "/api/export", 200, "{\"format\":\"cityedge-config/1\"}");
        Path file = Files.writeString(dir.resolve("old.json"), "old");
        Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));

        Result r = run("export", "--out", file.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(gateway.only("GET", "/api/export").query()).isEqualTo("withKey=false");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void importRefusesWhatIsNotJsonBeforeSending() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "site: dong-xoai");

        Result r = run("import", file.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not a configuration written by export");
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void statusPrintsHealthAndADeviceTable() {
        gateway.answer("GET", "/api/status", 200, """
                {"identity":{"site":"dong-xoai","gatewayId":"dx-cab-001","timezone":"Asia/Ho_Chi_Minh"},
                 "uplink":{"state":"CONNECTED","broker":"ssl://ioc:8883","problem":null,"connectedSince":1763890000000,
                           "published":1234},
                 "buffer":{"depth":12,"bytes":3400,"quotaBytes":64000000,"oldestSampleTime":0,"droppedTotal":0,
                           "problem":null},
                 "rules":{"version":"7"},"schedule":{"version":"3"},
                 "devices":[{"id":"sl-001","name":"Lamp 1","bus":"rs485-1","profile":"saigon-slc-110",
                             "state":"ONLINE","lastSeen":1763890000000,"responseMicros":48000,"errors":{"timeout":0}},
                            {"id":"sl-002","name":"Lamp 2","bus":"rs485-1","profile":"saigon-slc-110",
                             "state":"OFFLINE","lastSeen":0,"responseMicros":0,"errors":{"timeout":3,"crc":1}}],
                 "tls":{"keyPresent":true,"requestPending":false,"certificateSubject":"CN=dx-cab-001",
                        "certificateNotAfter":1795426000000,"caSubject":"CN=IOC CA","iocKeyPresent":true},
                 "console":{"refusals":2}}
                """);

        Result r = run("status");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("dong-xoai / dx-cab-001").contains("CONNECTED, broker ssl://ioc:8883")
                .contains("1234 published").contains("12 message(s), 3.4 kB of 64.0 MB").contains("version 7")
                .contains("certificate CN=dx-cab-001").contains("2 refused request(s)")
                .containsPattern("DEVICE +NAME +BUS +PROFILE +STATE +LAST SEEN +RESPONSE +ERRORS")
                .containsPattern("sl-001 +Lamp 1 +rs485-1 +saigon-slc-110 +ONLINE .* 48 ms")
                .containsPattern("sl-002 +Lamp 2 +rs485-1 +saigon-slc-110 +OFFLINE +- +- +timeout 3, crc 1");
        Result json = run("status", "--json");
        assertThat(json.out()).contains("\"refusals\" : 2");
    }

    private Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--gateway", gateway.uri().toString(), "--token-file",
                token.toString()));
        all.addAll(List.of(args));
        return Cli.run(Map.of(), all.toArray(String[]::new));
    }
}
