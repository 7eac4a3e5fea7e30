package org.cityedge.provisioning.internal.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.cityedge.api.provision.ChangeResult;
import org.cityedge.api.provision.FieldProblem;
import org.cityedge.api.site.Site;
import org.cityedge.provisioning.internal.Gateway;
import org.cityedge.provisioning.internal.TestPki;
import org.cityedge.provisioning.internal.tls.Pem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigTransferTest {

    private static final String UPLINK = "org.cityedge.uplink.mqtt";
    private static final String TRUST = "org.cityedge.trust";
    private static final String COAP = "org.cityedge.coap";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    private Gateway source;

    /** A fully provisioned gateway: settings with secrets and arrays, certificate, IOC key, CoAP keys. */
    @BeforeEach
    void provisionSource() throws Exception {
        source = Gateway.provisioned(root.resolve("a"));
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        settings.put(UPLINK, Map.of("brokerUrl", "ssl://ioc.example:8883", "username", "dx-cab-001",
                "password", "hunter2", "pointPolicies", "activePower=5/900,pm*=0.5/600"));
        settings.put("org.cityedge.telemetry.log", Map.of("enabled", "true"));
        assertThat(source.provisioning.configure(settings).applied()).isTrue();

        byte[] csr = Pem.decode(source.provisioning.createCertificateRequest(), "CERTIFICATE REQUEST").get(0);
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(
                new PKCS10CertificationRequest(csr).getSubjectPublicKeyInfo().getEncoded()));
        TestPki.Authority ca = TestPki.root("IOC Root CA");
        assertThat(source.provisioning.installCertificate(Pem.certificates(List.of(TestPki.issue(ca, key,
                "CN=dx-cab-001,O=dong-xoai"))), ca.pem()).applied()).isTrue();
        assertThat(source.provisioning.setIocPublicKey(Pem.encode("PUBLIC KEY",
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded())).applied())
                .isTrue();
        Path psk = source.configDir.resolve("coap-psk.properties");
        Files.writeString(psk, "nl-001=00112233445566778899aabbccddeeff\n");
        assertThat(source.provisioning.configure(Map.of(COAP, Map.of("pskFile", psk.toString()))).applied())
                .isTrue();
    }

    @Test
    void anImportReproducesSettingsSiteAndFilesOnAnotherGateway() throws Exception {
        String document = source.provisioning.exportConfiguration(true);
        assertThat(JSON.readTree(document).path("format").asText()).isEqualTo("cityedge-config/1");
        assertThat(JSON.readTree(document).path("settings").path(UPLINK).path("password").asText())
                .as("the document carries secrets in clear").isEqualTo("hunter2");

        Gateway target = new Gateway(root.resolve("b"), Site.EMPTY);
        ChangeResult result = target.provisioning.importConfiguration(document);
        assertThat(result.applied()).as(result.toString()).isTrue();

        assertThat(target.site.text()).isEqualTo(source.site.text());
        Path tls = target.stateDir.resolve("tls");
        for (String file : List.of("tls/ca.crt", "tls/gateway.crt", "tls/gateway.key", "trust/ioc.pub")) {
            assertThat(Files.readString(target.stateDir.resolve(file))).as(file)
                    .isEqualTo(Files.readString(source.stateDir.resolve(file)));
        }
        assertThat(Files.readString(target.stateDir.resolve("coap/psk.properties")))
                .isEqualTo(Files.readString(source.configDir.resolve("coap-psk.properties")));
        assertThat(mode(tls.resolve("gateway.key"))).isEqualTo("rw-------");
        assertThat(mode(target.stateDir.resolve("coap/psk.properties"))).isEqualTo("rw-------");

        Map<String, Object> uplink = stored(target, UPLINK);
        assertThat(uplink).containsEntry("brokerUrl", "ssl://ioc.example:8883").containsEntry("password", "hunter2")
                .containsEntry("caFile", tls.resolve("ca.crt").toAbsolutePath().toString())
                .containsEntry("certFile", tls.resolve("gateway.crt").toAbsolutePath().toString())
                .containsEntry("keyFile", tls.resolve("gateway.key").toAbsolutePath().toString());
        assertThat(uplink.get("pointPolicies")).isEqualTo(new String[] {"activePower=5/900", "pm*=0.5/600"});
        assertThat(stored(target, TRUST)).containsEntry("publicKeyFile",
                target.stateDir.resolve("trust/ioc.pub").toAbsolutePath().toString());
        assertThat(stored(target, COAP)).containsEntry("pskFile",
                target.stateDir.resolve("coap/psk.properties").toAbsolutePath().toString());
        assertThat(stored(target, "org.cityedge.telemetry.log")).containsEntry("enabled", "true");
        assertThat(target.provisioning.tls()).isEqualTo(source.provisioning.tls());
        Map<String, Object> expected = new LinkedHashMap<>(source.provisioning.settings(UPLINK));
        expected.keySet().removeIf(k -> k.endsWith("File"));
        assertThat(target.provisioning.settings(UPLINK)).containsAllEntriesOf(expected);
    }

    @Test
    void aStaleKeyWrittenByHandIsLeftOutWithANoteSoTheDocumentStillImports() throws Exception {
        Map<String, Object> withStaleKey = new LinkedHashMap<>();
        java.util.Collections.list(source.configAdmin.properties("org.cityedge.telemetry.log").keys())
                .forEach(k -> withStaleKey.put(k, source.configAdmin.properties("org.cityedge.telemetry.log").get(k)));
        withStaleKey.put("verbosity", "high"); // a .cfg from older firmware: the component ignores it
        source.configAdmin.put("org.cityedge.telemetry.log", withStaleKey);

        String document = source.provisioning.exportConfiguration(false);

        assertThat(JSON.readTree(document).path("settings").path("org.cityedge.telemetry.log").has("verbosity"))
                .isFalse();
        assertThat(JSON.readTree(document).path("notes").toString())
                .contains("settings/org.cityedge.telemetry.log/verbosity: left out");
        ChangeResult result = new Gateway(root.resolve("e"), Site.EMPTY).provisioning.importConfiguration(document);
        assertThat(result.applied()).as(result.toString()).isTrue();
    }

    @Test
    void withoutThePrivateKeyTheCertificateStaysBehind() throws Exception {
        String document = source.provisioning.exportConfiguration(false);
        assertThat(JSON.readTree(document).has("privateKey")).isFalse();
        Gateway target = new Gateway(root.resolve("c"), Site.EMPTY);
        ChangeResult result = target.provisioning.importConfiguration(document);
        assertThat(result.applied()).as(result.toString()).isTrue();
        assertThat(result.notes()).anyMatch(n -> n.contains("certificate was not imported"));
        assertThat(target.stateDir.resolve("tls/gateway.crt")).doesNotExist();
        assertThat(target.stateDir.resolve("tls/ca.crt")).exists();
        assertThat(stored(target, UPLINK)).doesNotContainKeys("certFile", "keyFile").containsKey("caFile");
    }

    @Test
    void badDocumentsChangeNothing() throws Exception {
        Gateway target = Gateway.provisioned(root.resolve("d"));
        assertThat(target.provisioning.configure(Map.of(UPLINK, Map.of("brokerUrl", "tcp://old:1883"))).applied())
                .isTrue();
        String good = source.provisioning.exportConfiguration(true);
        Map<String, String> before = snapshot(target);
        long updatesBefore = target.configAdmin.updates.size();

        ObjectNode badFormat = (ObjectNode) JSON.readTree(good);
        badFormat.put("format", "cityedge-config/2");
        ObjectNode badSetting = (ObjectNode) JSON.readTree(good);
        ((ObjectNode) badSetting.path("settings").path(UPLINK)).put("brokerUrl", "http://ioc.example");
        ObjectNode badSite = (ObjectNode) JSON.readTree(good);
        badSite.put("site", "site: dong-xoai\ngatewayId: INVALID\n");
        ObjectNode badKey = (ObjectNode) JSON.readTree(good);
        ((ObjectNode) badKey.path("files")).put("trust/ioc.pub", Pem.encode("PUBLIC KEY", new byte[] {1, 2}));
        ObjectNode weakHash = (ObjectNode) JSON.readTree(good);
        ((ObjectNode) weakHash.path("settings").path("org.cityedge.console")).put("passwordHash",
                "pbkdf2-sha256$500$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=");
        ObjectNode foreignFile = (ObjectNode) JSON.readTree(good);
        ((ObjectNode) foreignFile.path("files")).remove("coap/psk.properties");
        ((ObjectNode) foreignFile.path("settings").path(COAP)).put("pskFile",
                Files.writeString(root.resolve("foreign.properties"), "nl-001=00\n").toString());

        Map<String, String> expectedField = new TreeMap<>(Map.of(
                "not json", "document", badFormat.toString(), "format", badSetting.toString(), UPLINK + "/brokerUrl",
                badSite.toString(), "site.yaml:3: gatewayId", badKey.toString(), "files/trust/ioc.pub",
                weakHash.toString(), "org.cityedge.console/passwordHash", foreignFile.toString(), COAP + "/pskFile"));
        expectedField.put("{\"format\":\"cityedge-config/1\",\"settings\":{\"org.cityedge.rules\":{\"x\":\"1\"}}}",
                "org.cityedge.rules");
        for (Map.Entry<String, String> bad : expectedField.entrySet()) {
            ChangeResult result = target.provisioning.importConfiguration(bad.getKey());
            assertThat(result.applied()).isFalse();
            assertThat(result.problems()).extracting(FieldProblem::field).as(bad.getValue()).contains(bad.getValue());
            assertThat(snapshot(target)).as(bad.getValue()).isEqualTo(before);
            assertThat(target.configAdmin.updates).hasSize((int) updatesBefore);
        }
    }

    /** With or without a site file before: the old order replaced the site first and could not put "none" back. */
    @ParameterizedTest(name = "site file before: {0}")
    @ValueSource(booleans = {true, false})
    void whenSettingsFailTheSiteFileWasNeverTouched(boolean siteBefore) throws Exception {
        Gateway target = siteBefore ? Gateway.provisioned(root.resolve("e")) : new Gateway(root.resolve("e"),
                Site.EMPTY);
        String textBefore = target.site.text();
        Map<String, String> before = snapshot(target);
        target.configAdmin.failUpdatesOf(TRUST);
        ChangeResult result = target.provisioning.importConfiguration(source.provisioning.exportConfiguration(true));
        assertThat(result.problems()).extracting(FieldProblem::field).containsExactly(TRUST);
        assertThat(target.site.checked).as("the site text is checked first").containsExactly(source.site.text());
        assertThat(target.site.replaced).isEmpty();
        assertThat(target.site.text()).isEqualTo(textBefore);
        assertThat(snapshot(target)).isEqualTo(before);
        assertThat(target.configAdmin.properties(UPLINK)).as("the PID updated before the failure").isNull();
    }

    @Test
    void whenTheSiteFileIsRefusedAfterTheSettingsTheyAndTheFilesArePutBack() throws Exception {
        Gateway target = Gateway.provisioned(root.resolve("f"));
        assertThat(target.provisioning.configure(Map.of(UPLINK, Map.of("brokerUrl", "tcp://old:1883"))).applied())
                .isTrue();
        Map<String, String> before = snapshot(target);
        Map<String, Map<String, Object>> configAdminBefore = configAdmin(target);
        target.site.refuseWrites = true; // its check passes; the write fails

        ChangeResult result = target.provisioning.importConfiguration(source.provisioning.exportConfiguration(true));

        assertThat(result.applied()).isFalse();
        assertThat(result.problems()).extracting(FieldProblem::message).containsExactly(
                "cannot write the site file: disk full");
        assertThat(snapshot(target)).isEqualTo(before);
        assertThat(configAdmin(target)).isEqualTo(configAdminBefore);
        assertThat(target.configAdmin.properties(TRUST)).as("a PID the import created is gone again").isNull();
    }

    @Test
    void whatCannotBePutBackAfterALateSiteRefusalIsAProblemOfTheResult() throws Exception {
        Gateway target = Gateway.provisioned(root.resolve("g"));
        target.configAdmin.put(UPLINK, Map.of("brokerUrl", "tcp://old:1883")); // put back by an update, which fails
        target.site.refuseWrites = true;
        target.site.onRefusedWrite = () -> target.configAdmin.failUpdatesOf(UPLINK);

        ChangeResult result = target.provisioning.importConfiguration(source.provisioning.exportConfiguration(true));

        assertThat(result.applied()).isFalse();
        assertThat(result.problems()).extracting(FieldProblem::field).contains("site.yaml: ", "restore");
        assertThat(result.problems()).filteredOn(p -> p.field().equals("restore")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains(UPLINK, "could not be put back"));
    }

    /** The review's scenario: a setting names the private key; an export without the key must not carry it. */
    @Test
    void anExportWithoutTheKeyCarriesNoPrivateKeyWhateverASettingNames() throws Exception {
        Path key = source.stateDir.resolve("tls/gateway.key");
        ChangeResult refused = source.provisioning.configure(Map.of(COAP, Map.of("pskFile", key.toString())));
        assertThat(refused.problems()).extracting(FieldProblem::field).containsExactly(COAP + "/pskFile");
        // A hand-written file is not checked by provisioning: the export bounds what it reads on its own.
        source.configAdmin.put(COAP, Map.of("pskFile", key.toString()));

        String document = source.provisioning.exportConfiguration(false);

        assertThat(document).doesNotContain("PRIVATE KEY").doesNotContain(body(Files.readString(key)));
        JsonNode root = JSON.readTree(document);
        assertThat(root.path("files").has("coap/psk.properties")).isFalse();
        assertThat(root.path("files").has("tls/ca.crt")).as("the rest is exported").isTrue();
        assertThat(root.path("notes")).singleElement().satisfies(n -> assertThat(n.asText())
                .contains("files/coap/psk.properties", key.toString(), COAP + "/pskFile", "private key"));
        assertThat(JSON.readTree(source.provisioning.exportConfiguration(true)).path("privateKey").asText())
                .isEqualTo(Files.readString(key));
    }

    @Test
    void anExportReadsNoFileOutsideTheStateAndConfigurationDirectories() throws Exception {
        Path secret = Files.writeString(root.resolve("shadow"), "root:$6$not-for-export:19000:0:99999:7:::\n");
        Path link = Files.createSymbolicLink(source.stateDir.resolve("trust/link.pub"), secret);
        source.configAdmin.put(COAP, Map.of("pskFile", secret.toString()));
        source.configAdmin.put(TRUST, Map.of("publicKeyFile", link.toString()));
        Map<String, Object> uplink = stored(source, UPLINK);
        uplink.put("keyFile", source.stateDir.resolve("../..").resolve("shadow").toString());
        source.configAdmin.put(UPLINK, uplink);

        for (boolean withKey : List.of(false, true)) {
            String document = source.provisioning.exportConfiguration(withKey);
            assertThat(document).as("withKey=" + withKey).doesNotContain("not-for-export");
            JsonNode root = JSON.readTree(document);
            assertThat(root.path("files").has("coap/psk.properties")).isFalse();
            assertThat(root.path("files").has("trust/ioc.pub")).isFalse();
            assertThat(root.has("privateKey")).isFalse();
            assertThat(root.path("notes")).hasSize(withKey ? 3 : 2).allSatisfy(n -> assertThat(n.asText())
                    .contains("is outside the state directory", "configuration directory"));
        }
    }

    @Test
    void aFileThatIsNotTextIsLeftOutWithANoteAndTheExportGoesOn() throws Exception {
        Path psk = source.configDir.resolve("coap-psk.properties");
        Files.write(psk, new byte[] {'n', 'l', '=', (byte) 0xC3, (byte) 0x28});

        JsonNode document = JSON.readTree(source.provisioning.exportConfiguration(false));

        assertThat(document.path("files").has("coap/psk.properties")).isFalse();
        assertThat(document.path("notes")).singleElement().satisfies(n -> assertThat(n.asText())
                .contains("not UTF-8 text"));
        assertThat(document.path("files").has("tls/ca.crt")).isTrue();
    }

    /** The base64 of a PEM block, without its BEGIN and END lines. */
    private static String body(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "").substring(0, 40);
    }

    /** The stored properties of every managed PID, arrays as lists (so that equal contents compare equal). */
    private static Map<String, Map<String, Object>> configAdmin(Gateway gateway) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (String pid : Gateway.MANAGED) {
            if (gateway.configAdmin.properties(pid) != null) {
                Map<String, Object> values = new TreeMap<>();
                stored(gateway, pid).forEach((k, v) -> values.put(k, v instanceof Object[] a ? List.of(a) : v));
                out.put(pid, values);
            }
        }
        return out;
    }

    private static Map<String, Object> stored(Gateway gateway, String pid) {
        Map<String, Object> out = new LinkedHashMap<>();
        var properties = gateway.configAdmin.properties(pid);
        java.util.Collections.list(properties.keys()).forEach(k -> out.put(k, properties.get(k)));
        return out;
    }

    /** Every file of the gateway's configuration and state directories with its content, and the site text. */
    private static Map<String, String> snapshot(Gateway gateway) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (Path dir : List.of(gateway.configDir, gateway.stateDir)) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        out.put(file.toString(), Files.readString(file));
                    }
                }
            }
        }
        out.put("site", gateway.site.text());
        return out;
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
