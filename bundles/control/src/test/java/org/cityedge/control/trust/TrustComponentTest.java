package org.cityedge.control.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cityedge.api.control.DocumentRefusedException;
import org.cityedge.control.testing.Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provisioned keys: from the configuration, from a PEM file, and a bad entry that leaves the rest working. */
class TrustComponentTest {

    @TempDir
    Path dir;

    private static TrustConfig config(String[] keys, String file) {
        return new TrustConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return TrustConfig.class;
            }

            @Override
            public String[] publicKeys() {
                return keys;
            }

            @Override
            public String publicKeyFile() {
                return file;
            }
        };
    }

    @Test
    void keysFromTheConfigurationAndFromAPemFileBothVerify() throws Exception {
        Signer configured = new Signer();
        Signer inFile = new Signer();
        Path pem = dir.resolve("ioc.pem");
        Files.writeString(pem, inFile.publicKeyPem());
        TrustComponent component = new TrustComponent();
        component.configure(config(new String[] {configured.publicKeyBase64(), "garbage"}, pem.toString()));

        String doc = "{\"type\":\"schedule\",\"version\":2}";
        assertThat(component.verify("schedule", configured.envelope(doc)).version()).isEqualTo(2);
        assertThat(component.verify("schedule", inFile.envelope(doc)).version()).isEqualTo(2);
        assertThatThrownBy(() -> component.verify("schedule", new Signer().envelope(doc)))
                .isInstanceOfSatisfying(DocumentRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("bad-signature"));
    }

    @Test
    void withoutAnyUsableKeyEveryDocumentIsRefusedWithNoTrustKey() {
        TrustComponent component = new TrustComponent();
        component.configure(config(new String[0], dir.resolve("missing.pem").toString()));
        assertThatThrownBy(() -> component.verify("ruleset", new Signer().envelope("{\"type\":\"ruleset\","
                + "\"version\":1}"))).isInstanceOfSatisfying(DocumentRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("no-trust-key"));
    }
}
