package org.cityedge.provisioning.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.cityedge.api.provision.ChangeResult;
import org.cityedge.api.provision.FieldProblem;
import org.cityedge.api.provision.TlsStatus;
import org.cityedge.api.site.Site;
import org.cityedge.provisioning.internal.FileInstallReader;
import org.cityedge.provisioning.internal.Gateway;
import org.cityedge.provisioning.internal.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsProvisioningTest {

    private static final String UPLINK = "org.cityedge.uplink.mqtt";

    @TempDir
    Path root;

    private Gateway gateway() {
        return Gateway.provisioned(root);
    }

    private static PKCS10CertificationRequest parse(String pem) throws Exception {
        return new PKCS10CertificationRequest(Pem.decode(pem, "CERTIFICATE REQUEST").get(0));
    }

    /** The request's key as a JDK key (BouncyCastle's lookup by OID needs its own provider). */
    private static PublicKey publicKey(PKCS10CertificationRequest request) throws Exception {
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(
                request.getSubjectPublicKeyInfo().getEncoded()));
    }

    private static String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void theRequestVerifiesNamesTheGatewayAndItsKeyIsOwnerOnly() throws Exception {
        Gateway gw = gateway();
        String pem = gw.provisioning.createCertificateRequest();
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        PKCS10CertificationRequest request = parse(pem);
        assertThat(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey(request))))
                .isTrue();
        assertThat(new X500Principal(request.getSubject().getEncoded()).getName())
                .isEqualTo("CN=dx-cab-001,O=dong-xoai");
        assertThat(publicKey(request).getAlgorithm()).isEqualTo("EC");
        byte[] tampered = request.getEncoded();
        tampered[tampered.length - 1] ^= 1;
        assertThat(new PKCS10CertificationRequest(tampered).isSignatureValid(new JcaContentVerifierProviderBuilder()
                .build(publicKey(request)))).as("the check can fail").isFalse();

        Path pending = gw.stateDir.resolve("tls/gateway.key.pending");
        assertThat(permissions(pending)).isEqualTo("rw-------");
        assertThat(PrivateKeys.matches(PrivateKeys.parse(Files.readString(pending)),
                publicKey(request))).isTrue();
        TlsStatus status = gw.provisioning.tls();
        assertThat(status.keyPresent()).isTrue();
        assertThat(status.requestPending()).isTrue();
        assertThat(status.certificateSubject()).isNull();
    }

    @Test
    void aGatewayWithoutIdentityHasNoRequest() {
        Gateway gw = new Gateway(root, Site.EMPTY);
        assertThatThrownBy(gw.provisioning::createCertificateRequest).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("identity");
    }

    @Test
    void installsACertificateForThePendingKeyAndPointsTheUplinkAtIt() throws Exception {
        Gateway gw = gateway();
        PublicKey requested = publicKey(parse(gw.provisioning.createCertificateRequest()));
        TestPki.Authority ca = TestPki.root("IOC Root CA");
        X509Certificate certificate = TestPki.issue(ca, requested, "CN=dx-cab-001,O=dong-xoai");

        ChangeResult result = gw.provisioning.installCertificate(Pem.certificates(List.of(certificate)), ca.pem());
        assertThat(result.applied()).as(result.toString()).isTrue();

        Path tls = gw.stateDir.resolve("tls");
        assertThat(Pem.certificates(Files.readString(tls.resolve("gateway.crt")))).containsExactly(certificate);
        assertThat(Pem.certificates(Files.readString(tls.resolve("ca.crt")))).containsExactly(ca.certificate());
        assertThat(tls.resolve("gateway.key.pending")).doesNotExist();
        assertThat(permissions(tls.resolve("gateway.key"))).isEqualTo("rw-------");
        assertThat(PrivateKeys.matches(PrivateKeys.parse(Files.readString(tls.resolve("gateway.key"))), requested))
                .isTrue();
        assertThat(FileInstallReader.read(gw.configDir.resolve(UPLINK + ".cfg")))
                .containsEntry("caFile", tls.resolve("ca.crt").toAbsolutePath().toString())
                .containsEntry("certFile", tls.resolve("gateway.crt").toAbsolutePath().toString())
                .containsEntry("keyFile", tls.resolve("gateway.key").toAbsolutePath().toString());
        assertThat(gw.configAdmin.updatesOf(UPLINK)).isEqualTo(1);

        TlsStatus status = gw.provisioning.tls();
        assertThat(status.requestPending()).isFalse();
        assertThat(status.certificateSubject()).isEqualTo("CN=dx-cab-001,O=dong-xoai");
        assertThat(status.certificateNotAfter()).isEqualTo(certificate.getNotAfter().getTime());
        assertThat(status.caSubject()).isEqualTo("CN=IOC Root CA");
    }

    @Test
    void aRenewedCertificateForTheInstalledKeyIsAccepted() throws Exception {
        Gateway gw = gateway();
        PublicKey requested = publicKey(parse(gw.provisioning.createCertificateRequest()));
        TestPki.Authority ca = TestPki.root("IOC Root CA");
        assertThat(gw.provisioning.installCertificate(Pem.certificates(List.of(TestPki.issue(ca, requested,
                "CN=dx-cab-001,O=dong-xoai"))), ca.pem()).applied()).isTrue();
        X509Certificate renewed = TestPki.issue(ca, requested, "CN=dx-cab-001,O=dong-xoai");
        ChangeResult result = gw.provisioning.installCertificate(Pem.certificates(List.of(renewed)), ca.pem());
        assertThat(result.applied()).as(result.toString()).isTrue();
        assertThat(Pem.certificates(Files.readString(gw.stateDir.resolve("tls/gateway.crt"))))
                .containsExactly(renewed);
        assertThat(gw.configAdmin.updatesOf(UPLINK)).as("re-read by the uplink").isEqualTo(2);
    }

    @Test
    void aChainThroughAnIntermediateIsAccepted() throws Exception {
        Gateway gw = gateway();
        PublicKey requested = publicKey(parse(gw.provisioning.createCertificateRequest()));
        TestPki.Authority rootCa = TestPki.root("City Root");
        TestPki.Authority issuing = TestPki.intermediate("City Devices CA", rootCa);
        X509Certificate leaf = TestPki.issue(issuing, requested, "CN=dx-cab-001,O=dong-xoai");
        ChangeResult result = gw.provisioning.installCertificate(Pem.certificates(List.of(leaf)),
                issuing.pem() + rootCa.pem());
        assertThat(result.applied()).as(result.toString()).isTrue();
    }

    @Test
    void aCertificateForAnotherKeyIsRefusedAndNothingChanges() throws Exception {
        Gateway gw = gateway();
        gw.provisioning.createCertificateRequest();
        TestPki.Authority ca = TestPki.root("IOC Root CA");
        X509Certificate other = TestPki.issue(ca, TestPki.ecKeys().getPublic(), "CN=dx-cab-001,O=dong-xoai");
        assertRefusedUnchanged(gw, gw.provisioning.installCertificate(Pem.certificates(List.of(other)), ca.pem()),
                "certificate", "another key");
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        Gateway gw = gateway();
        PublicKey requested = publicKey(parse(gw.provisioning.createCertificateRequest()));
        TestPki.Authority ca = TestPki.root("IOC Root CA");
        X509Certificate expired = TestPki.issue(ca, requested, "CN=dx-cab-001,O=dong-xoai",
                Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(35)));
        assertRefusedUnchanged(gw, gw.provisioning.installCertificate(Pem.certificates(List.of(expired)), ca.pem()),
                "certificate", "expired");
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() throws Exception {
        Gateway gw = gateway();
        PublicKey requested = publicKey(parse(gw.provisioning.createCertificateRequest()));
        X509Certificate byRogue = TestPki.issue(TestPki.root("Rogue CA"), requested, "CN=dx-cab-001,O=dong-xoai");
        assertRefusedUnchanged(gw, gw.provisioning.installCertificate(Pem.certificates(List.of(byRogue)),
                TestPki.root("IOC Root CA").pem()), "ca", "does not chain");
    }

    @Test
    void garbageIsRefusedNamingTheInput() throws Exception {
        Gateway gw = gateway();
        assertRefusedUnchanged(gw, gw.provisioning.installCertificate("hello", TestPki.root("x").pem()),
                "certificate", "no -----BEGIN CERTIFICATE");
        assertRefusedUnchanged(gw, gw.provisioning.installCertificate(TestPki.root("x").pem(), "-----BEGIN "
                + "CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----"), "ca", "");
    }

    private static void assertRefusedUnchanged(Gateway gw, ChangeResult result, String field, String message) {
        assertThat(result.applied()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).contains(message);
        });
        assertThat(gw.stateDir.resolve("tls/gateway.crt")).doesNotExist();
        assertThat(gw.stateDir.resolve("tls/ca.crt")).doesNotExist();
        assertThat(gw.configAdmin.updates).isEmpty();
    }

    @Test
    void theIocEd25519KeyIsInstalledAndTrustPointsAtIt() throws Exception {
        Gateway gw = gateway();
        KeyPair ioc = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        ChangeResult result = gw.provisioning.setIocPublicKey(Pem.encode("PUBLIC KEY", ioc.getPublic().getEncoded()));
        assertThat(result.applied()).as(result.toString()).isTrue();
        Path file = gw.stateDir.resolve("trust/ioc.pub");
        assertThat(Pem.decode(Files.readString(file), "PUBLIC KEY")).singleElement()
                .isEqualTo(ioc.getPublic().getEncoded());
        assertThat(gw.configAdmin.properties("org.cityedge.trust").get("publicKeyFile"))
                .isEqualTo(file.toAbsolutePath().toString());
        assertThat(gw.provisioning.tls().iocKeyPresent()).isTrue();
    }

    @Test
    void anRsaKeyOrGarbageIsNotAnIocKey() throws Exception {
        Gateway gw = gateway();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        for (String pem : List.of(Pem.encode("PUBLIC KEY", rsa.generateKeyPair().getPublic().getEncoded()),
                "not a key", Pem.encode("PUBLIC KEY", new byte[] {1, 2, 3}))) {
            ChangeResult result = gw.provisioning.setIocPublicKey(pem);
            assertThat(result.problems()).as(pem).extracting(FieldProblem::field).containsExactly("publicKey");
        }
        assertThat(gw.stateDir.resolve("trust/ioc.pub")).doesNotExist();
        assertThat(gw.configAdmin.updates).isEmpty();
        assertThat(gw.provisioning.tls().iocKeyPresent()).isFalse();
    }
}
