package org.cityedge.simulator.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.Site;
import org.cityedge.simulator.Simulator;
import org.cityedge.site.load.LoadResult;
import org.cityedge.site.load.SiteFiles;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a simulated site before all tests of a class and stops it after them.
 *
 * <pre>{@code
 * @RegisterExtension
 * static SimulatorExtension sim = SimulatorExtension.forSite(Path.of("deploy/demo/site.yaml"))
 *         .isolated()                          // free TCP ports and a private pty directory
 *         .turnaround(Duration.ofMillis(5));
 *
 * @Test
 * void lampFailureRaisesAlarm() {
 *     sim.simulator().device("sl-001").failLamp(true);
 *     Path siteForGateway = sim.siteFile();    // the site as served, to hand to the gateway under test
 * }
 * }</pre>
 *
 * Test methods may also take a {@link Simulator} parameter. The site is loaded with the site loader
 * ({@link SiteFiles}): a site with problems fails the class with those problems listed, unless
 * {@link #tolerateProblems()} is set.
 */
public final class SimulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final Path siteFile;
    private final Site site;
    private final Map<String, DeviceProfile> profiles;
    private final List<Path> profileDirs = new ArrayList<>();
    private final Simulator.Builder builder = Simulator.builder();
    private boolean privatePtyDirectory;
    private boolean tolerateProblems;
    private Simulator simulator;
    private Path workDirectory;
    private Path servedSiteFile;

    private SimulatorExtension(Path siteFile, Site site, Map<String, DeviceProfile> profiles) {
        this.siteFile = siteFile;
        this.site = site;
        this.profiles = profiles;
    }

    /** Simulates the site in this file, with the built-in profiles (and any {@link #profiles} directories). */
    public static SimulatorExtension forSite(Path siteFile) {
        return new SimulatorExtension(siteFile, null, null);
    }

    /** Simulates a site built in code. */
    public static SimulatorExtension forSite(Site site, Map<String, DeviceProfile> profiles) {
        return new SimulatorExtension(null, site, Map.copyOf(profiles));
    }

    /** Extra profile directories. */
    public SimulatorExtension profiles(Path... dirs) {
        profileDirs.addAll(List.of(dirs));
        return this;
    }

    /** Every TCP bus on a free port. */
    public SimulatorExtension freePorts() {
        builder.anyFreePorts();
        return this;
    }

    /** Serial buses' pty links in a fresh temporary directory, deleted after the tests. */
    public SimulatorExtension privatePtyDirectory() {
        privatePtyDirectory = true;
        return this;
    }

    /** Serial buses' pty links in this directory. */
    public SimulatorExtension ptyDirectory(Path dir) {
        builder.ptyDirectory(dir);
        return this;
    }

    /** Free ports and a private pty directory: nothing shared with other runs on the machine. */
    public SimulatorExtension isolated() {
        return freePorts().privatePtyDirectory();
    }

    /** One TCP bus on a given port. */
    public SimulatorExtension tcpPort(String busId, int port) {
        builder.tcpPort(busId, port);
        return this;
    }

    public SimulatorExtension turnaround(Duration turnaround) {
        builder.turnaround(turnaround);
        return this;
    }

    public SimulatorExtension seed(long seed) {
        builder.seed(seed);
        return this;
    }

    public SimulatorExtension speed(double speed) {
        builder.speed(speed);
        return this;
    }

    /** DTLS pre-shared keys of CoAP devices, by device id (also the PSK identity). */
    public SimulatorExtension coapKeys(Map<String, byte[]> keys) {
        builder.coapKeys(keys);
        return this;
    }

    /** Where push nodes POST their readings ({@code coaps://host:port} or {@code coap://host:port}). */
    public SimulatorExtension coapGateway(java.net.URI gateway) {
        builder.coapGateway(gateway);
        return this;
    }

    /** How often push nodes POST their readings. */
    public SimulatorExtension pushInterval(Duration interval) {
        builder.pushInterval(interval);
        return this;
    }

    /** Start even when the site loader reports problems (the usable part is simulated). */
    public SimulatorExtension tolerateProblems() {
        tolerateProblems = true;
        return this;
    }

    /** The running simulator. @throws IllegalStateException outside the test class's lifetime */
    public Simulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("the simulator runs only between beforeAll and afterAll");
        }
        return simulator;
    }

    /** The site as served (overridden ports and pty paths), written to a file for a gateway under test. */
    public Path siteFile() {
        simulator();
        return servedSiteFile;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        workDirectory = Files.createTempDirectory("cityedge-sim-");
        if (privatePtyDirectory) {
            builder.ptyDirectory(workDirectory);
        }
        Site toServe = site;
        Map<String, DeviceProfile> toUse = profiles;
        if (siteFile != null) {
            LoadResult loaded = SiteFiles.load(siteFile, profileDirs);
            if (!loaded.usable() || (!tolerateProblems && !loaded.problems().isEmpty())) {
                cleanUp();
                throw new IllegalStateException("site " + siteFile + " has problems:\n" + loaded.problems().stream()
                        .map(Object::toString).collect(Collectors.joining("\n")));
            }
            toServe = loaded.site();
            toUse = loaded.profiles();
        }
        Simulator s = builder.build();
        try {
            s.start(toServe, toUse);
        } catch (IOException | RuntimeException e) {
            cleanUp();
            throw e;
        }
        simulator = s;
        servedSiteFile = workDirectory.resolve("site.yaml");
        simulator.writeSite(servedSiteFile);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (simulator != null) {
            simulator.stop();
            simulator = null;
        }
        cleanUp();
    }

    private void cleanUp() throws IOException {
        if (workDirectory != null && Files.exists(workDirectory)) {
            try (Stream<Path> files = Files.walk(workDirectory)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        workDirectory = null;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Simulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return simulator();
    }
}
