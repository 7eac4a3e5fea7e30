package org.cityedge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Broker, IOC subscriber and gateway process for one test class, in {@code target/e2e/{name}/} (kept after the run:
 * the gateway's and the broker's logs are there when something failed). {@link #close()} stops the gateway first,
 * then the subscriber, then the broker, each whatever happened to the others.
 */
final class TestBed implements AutoCloseable {

    private final Path dir;
    private final GatewayConfig config;
    private Mosquitto broker;
    private IocSubscriber ioc;
    private GatewayProcess gateway;

    private TestBed(Path dir) {
        this.dir = dir;
        this.config = new GatewayConfig(dir.resolve("config"));
    }

    /**
     * Starts a broker and the IOC subscriber, writes the gateway's configuration (this site, fast polling, the
     * uplink to the broker) and starts the gateway; returns once it logged {@code cityedge ready}.
     */
    static TestBed start(String name, String siteYaml) {
        return start(name, siteYaml, config -> { });
    }

    /** As {@link #start(String, String)}, with more configuration written before the gateway starts. */
    static TestBed start(String name, String siteYaml, Consumer<GatewayConfig> moreConfig) {
        return start(name, siteYaml, "", moreConfig);
    }

    /** As {@link #start(String, String, Consumer)}, with more lines for mosquitto.conf (see {@link Mosquitto}). */
    static TestBed start(String name, String siteYaml, String brokerConfig, Consumer<GatewayConfig> moreConfig) {
        TestBed bed = new TestBed(freshDirectory(Path.of("target", "e2e", name)));
        try {
            bed.broker = Mosquitto.startIn(bed.dir.resolve("broker"), brokerConfig);
            bed.ioc = IocSubscriber.connect(bed.broker.url());
            bed.config.site(siteYaml).fastPolling().uplinkTo(bed.broker.url());
            moreConfig.accept(bed.config);
            bed.gateway = new GatewayProcess(bed.config, bed.state(), bed.dir);
            bed.gateway.start().awaitReady();
            return bed;
        } catch (Exception | AssertionError e) {
            bed.close();
            if (e instanceof AssertionError a) {
                throw a;
            }
            throw new IllegalStateException("test bed did not start in " + bed.dir.toAbsolutePath(), e);
        }
    }

    /** This class's directory, {@code target/e2e/{name}}. */
    Path dir() {
        return dir;
    }

    /** The gateway's state directory (-Dcityedge.state): the CLI token is under console/. */
    Path state() {
        return dir.resolve("state");
    }

    Mosquitto broker() {
        return broker;
    }

    IocSubscriber ioc() {
        return ioc;
    }

    GatewayProcess gateway() {
        return gateway;
    }

    GatewayConfig config() {
        return config;
    }

    /** What a failure message needs: what the IOC got and what the gateway said. */
    String diagnostics() {
        return (ioc == null ? "" : ioc.summary()) + "\n" + (gateway == null ? "" : gateway.log())
                + "\n(files in " + dir.toAbsolutePath() + ")";
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.stop();
        }
        if (ioc != null) {
            ioc.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    /** The directory, emptied (made when missing). */
    static Path freshDirectory(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
