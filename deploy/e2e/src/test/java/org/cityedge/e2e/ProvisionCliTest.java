package org.cityedge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.simulator.SimulatedDevice;
import org.cityedge.simulator.junit.SimulatorExtension;
import org.cityedge.site.load.LoadResult;
import org.cityedge.site.load.SiteFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A commissioning visit with {@code cityedge provision} (in-process, with the token the gateway wrote) against the
 * real gateway, the simulated field and Mosquitto. The gateway starts knowing its buses but no device; the steps run
 * in a technician's order, each building on the last: scan, scan and assign, test a lamp, status, a refused broker
 * URL, the IOC's signing key, a new identity, TLS (request, a certificate from the IOC's CA, then the uplink over
 * mutual TLS), the console password and a login from a laptop, and finally export and import onto a replacement
 * gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionCliTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String BUS = "rs485";
    /** Longer than the gateway's 43 ms default at 9600 bit/s: the simulator shares 2 busy cores with the gateway. */
    private static final String SCAN_TIMEOUT_MS = "200";
    private static final String NEW_GATEWAY_ID = "e2e-cli-07";

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(Sites.path(Sites.BINH_DUONG_FIELD)).isolated();

    private static OpenSsl ioc;
    private static int tlsPort;
    private static TestBed bed;
    private static ConsoleClient console;
    private static Cli cli;
    /** Unit id on the RS-485 bus -> the device id the scan assigned. */
    private static final Map<Integer, String> assigned = new TreeMap<>();
    private static GatewayProcess replacement;

    /** The IOC's CA and a broker certificate first: the broker gets a mutual-TLS listener beside the plain one. */
    @BeforeAll
    static void start() throws IOException {
        Path pki = Path.of("target", "e2e", "provision-cli-pki");
        ioc = new OpenSsl(pki);
        ioc.ca("ioc-ca", "/O=IOC e2e/CN=IOC e2e CA");
        ioc.ca("rogue-ca", "/O=Somebody else/CN=Rogue CA");
        ioc.serverCertificate("ioc-ca", "broker");
        tlsPort = LoopbackPorts.free();
        String tlsListener = "listener " + tlsPort + " 127.0.0.1\n"
                + "cafile " + ioc.file("ioc-ca.crt").toAbsolutePath() + "\n"
                + "certfile " + ioc.file("broker.crt").toAbsolutePath() + "\n"
                + "keyfile " + ioc.file("broker.key").toAbsolutePath() + "\n"
                + "require_certificate true\n";
        int consolePort = LoopbackPorts.free();
        bed = TestBed.start("provision-cli", Sites.busesOnly(SIM.simulator().site(), "binh-duong", "e2e-cli-01"),
                tlsListener, config -> config.console(consolePort, Map.of()));
        console = new ConsoleClient(consolePort, bed.state()).awaitServing(bed::diagnostics);
        cli = new Cli(console, bed.state());
    }

    @AfterAll
    static void stop() {
        if (replacement != null) {
            replacement.stop();
        }
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    @Order(1)
    void aScanPrintsEveryDeviceOfTheBusWithItsProfile() {
        Cli.Run run = cli.run("scan", "--bus", BUS, "--from", "1", "--to", "16", "--timeout-ms", SCAN_TIMEOUT_MS);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> found = run.out().lines().filter(l -> l.startsWith("found ")).toList();
        assertThat(found).as(run.toString()).hasSize(fieldTruth().size());
        for (Map.Entry<Integer, String> device : fieldTruth().entrySet()) {
            assertThat(found).as(run.toString()).anyMatch(l -> l.matches("found unit " + device.getKey()
                    + "\\s+9600 8E1\\s+" + device.getValue() + "\\s+.*"));
        }
        assertThat(run.out()).as(run.toString()).contains("scan rs485: 100 % (16/16)")
                .contains(fieldTruth().size() + " device(s) found, " + fieldTruth().size() + " with a profile "
                        + "(16 of 16 asked)");
    }

    @Test
    @Order(2)
    void scanWithAssignWritesTheSiteFileAndTheNewDevicesReachTheIoc() {
        Cli.Run run = cli.run("scan", "--bus", BUS, "--from", "1", "--to", "16", "--timeout-ms", SCAN_TIMEOUT_MS,
                "--assign", "--id-prefix", "sl-", "--group", "circuit-a", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode scan = run.json().path("scan");
        assertThat(scan.path("state").asText()).as(run.toString()).isEqualTo("done");
        assertThat(scan.path("done").asInt()).isEqualTo(16);
        assertThat(scan.path("total").asInt()).isEqualTo(16);
        Map<Integer, String> recognised = new TreeMap<>();
        for (JsonNode f : scan.path("found")) {
            recognised.put(f.path("unitId").asInt(), f.path("profile").asText());
            assertThat(f.path("identifiedBy").asText()).as(f.toString()).isEqualTo(
                    f.path("profile").asText().equals("delta-dws3") ? "signature" : "device-identification");
        }
        assertThat(recognised).as(run.toString()).isEqualTo(fieldTruth()).containsValue("delta-dws3");

        JsonNode assign = run.json().path("assign");
        assertThat(assign.path("result").path("applied").asBoolean()).as(run.toString()).isTrue();
        Map<Integer, String> profiles = new TreeMap<>();
        for (JsonNode d : assign.path("request").path("devices")) {
            assigned.put(d.path("unitId").asInt(), d.path("id").asText());
            profiles.put(d.path("unitId").asInt(), d.path("profile").asText());
        }
        assertThat(profiles).as(run.toString()).isEqualTo(fieldTruth());
        assertThat(assigned.values()).allMatch(id -> id.matches("sl-\\d{3}"));

        LoadResult onDisk = SiteFiles.load(bed.config().siteFile(), List.of());
        assertThat(onDisk.problems()).as("problems of the site file the CLI had written").isEmpty();
        assertThat(onDisk.site().devices()).hasSize(assigned.size());
        Map<Integer, DeviceDefinition> written = onDisk.site().devices().stream()
                .collect(Collectors.toMap(DeviceDefinition::unitId, d -> d));
        for (Map.Entry<Integer, String> a : assigned.entrySet()) {
            DeviceDefinition d = written.get(a.getKey());
            assertThat(d).as("unit " + a.getKey() + " in " + bed.config().siteFile()).isNotNull();
            assertThat(d.id()).isEqualTo(a.getValue());
            assertThat(d.bus()).isEqualTo(BUS);
            assertThat(d.profile()).isEqualTo(fieldTruth().get(a.getKey()));
            assertThat(d.group()).isEqualTo("circuit-a");
        }
        Bounded.await("telemetry of every assigned device at the IOC", LIMIT, () -> assigned.values().stream()
                .allMatch(id -> !bed.ioc().messages(m -> m.is("telemetry") && m.device().equals(id)).isEmpty()),
                bed::diagnostics);
        assertThat(bed.ioc().schemaProblems()).isEmpty();
    }

    @Test
    @Order(3)
    void testDimsALampAndTheSimulatedLampFollows() {
        int unit = lampUnits().get(1);
        String id = assigned.get(unit);
        SimulatedDevice lamp = simulated(unit);
        int level = lamp.value("dimLevel") == 40 ? 45 : 40;
        Cli.Run run = cli.run("test", id, "--dim", String.valueOf(level));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString()).contains("dimLevel").contains("dimmed " + id + " to " + level + " %");
        assertThat(lamp.value("dimLevel")).as("the simulated lamp at unit " + unit).isEqualTo(level);
        assertThat(simulated(lampUnits().get(0)).value("dimLevel")).as("another lamp").isNotEqualTo(level);
    }

    @Test
    @Order(4)
    void statusShowsTheUplinkTheBufferAndEveryDevice() {
        Bounded.await("status: uplink CONNECTED and every device ONLINE", LIMIT, () -> {
            JsonNode s = statusJson();
            return s.path("uplink").path("state").asText().equals("CONNECTED")
                    && StreamSupport.stream(s.path("devices").spliterator(), false)
                            .filter(d -> assigned.containsValue(d.path("id").asText()))
                            .filter(d -> d.path("state").asText().equals("ONLINE")).count() == assigned.size();
        }, () -> statusJson() + "\n" + bed.diagnostics());
        JsonNode s = statusJson();
        assertThat(s.path("buffer").path("depth").isIntegralNumber()).as(s.toString()).isTrue();
        Cli.Run text = cli.run("status");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).as(text.toString()).containsPattern("uplink\\s+CONNECTED")
                .containsPattern("buffer\\s+\\d+ message")
                .contains(assigned.values());
    }

    @Test
    @Order(5)
    void aBadBrokerUrlIsRefusedNamingTheFieldAndNothingChanges() throws IOException {
        Path uplinkFile = bed.config().dir().resolve(GatewayConfig.UPLINK + ".cfg");
        String fileBefore = Files.readString(uplinkFile);
        String brokerBefore = brokerUrl();
        Cli.Run run = cli.run("ioc", "set", "--broker", "http://x");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).as(run.toString()).contains("org.cityedge.uplink.mqtt/brokerUrl");
        assertThat(brokerUrl()).isEqualTo(brokerBefore).isEqualTo(bed.broker().url());
        assertThat(Files.readString(uplinkFile)).isEqualTo(fileBefore);
        assertThat(statusJson().path("uplink").path("state").asText()).isEqualTo("CONNECTED");
    }

    @Test
    @Order(6)
    void theIocSigningKeyMustBeEd25519() throws IOException {
        Cli.Run rsa = cli.run("trust", "set", "--public-key", ioc.rsaPublicKey("ioc-rsa").toString());
        assertThat(rsa.exitCode()).as(rsa.toString()).isEqualTo(1);
        assertThat(rsa.err()).as(rsa.toString()).contains("publicKey");
        assertThat(tlsJson().path("iocKeyPresent").asBoolean()).as("after the RSA key").isFalse();

        Cli.Run ed = cli.run("trust", "set", "--public-key", ioc.ed25519PublicKey("ioc-signing").toString());
        assertThat(ed.exitCode()).as(ed.toString()).isZero();
        assertThat(tlsJson().path("iocKeyPresent").asBoolean()).as("after the Ed25519 key").isTrue();
        assertThat(Files.readString(bed.state().resolve("trust").resolve("ioc.pub")))
                .contains("BEGIN PUBLIC KEY");
    }

    @Test
    @Order(7)
    void aNewIdentityMovesTheGatewayToItsNewTopics() {
        long before = System.nanoTime();
        Cli.Run run = cli.run("identity", "set", "--gateway-id", NEW_GATEWAY_ID, "--lat", "10.9811", "--lon",
                "106.6525");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String prefix = "cityedge/v1/binh-duong/" + NEW_GATEWAY_ID + "/";
        Bounded.await("telemetry under " + prefix, LIMIT, () -> !bed.ioc().messages(m -> m.topic().startsWith(prefix)
                && m.is("telemetry") && m.arrivedNanos() > before).isEmpty(), bed::diagnostics);
        JsonNode identity = cli.run("identity", "show", "--json").json();
        assertThat(identity.path("gatewayId").asText()).isEqualTo(NEW_GATEWAY_ID);
        assertThat(identity.path("location").path("latitude").asDouble()).isEqualTo(10.9811);
        assertThat(SiteFiles.load(bed.config().siteFile(), List.of()).site().gatewayId()).isEqualTo(NEW_GATEWAY_ID);
    }

    @Test
    @Order(8)
    void aCertificateFromTheIocCaIsInstalledAndTheUplinkConnectsOverMutualTls() {
        Path request = ioc.file("gateway.csr");
        Cli.Run csr = cli.run("tls", "csr", "--out", request.toString());
        assertThat(csr.exitCode()).as(csr.toString()).isZero();

        Cli.Run foreign = cli.run("tls", "install", "--cert", ioc.signClient("rogue-ca", request, "gateway-rogue")
                .toString(), "--ca", ioc.file("ioc-ca.crt").toString());
        assertThat(foreign.exitCode()).as("a certificate from another CA: " + foreign).isEqualTo(1);
        assertThat(tlsJson().path("certificateSubject").isNull()).as(tlsJson().toString()).isTrue();

        Cli.Run install = cli.run("tls", "install", "--cert", ioc.signClient("ioc-ca", request, "gateway")
                .toString(), "--ca", ioc.file("ioc-ca.crt").toString());
        assertThat(install.exitCode()).as(install.toString()).isZero();
        Cli.Run show = cli.run("tls", "show");
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).as(show.toString()).contains("CN=" + NEW_GATEWAY_ID).contains("IOC e2e CA");

        String tlsBroker = "ssl://127.0.0.1:" + tlsPort;
        Cli.Run ioCSet = cli.run("ioc", "set", "--broker", tlsBroker);
        assertThat(ioCSet.exitCode()).as(ioCSet.toString()).isZero();
        long switched = System.nanoTime();
        awaitConnectedTo(cli, tlsBroker, bed::diagnostics);
        Bounded.await("telemetry through the TLS listener", LIMIT, () -> !bed.ioc().messages(m -> m.is("telemetry")
                && m.arrivedNanos() > switched).isEmpty(), bed::diagnostics);
    }

    @Test
    @Order(9)
    void fromALaptopTheCliLogsInWithTheConsolePasswordSetOnTheGateway() throws IOException {
        Path password = Files.writeString(bed.dir().resolve("console-password.txt"), ConsoleClient.PASSWORD + "\n");
        Cli.Run set = cli.run("console", "password", "--password-file", password.toString());
        assertThat(set.exitCode()).as(set.toString()).isZero();

        Path noToken = bed.dir().resolve("laptop");
        Cli.Run wrong = Cli.laptop(console, noToken, "not-the-console-password").run("status");
        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(3);

        Cli laptop = Cli.laptop(console, noToken, ConsoleClient.PASSWORD);
        Cli.Run status = laptop.run("status", "--json");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.json().path("uplink").path("state").asText()).isEqualTo("CONNECTED");
        // a change: with the session cookie it needs the CSRF token, which the CLI must send
        Cli.Run change = laptop.run("config", "set", GatewayConfig.MODBUS, "slowPeriodMs=2500");
        assertThat(change.exitCode()).as(change.toString()).isZero();
        assertThat(cli.run("config", "show", GatewayConfig.MODBUS, "--json").json().path(GatewayConfig.MODBUS)
                .path("slowPeriodMs").asText()).isEqualTo("2500");
    }

    @Test
    @Order(10)
    void anExportImportedOnAReplacementGatewayReproducesIdentityDevicesAndSettings() throws IOException {
        JsonNode identity = cli.run("identity", "show", "--json").json();
        JsonNode settings = cli.run("config", "show", "--json").json();
        List<String> devices = deviceSummary(console);
        Path document = bed.dir().resolve("export.json");
        Cli.Run export = cli.run("export", "--out", document.toString(), "--with-key");
        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(document))).isEqualTo("rw-------");
        bed.gateway().stop(); // the replacement takes the cabinet's bus and the console's port

        Path spare = bed.dir().resolve("replacement");
        GatewayConfig config = new GatewayConfig(spare.resolve("config"))
                .site(Sites.busesOnly(SIM.simulator().site(), "factory", "spare-01")).fastPolling()
                .uplinkTo(bed.broker().url()).console(console.port(), Map.of());
        Path spareState = spare.resolve("state");
        replacement = new GatewayProcess(config, spareState, spare);
        replacement.start().awaitReady();
        ConsoleClient spareConsole = new ConsoleClient(console.port(), spareState).awaitServing(replacement::log);
        Cli spareCli = new Cli(spareConsole, spareState);
        assertThat(spareCli.run("identity", "show", "--json").json().path("gatewayId").asText())
                .isEqualTo("spare-01");

        long imported = System.nanoTime();
        Cli.Run run = spareCli.run("import", document.toString());
        assertThat(run.exitCode()).as(run.toString() + replacement.log()).isZero();

        assertThat(spareCli.run("identity", "show", "--json").json()).isEqualTo(identity);
        assertThat(deviceSummary(spareConsole)).isEqualTo(devices);
        String spareSettings = spareCli.run("config", "show", "--json").json().toString();
        assertThat(spareSettings.replace(spareState.toAbsolutePath().toString(), "STATE"))
                .isEqualTo(settings.toString().replace(bed.state().toAbsolutePath().toString(), "STATE"));
        awaitConnectedTo(spareCli, "ssl://127.0.0.1:" + tlsPort, replacement::log); // the key came along (--with-key)
        Cli.Run laptop = Cli.laptop(spareConsole, spare.resolve("laptop"), ConsoleClient.PASSWORD).run("status");
        assertThat(laptop.exitCode()).as("the console password came along: " + laptop).isZero();
        String lamp = assigned.get(lampUnits().get(0));
        Bounded.await("telemetry of " + lamp + " from the replacement, under " + NEW_GATEWAY_ID, LIMIT,
                () -> !bed.ioc().messages(m -> m.is("telemetry") && m.device().equals(lamp)
                        && m.topic().contains("/" + NEW_GATEWAY_ID + "/") && m.arrivedNanos() > imported).isEmpty(),
                () -> bed.ioc().summary() + "\n" + replacement.log());
    }

    /** Unit id -> profile of every device the simulator serves on the RS-485 bus. */
    private static Map<Integer, String> fieldTruth() {
        return SIM.simulator().devices().stream().filter(d -> d.definition().bus().equals(BUS))
                .collect(Collectors.toMap(SimulatedDevice::unitId, d -> d.profile().id(), (a, b) -> a, TreeMap::new));
    }

    private static List<Integer> lampUnits() {
        return fieldTruth().entrySet().stream().filter(e -> e.getValue().equals("saigon-slc-110"))
                .map(Map.Entry::getKey).toList();
    }

    private static SimulatedDevice simulated(int unit) {
        return SIM.simulator().devices().stream()
                .filter(d -> d.definition().bus().equals(BUS) && d.unitId() == unit).findFirst().orElseThrow();
    }

    private static JsonNode statusJson() {
        Cli.Run run = cli.run("status", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.json();
    }

    private static JsonNode tlsJson() {
        return cli.run("tls", "show", "--json").json();
    }

    private static String brokerUrl() {
        return cli.run("config", "show", GatewayConfig.UPLINK, "--json").json().path(GatewayConfig.UPLINK)
                .path("brokerUrl").asText();
    }

    /** id, bus, unit, profile and group of every device, as the gateway reports them. */
    private static List<String> deviceSummary(ConsoleClient c) {
        return StreamSupport.stream(c.get("/api/devices").spliterator(), false)
                .map(d -> String.join(" ", d.path("id").asText(), d.path("bus").asText(), d.path("unitId").asText(),
                        d.path("profile").asText(), d.path("group").asText()))
                .sorted().toList();
    }

    private static void awaitConnectedTo(Cli c, String broker, Supplier<String> diagnostics) {
        Bounded.await("the uplink CONNECTED to " + broker, LIMIT, () -> {
            JsonNode uplink = c.run("status", "--json").json().path("uplink");
            return uplink.path("state").asText().equals("CONNECTED") && uplink.path("broker").asText().equals(broker);
        }, diagnostics);
    }
}
