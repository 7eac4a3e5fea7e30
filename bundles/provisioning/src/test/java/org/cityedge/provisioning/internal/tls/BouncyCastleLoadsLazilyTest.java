package org.cityedge.provisioning.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityedge.provisioning.internal.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BouncyCastle is embedded for certificate requests only: nothing of it loads before one is made. */
class BouncyCastleLoadsLazilyTest {

    /** Loads this module and its dependencies afresh, recording every class it defines. */
    private static final class RecordingLoader extends URLClassLoader {
        final List<String> defined = new CopyOnWriteArrayList<>();

        RecordingLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            defined.add(name);
            return super.findClass(name);
        }
    }

    @TempDir
    Path state;

    @Test
    void nothingOfBouncyCastleLoadsUntilARequestIsMade() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        URL[] urls = Arrays.stream(classPath.split(File.pathSeparator)).map(BouncyCastleLoadsLazilyTest::url)
                .toArray(URL[]::new);
        try (RecordingLoader loader = new RecordingLoader(urls)) {
            String internal = "org.cityedge.provisioning.internal.";
            for (String name : List.of("GatewayProvisioning", "ProvisioningComponent", "tls.TlsProvisioning",
                    "tls.Pem", "tls.PrivateKeys", "tls.CertificateCheck", "transfer.ConfigExport",
                    "transfer.ConfigImport", "settings.SettingsStore", "settings.SettingsWriter", "settings.CfgFormat",
                    "settings.ConfigurationChecker")) {
                Class.forName(internal + name, true, loader);
            }
            Class<?> files = Class.forName(internal + "tls.TlsFiles", true, loader);
            files.getMethod("status").invoke(files.getConstructor(Path.class).newInstance(state));
            assertThat(loader.defined).contains(internal + "tls.TlsProvisioning")
                    .noneMatch(name -> name.startsWith("org.bouncycastle."));

            // The control: making a request loads it, so the recording above can see it.
            Method create = Class.forName(internal + "tls.CertificateRequests", true, loader)
                    .getDeclaredMethod("create", KeyPair.class, String.class, String.class);
            create.setAccessible(true);
            assertThat((String) create.invoke(null, TestPki.ecKeys(), "dx-cab-001", "dong-xoai"))
                    .startsWith("-----BEGIN CERTIFICATE REQUEST-----");
            assertThat(loader.defined).anyMatch(name -> name.startsWith("org.bouncycastle.asn1."));
        }
    }

    private static URL url(String path) {
        try {
            return Path.of(path).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path, e);
        }
    }
}
