package org.cityedge.provisioning.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.apache.felix.framework.FrameworkFactory;
import org.cityedge.api.provision.ChangeResult;
import org.cityedge.provisioning.internal.TestMetatype;
import org.cityedge.provisioning.internal.files.FileDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;

/**
 * The real thing: Felix framework with Felix ConfigAdmin 1.9.26 and FileInstall 3.7.4 watching a directory, set up
 * as the gateway runs them (enableConfigSave=false). A change written by provisioning reaches the component once:
 * FileInstall, seeing the written file, finds an equal configuration and leaves it alone.
 */
class FileInstallAgreementTest {

    private static final String PID = "org.cityedge.test";
    private static final String SENTINEL = "org.cityedge.sentinel";

    @TempDir
    Path dir;
    @TempDir
    Path storage;
    private Framework framework;
    private ConfigurationAdmin admin;
    private final List<String> updated = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startFramework() throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // The test and the bundles share this classpath's ConfigAdmin API.
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.osgi.service.cm;version=1.6.1");
        properties.put("felix.fileinstall.dir", dir.toString());
        properties.put("felix.fileinstall.poll", "100");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.enableConfigSave", "false");
        properties.put("felix.fileinstall.log.level", "1");
        framework = new FrameworkFactory().newFramework(properties);
        framework.start();
        BundleContext context = framework.getBundleContext();
        for (Class<?> inBundle : List.of(org.apache.felix.cm.impl.ConfigurationManager.class,
                org.apache.felix.fileinstall.internal.FileInstall.class)) {
            String location = inBundle.getProtectionDomain().getCodeSource().getLocation().toString();
            context.installBundle(location).start();
        }
        context.registerService(ConfigurationListener.class, this::count, null);
        admin = context.getService(context.getServiceReference(ConfigurationAdmin.class));
    }

    @AfterEach
    void stopFramework() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    private void count(ConfigurationEvent event) {
        if (event.getType() == ConfigurationEvent.CM_UPDATED) {
            updated.add(event.getPid());
        }
    }

    @Test
    void fileInstallFindsTheWrittenConfigurationEqualAndDoesNotUpdateItAgain() throws Exception {
        // A hand-written file, loaded by FileInstall first: the usual state of a gateway.
        Files.writeString(dir.resolve(PID + ".cfg"), "periodMs = 1000\n");
        await(() -> updated.contains(PID), "FileInstall loads the hand-written file");

        SettingsStore store = new SettingsStore(admin, new TestMetatype().add(PID,
                TestMetatype.integer("periodMs", "500", 1), TestMetatype.strings("names")), directories(),
                () -> List.of(PID));
        ChangeResult result = store.configure(Map.of(PID, Map.of("periodMs", "2000", "names", "a, b")),
                SettingsStore.Options.CHANGE);
        assertThat(result.applied()).as(result.toString()).isTrue();
        String written = Files.readString(dir.resolve(PID + ".cfg"));

        // A file created after ours: once its configuration arrives, FileInstall has processed ours too.
        Files.writeString(dir.resolve(SENTINEL + ".cfg"), "x = 1\n");
        await(() -> updated.contains(SENTINEL), "FileInstall loads the sentinel");

        assertThat(updated.stream().filter(PID::equals)).as("updates of %s: the file, then provisioning", PID)
                .hasSize(2);
        Configuration configuration = admin.listConfigurations("(service.pid=" + PID + ")")[0];
        assertThat(configuration.getProperties().get("periodMs")).isEqualTo("2000");
        assertThat(configuration.getProperties().get("names")).isEqualTo(new String[] {"a", "b"});
        assertThat(configuration.getProperties().get("felix.fileinstall.filename")).isEqualTo(
                new File(dir.toFile().getCanonicalFile(), PID + ".cfg").getAbsoluteFile().toURI().toString());
        assertThat(Files.readString(dir.resolve(PID + ".cfg"))).as("FileInstall never writes back").isEqualTo(written);
    }

    @Test
    void aFileThatDiffersFromConfigAdminIsLoadedByFileInstall() throws Exception {
        // The control: FileInstall does update when the file and ConfigAdmin differ, so the test above can fail.
        SettingsStore store = new SettingsStore(admin, new TestMetatype().add(PID,
                TestMetatype.integer("periodMs", "500", 1)), directories(), () -> List.of(PID));
        assertThat(store.configure(Map.of(PID, Map.of("periodMs", "2000")), SettingsStore.Options.CHANGE).applied())
                .isTrue();
        Files.writeString(dir.resolve(PID + ".cfg"), "periodMs = 3000\n");
        await(() -> "3000".equals(periodMs()), "FileInstall loads the edited file");
        // Listeners hear of updates asynchronously, in order: the sentinel's event comes after the edit's.
        Files.writeString(dir.resolve(SENTINEL + ".cfg"), "x = 1\n");
        await(() -> updated.contains(SENTINEL), "FileInstall loads the sentinel");
        assertThat(updated.stream().filter(PID::equals)).hasSize(2);
    }

    /** The watched directory; no state directory is needed here. */
    private FileDirectories directories() {
        return new FileDirectories(dir.resolve("no-state"), dir);
    }

    private Object periodMs() {
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + PID + ")");
            return found == null ? null : found[0].getProperties().get("periodMs");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
