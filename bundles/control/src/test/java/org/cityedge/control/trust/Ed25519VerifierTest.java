package org.cityedge.control.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.cityedge.api.control.DocumentRefusedException;
import org.cityedge.api.control.VerifiedDocument;
import org.cityedge.control.testing.DemoSite;
import org.cityedge.control.testing.Signer;
import org.junit.jupiter.api.Test;

/** Signatures by the IOC's key: good, unsigned, tampered, wrong key, wrong type, wrong gateway and site. */
class Ed25519VerifierTest {

    private static final DemoSite SITE = DemoSite.load(); // dong-xoai / dx-cab-001
    private final Signer ioc = new Signer();
    private final Ed25519Verifier verifier = new Ed25519Verifier(List.of(TrustKeys.parse(ioc.publicKeyBase64())),
            () -> SITE);

    private static final String RULESET = "{\"type\":\"ruleset\",\"version\":7,\"site\":\"dong-xoai\","
            + "\"gatewayId\":\"dx-cab-001\",\"rules\":[]}";

    private static String codeOf(Ed25519Verifier v, String type, String envelope) {
        try {
            v.verify(type, envelope);
            throw new AssertionError("accepted: " + envelope);
        } catch (DocumentRefusedException e) {
            assertThat(e.getMessage()).isNotBlank();
            return e.code();
        }
    }

    @Test
    void aDocumentSignedByTheIocKeyIsReturnedAsSigned() throws Exception {
        VerifiedDocument doc = verifier.verify("ruleset", ioc.envelope(RULESET));
        assertThat(doc.type()).isEqualTo("ruleset");
        assertThat(doc.version()).isEqualTo(7);
        assertThat(doc.json()).isEqualTo(RULESET);
    }

    @Test
    void aDocumentWithoutTargetIsForAnyGateway() throws Exception {
        assertThat(verifier.verify("schedule", ioc.envelope("{\"type\":\"schedule\",\"version\":1}")).version())
                .isEqualTo(1);
    }

    @Test
    void unsignedAndMalformedEnvelopesAreRefusedAsInvalid() {
        String doc = Base64.getEncoder().encodeToString(RULESET.getBytes(StandardCharsets.UTF_8));
        assertThat(codeOf(verifier, "ruleset", "{\"document\":\"" + doc + "\"}")).isEqualTo("invalid-envelope");
        assertThat(codeOf(verifier, "ruleset", "{\"document\":\"" + doc + "\",\"signature\":\"\"}"))
                .isEqualTo("invalid-envelope");
        assertThat(codeOf(verifier, "ruleset", "{\"document\":\"" + doc + "\",\"signature\":\"%%%\"}"))
                .isEqualTo("invalid-envelope");
        assertThat(codeOf(verifier, "ruleset", "{\"document\":\"" + doc + "\",\"signature\":\"AAAA\"}"))
                .isEqualTo("invalid-envelope"); // 3 bytes, not 64
        assertThat(codeOf(verifier, "ruleset", RULESET)).isEqualTo("invalid-envelope");
        assertThat(codeOf(verifier, "ruleset", "not json")).isEqualTo("invalid-envelope");
        assertThat(codeOf(verifier, "ruleset", "[]")).isEqualTo("invalid-envelope");
    }

    @Test
    void aTamperedDocumentOrSignatureDoesNotVerify() {
        byte[] doc = RULESET.getBytes(StandardCharsets.UTF_8);
        byte[] signature = ioc.sign(doc);
        byte[] changed = RULESET.replace("\"version\":7", "\"version\":8").getBytes(StandardCharsets.UTF_8);
        assertThat(codeOf(verifier, "ruleset", Signer.envelope(changed, signature))).isEqualTo("bad-signature");
        signature[10] ^= 1;
        assertThat(codeOf(verifier, "ruleset", Signer.envelope(doc, signature))).isEqualTo("bad-signature");
    }

    @Test
    void aDocumentSignedByAnotherKeyDoesNotVerify() {
        assertThat(codeOf(verifier, "ruleset", new Signer().envelope(RULESET))).isEqualTo("bad-signature");
    }

    @Test
    void theTypeComesFromTheSignedBytes() {
        assertThat(codeOf(verifier, "schedule", ioc.envelope(RULESET))).isEqualTo("wrong-type");
    }

    @Test
    void aDocumentForAnotherGatewayOrSiteIsRefused() {
        assertThat(codeOf(verifier, "ruleset", ioc.envelope(RULESET.replace("dx-cab-001", "dx-cab-002"))))
                .isEqualTo("wrong-target");
        assertThat(codeOf(verifier, "ruleset", ioc.envelope(RULESET.replace("dong-xoai", "binh-long"))))
                .isEqualTo("wrong-target");
        Ed25519Verifier noSite = new Ed25519Verifier(List.of(TrustKeys.parse(ioc.publicKeyBase64())), () -> null);
        assertThat(codeOf(noSite, "ruleset", ioc.envelope(RULESET))).isEqualTo("wrong-target");
    }

    @Test
    void aSignedDocumentWithoutTypeOrVersionIsInvalid() {
        assertThat(codeOf(verifier, "ruleset", ioc.envelope("{\"type\":\"ruleset\"}"))).isEqualTo("invalid-document");
        assertThat(codeOf(verifier, "ruleset", ioc.envelope("{\"type\":\"ruleset\",\"version\":1.5}")))
                .isEqualTo("invalid-document");
        assertThat(codeOf(verifier, "ruleset", ioc.envelope("[1]"))).isEqualTo("invalid-document");
    }

    @Test
    void withoutAKeyEveryDocumentIsRefused() {
        Ed25519Verifier none = new Ed25519Verifier(List.of(), () -> SITE);
        assertThat(codeOf(none, "ruleset", ioc.envelope(RULESET))).isEqualTo("no-trust-key");
    }

    @Test
    void keysAreReadFromBase64OrPemAndEitherOfTwoRotatingKeysVerifies() throws Exception {
        Signer next = new Signer();
        List<String> problems = new ArrayList<>();
        Ed25519Verifier rotating = new Ed25519Verifier(TrustKeys.parseAll(List.of(ioc.publicKeyPem()
                + next.publicKeyPem(), "not a key"), problems), () -> SITE);
        assertThat(rotating.keyCount()).isEqualTo(2);
        assertThat(problems).singleElement().asString().contains("not an Ed25519 public key");
        assertThat(rotating.verify("ruleset", ioc.envelope(RULESET)).version()).isEqualTo(7);
        assertThat(rotating.verify("ruleset", next.envelope(RULESET)).version()).isEqualTo(7);
        assertThatThrownBy(() -> TrustKeys.parse("-----BEGIN PUBLIC KEY-----\nAAAA"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
