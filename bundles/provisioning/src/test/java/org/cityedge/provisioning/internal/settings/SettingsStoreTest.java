package org.cityedge.provisioning.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityedge.api.provision.ChangeResult;
import org.cityedge.api.provision.FieldProblem;
import org.cityedge.api.provision.Provisioning;
import org.cityedge.provisioning.internal.ConsoleCheckStandIn;
import org.cityedge.provisioning.internal.FakeConfigAdmin;
import org.cityedge.provisioning.internal.FileInstallReader;
import org.cityedge.provisioning.internal.TestMetatype;
import org.cityedge.provisioning.internal.files.FileDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    private static final String UPLINK = "org.cityedge.uplink.mqtt";
    private static final String CONSOLE = "org.cityedge.console";
    private static final List<String> MANAGED = List.of(UPLINK, "org.cityedge.trust", CONSOLE,
            "org.cityedge.coap", "org.cityedge.telemetry.log");
    private static final String SALT = "c2FsdHNhbHRzYWx0c2FsdA=="; // 16 bytes
    private static final String HASH_32 = "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=";
    private static final String HASH = "pbkdf2-sha256$210000$" + SALT + "$" + HASH_32;

    /** The configuration directory. */
    @TempDir
    Path dir;
    @TempDir
    Path state;
    /** Neither the state nor the configuration directory. */
    @TempDir
    Path elsewhere;
    private final FakeConfigAdmin configAdmin = new FakeConfigAdmin();
    private final SettingChecks checks = ConsoleCheckStandIn.registered();

    private SettingsStore store(Path configDir) {
        return new SettingsStore(configAdmin.admin, TestMetatype.gateway(), new FileDirectories(state, configDir),
                () -> MANAGED, checks);
    }

    private static Map<String, Map<String, String>> change(String pid, String... keyValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        out.put(pid, values);
        return out;
    }

    private ChangeResult configure(Map<String, Map<String, String>> changes) {
        return store(dir).configure(changes, SettingsStore.Options.CHANGE);
    }

    private void assertNothingWritten(ChangeResult result) throws Exception {
        assertThat(result.applied()).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThat(configAdmin.updates).isEmpty();
    }

    @Test
    void refusesAnUnknownKeyListingTheKnownOnes() throws Exception {
        ChangeResult result = configure(change(UPLINK, "brokerURL", "tcp://h:1883"));
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("org.cityedge.uplink.mqtt/brokerURL");
            assertThat(p.message()).contains("unknown field").contains("brokerUrl").contains("keepAliveSeconds");
        });
        assertNothingWritten(result);
    }

    @Test
    void refusesAValueItsMetatypeRejects() throws Exception {
        ChangeResult result = configure(change(UPLINK, "keepAliveSeconds", "soon"));
        assertThat(result.problems()).extracting(FieldProblem::field)
                .containsExactly("org.cityedge.uplink.mqtt/keepAliveSeconds");
        assertThat(result.problems().get(0).message()).contains("not an integer");
        assertNothingWritten(result);
    }

    @Test
    void refusesBrokerUrlsTheUplinkCannotUse() throws Exception {
        for (String url : List.of("http://broker:1883", "ssl://broker", "tcp://:1883", "broker:1883",
                "tcp://h:70000")) {
            ChangeResult result = configure(change(UPLINK, "brokerUrl", url));
            assertThat(result.problems()).as(url).extracting(FieldProblem::field)
                    .containsExactly("org.cityedge.uplink.mqtt/brokerUrl");
            assertNothingWritten(result);
        }
        assertThat(configure(change(UPLINK, "brokerUrl", "wss://broker.example:443/mqtt")).applied()).isTrue();
    }

    @Test
    void refusesAFileThatDoesNotExist() throws Exception {
        ChangeResult result = configure(change(UPLINK, "caFile", dir.resolve("nope/ca.crt").toString()));
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("org.cityedge.uplink.mqtt/caFile");
            assertThat(p.message()).contains("no such file");
        });
        assertNothingWritten(result);
    }

    @Test
    void refusesAFileOutsideTheStateAndConfigurationDirectoriesNamingBoth() throws Exception {
        Path outside = Files.writeString(elsewhere.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
        Files.createDirectories(state.resolve("tls"));
        Path link = Files.createSymbolicLink(state.resolve("tls/ca.crt"), outside);
        for (Path named : List.of(outside, link, state.resolve("..").resolve(elsewhere.getFileName())
                .resolve("ca.crt"))) {
            ChangeResult result = configure(change(UPLINK, "caFile", named.toString()));
            assertThat(result.problems()).as(named.toString()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("org.cityedge.uplink.mqtt/caFile");
                assertThat(p.message()).contains("caFile must name a file under")
                        .contains(state.toString(), "cityedge.state", dir.toString(), "felix.fileinstall.dir");
            });
            assertNothingWritten(result);
        }
        Files.delete(link);
        Path inState = Files.copy(outside, state.resolve("tls/ca.crt"));
        assertThat(configure(change(UPLINK, "caFile", inState.toString())).applied()).isTrue();
        Path inConfig = Files.copy(outside, dir.resolve("ca.crt"));
        assertThat(configure(change(UPLINK, "caFile", inConfig.toString())).applied()).isTrue();
    }

    @Test
    void theCliTokenAndTheFrameworkStorageAreNotKeyMaterialASettingMayName() throws Exception {
        Path token = Files.writeString(Files.createDirectories(state.resolve("console")).resolve("cli-token"), "t");
        Path storage = Files.writeString(Files.createDirectories(state.resolve("osgi")).resolve("config.dat"), "x");
        for (Path named : List.of(token, storage)) {
            ChangeResult result = configure(change(UPLINK, "caFile", named.toString()));
            assertThat(result.problems()).as(named.toString()).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("tls, trust, coap"));
            assertNothingWritten(result);
        }
    }

    @Test
    void withoutAConfigurationDirectoryOnlyTheStateDirectoryHoldsFiles() throws Exception {
        Path inConfig = Files.writeString(dir.resolve("psk.properties"), "nl-001=00\n");
        ChangeResult result = store(null).configure(change("org.cityedge.coap", "pskFile", inConfig.toString()),
                SettingsStore.Options.CHANGE);
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains(state.toString()).doesNotContain("felix.fileinstall.dir"));
    }

    @Test
    void onlyKeyFileMayNameAPrivateKey() throws Exception {
        Files.createDirectories(state.resolve("tls"));
        Path key = Files.writeString(state.resolve("tls/gateway.key"),
                "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n");
        for (var pidKey : List.of(List.of("org.cityedge.coap", "pskFile"), List.of(UPLINK, "caFile"),
                List.of("org.cityedge.trust", "publicKeyFile"))) {
            ChangeResult result = configure(change(pidKey.get(0), pidKey.get(1), key.toString()));
            assertThat(result.problems()).as(pidKey.toString()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo(pidKey.get(0) + "/" + pidKey.get(1));
                assertThat(p.message()).contains("holds a private key").doesNotContain("MHcCAQEE");
            });
            assertNothingWritten(result);
        }
        assertThat(configure(change(UPLINK, "keyFile", key.toString())).applied()).isTrue();
    }

    @Test
    void aComponentsOwnCheckRefusesNamingTheFieldAndNothingIsWritten() throws Exception {
        Map<String, String> bad = Map.of(
                "pbkdf2-sha256$500$" + SALT + "$" + HASH_32, "500 iterations",
                "pbkdf2-sha256$x$" + SALT + "$" + HASH_32, "not a password hash");
        for (Map.Entry<String, String> hash : bad.entrySet()) {
            ChangeResult result = configure(change(CONSOLE, "passwordHash", hash.getKey()));
            assertThat(result.problems()).as(hash.getKey()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("org.cityedge.console/passwordHash");
                assertThat(p.message()).contains(hash.getValue()).doesNotContain(HASH_32);
            });
            assertNothingWritten(result);
        }
        assertThat(configure(change(CONSOLE, "passwordHash", HASH)).applied()).isTrue();
    }

    @Test
    void aCheckThatFailsRefusesTheValueRatherThanLettingItThrough() throws Exception {
        checks.add(CONSOLE, (key, value) -> {
            throw new IllegalStateException("broken check");
        });
        ChangeResult result = configure(change(CONSOLE, "port", "8443"));
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("org.cityedge.console/port");
            assertThat(p.message()).contains("check failed");
        });
        assertNothingWritten(result);
    }

    @Test
    void refusesPortsOutsideTheRangeAndMalformedPasswordHashes() throws Exception {
        ChangeResult result = configure(change(CONSOLE, "port", "0", "passwordHash", "plain-text-password"));
        assertThat(result.problems()).extracting(FieldProblem::field)
                .containsExactly("org.cityedge.console/port", "org.cityedge.console/passwordHash");
        assertThat(result.problems().get(1).message()).doesNotContain("plain-text-password");
        assertNothingWritten(result);
        assertThat(configure(change(CONSOLE, "port", "8443", "passwordHash", HASH)).applied()).isTrue();
    }

    @Test
    void refusesAPidThatIsNotManaged() throws Exception {
        ChangeResult result = configure(change("org.cityedge.rules", "x", "1"));
        assertThat(result.problems()).extracting(FieldProblem::field).containsExactly("org.cityedge.rules");
        assertNothingWritten(result);
    }

    @Test
    void whenTheSecondPidIsBadNeitherIsWritten() throws Exception {
        Map<String, Map<String, String>> changes = new LinkedHashMap<>(change(UPLINK, "brokerUrl", "tcp://h:1883"));
        changes.putAll(change(CONSOLE, "port", "99999"));
        ChangeResult result = configure(changes);
        assertThat(result.problems()).extracting(FieldProblem::field).containsExactly("org.cityedge.console/port");
        assertNothingWritten(result);
    }

    @Test
    void appliedFileReadsBackAsWhatConfigAdminGotOnce() throws Exception {
        ChangeResult result = configure(change(UPLINK, "brokerUrl", "ssl://broker.example:8883",
                "pointPolicies", "activePower=5/900, pm*=0.5/600", "qos", "0", "password", "s3cr${et}"));
        assertThat(result.applied()).as(result.toString()).isTrue();
        Path file = dir.resolve(UPLINK + ".cfg");
        assertThat(result.notes()).anyMatch(n -> n.contains(file.toString()));
        Map<String, Object> fromFile = FileInstallReader.read(file);
        assertThat(fromFile.get("pointPolicies")).isEqualTo(new String[] {"activePower=5/900", "pm*=0.5/600"});
        assertThat(fromFile.get("password")).isEqualTo("s3cr${et}");

        assertThat(configAdmin.updatesOf(UPLINK)).isEqualTo(1);
        Map<String, Object> inConfigAdmin = new HashMap<>();
        var stored = configAdmin.properties(UPLINK);
        Collections.list(stored.keys()).forEach(k -> inConfigAdmin.put(k, stored.get(k)));
        assertThat(inConfigAdmin.remove("felix.fileinstall.filename"))
                .isEqualTo(new File(dir.toFile().getCanonicalFile(), UPLINK + ".cfg").getAbsoluteFile().toURI()
                        .toString());
        inConfigAdmin.remove("service.pid");
        assertThat(inConfigAdmin).usingRecursiveComparison().isEqualTo(fromFile);
        // The password makes the file owner-only.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aSecondChangeKeepsEarlierKeysAndAnEmptyValueResetsOne() throws Exception {
        assertThat(configure(change(UPLINK, "brokerUrl", "tcp://h:1883", "qos", "0")).applied()).isTrue();
        assertThat(configure(change(UPLINK, "qos", "", "username", "gw")).applied()).isTrue();
        Map<String, Object> fromFile = FileInstallReader.read(dir.resolve(UPLINK + ".cfg"));
        assertThat(fromFile).containsEntry("brokerUrl", "tcp://h:1883").containsEntry("username", "gw")
                .doesNotContainKey("qos");
        assertThat(store(dir).settings(UPLINK)).containsEntry("qos", "1");
    }

    @Test
    void secretsReadAsTheMaskAndTheMaskKeepsTheStoredValue() throws Exception {
        assertThat(configure(change(UPLINK, "password", "hunter2", "username", "gw")).applied()).isTrue();
        Map<String, Object> shown = store(dir).settings(UPLINK);
        assertThat(shown).containsEntry("password", Provisioning.SECRET_MASK).containsEntry("username", "gw")
                .containsEntry("verifyHostname", "true").containsEntry("pointPolicies", "");

        assertThat(configure(change(UPLINK, "password", Provisioning.SECRET_MASK, "username", "gw2")).applied())
                .isTrue();
        assertThat(FileInstallReader.read(dir.resolve(UPLINK + ".cfg"))).containsEntry("password", "hunter2")
                .containsEntry("username", "gw2");
        assertThat(configAdmin.properties(UPLINK).get("password")).isEqualTo("hunter2");
    }

    @Test
    void anUnsetSecretReadsEmptyNotAsTheMask() {
        assertThat(store(dir).settings(CONSOLE)).containsEntry("passwordHash", "");
    }

    @Test
    void withoutAConfigurationDirectoryOnlyConfigAdminChangesAndTheNotesSaySo() {
        ChangeResult result = store(null).configure(change(UPLINK, "brokerUrl", "tcp://h:1883"),
                SettingsStore.Options.CHANGE);
        assertThat(result.applied()).isTrue();
        assertThat(result.notes()).anyMatch(n -> n.contains("felix.fileinstall.dir") && n.contains("ConfigAdmin only"));
        assertThat(configAdmin.properties(UPLINK).get("felix.fileinstall.filename")).isNull();
        assertThat(configAdmin.properties(UPLINK).get("brokerUrl")).isEqualTo("tcp://h:1883");
    }

    @Test
    void aFileThatCannotBeWrittenRestoresTheOnesAlreadyWritten() throws Exception {
        Files.writeString(dir.resolve(UPLINK + ".cfg"), "brokerUrl = tcp://old:1883\n");
        // A non-empty directory where the console's file should go: the rename onto it fails.
        Files.createDirectories(dir.resolve(CONSOLE + ".cfg").resolve("blocker"));
        Map<String, Map<String, String>> changes = new LinkedHashMap<>(change(UPLINK, "brokerUrl", "tcp://new:1883"));
        changes.putAll(change(CONSOLE, "port", "8081"));
        ChangeResult result = configure(changes);
        assertThat(result.applied()).isFalse();
        assertThat(result.problems()).extracting(FieldProblem::field).containsExactly(CONSOLE);
        assertThat(Files.readString(dir.resolve(UPLINK + ".cfg"))).isEqualTo("brokerUrl = tcp://old:1883\n");
        assertThat(configAdmin.updates).isEmpty();
    }

    @Test
    void aConfigAdminFailureRestoresFilesAndEarlierPids() throws Exception {
        configAdmin.put(UPLINK, Map.of("brokerUrl", "tcp://old:1883"));
        configAdmin.failUpdatesOf(CONSOLE);
        Map<String, Map<String, String>> changes = new LinkedHashMap<>(change(UPLINK, "brokerUrl", "tcp://new:1883"));
        changes.putAll(change(CONSOLE, "port", "8081"));
        ChangeResult result = configure(changes);
        assertThat(result.problems()).extracting(FieldProblem::field).containsExactly(CONSOLE);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThat(configAdmin.properties(UPLINK).get("brokerUrl")).isEqualTo("tcp://old:1883");
    }

    @Test
    void writesToTheFileFileInstallLoadedThePidFrom() throws Exception {
        Path existing = dir.resolve(UPLINK + ".config");
        Files.writeString(existing, "brokerUrl = \"tcp://old:1883\"\n");
        String key = existing.toFile().getAbsoluteFile().toURI().toString();
        configAdmin.put(UPLINK, Map.of("brokerUrl", "tcp://old:1883", "felix.fileinstall.filename", key));
        assertThat(configure(change(UPLINK, "qos", "0")).applied()).isTrue();
        assertThat(FileInstallReader.read(existing)).containsEntry("brokerUrl", "tcp://old:1883")
                .containsEntry("qos", "0");
        assertThat(dir.resolve(UPLINK + ".cfg")).doesNotExist();
        assertThat(configAdmin.properties(UPLINK).get("felix.fileinstall.filename")).isEqualTo(key);
    }

    @Test
    void anUnchangedConfigurationIsNotUpdatedAgain() {
        assertThat(configure(change(UPLINK, "brokerUrl", "tcp://h:1883")).applied()).isTrue();
        ChangeResult again = configure(change(UPLINK, "brokerUrl", "tcp://h:1883"));
        assertThat(again.applied()).isTrue();
        assertThat(again.notes()).contains(UPLINK + ": no change");
        assertThat(configAdmin.updatesOf(UPLINK)).isEqualTo(1);
    }
}
