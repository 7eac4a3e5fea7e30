package org.cityedge.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.simulator.model.DeviceModel;
import org.cityedge.simulator.transport.BusServer;
import org.cityedge.simulator.transport.ModbusTcpServer;
import org.cityedge.simulator.transport.RtuOverTcpServer;
import org.cityedge.simulator.transport.SerialPtyServer;
import org.cityedge.site.load.SiteWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulates the field devices of a site: serves each bus, ticks each device's model, injects faults on demand.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.builder().anyFreePorts().ptyDirectory(tmp).build().start(site, profiles)) {
 *     sim.device("sl-001").fault(Fault.slow(200));
 *     sim.endpoints().forEach(System.out::println);
 * }
 * }</pre>
 *
 * One instance serves one site once: {@link #start} then {@link #stop}. A JVM shutdown hook stops it too, so socat
 * never outlives the simulator on Ctrl-C or SIGTERM.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
    private static final String LOOPBACK = "127.0.0.1";

    private final Builder options;
    private final Map<String, SimulatedBus> buses = new LinkedHashMap<>();
    private final Map<String, SimulatedDevice> devices = new LinkedHashMap<>();
    private final List<BusServer> servers = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private Site site;
    private SimulationClock clock;
    private Thread shutdownHook;
    private boolean started;
    private volatile boolean running;

    private Simulator(Builder options) {
        this.options = options;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Serves every bus of {@code site} with its devices. Devices whose profile is missing or whose bus is unknown are
     * left out with a warning ({@link #warnings()}).
     *
     * @throws IOException when a bus cannot be served (port in use, socat missing); nothing is left running
     * @throws IllegalStateException when called twice
     */
    public synchronized Simulator start(Site site, Map<String, DeviceProfile> profiles) throws IOException {
        if (started) {
            throw new IllegalStateException("a simulator starts once");
        }
        started = true;
        ZoneId zone = zone(site.timezone());
        Instant start = options.startTime != null ? options.startTime : Instant.now();
        Map<String, Map<Integer, SimulatedDevice>> byBus = new HashMap<>();
        for (BusDefinition b : site.buses()) {
            if (b.type().isModbus()) {
                byBus.put(b.id(), new LinkedHashMap<>());
            } else {
                warn("bus " + b.id() + " left out: the simulator serves Modbus buses only");
            }
        }
        for (DeviceDefinition d : site.devices()) {
            DeviceProfile profile = profiles.get(d.profile());
            Map<Integer, SimulatedDevice> onBus = byBus.get(d.bus());
            if (profile == null || onBus == null || onBus.containsKey(d.unitId())) {
                warn("device " + d.id() + " left out: " + (profile == null ? "no profile " + d.profile()
                        : onBus == null ? "no bus " + d.bus() : "unit " + d.unitId() + " taken on " + d.bus()));
                continue;
            }
            long seed = options.seed ^ (d.id().hashCode() * 0x9E3779B97F4A7C15L);
            SimulatedDevice device = new SimulatedDevice(d, new DeviceModel(profile, seed, zone, start), seed);
            onBus.put(d.unitId(), device);
            devices.put(d.id(), device);
        }
        List<BusDefinition> served = new ArrayList<>();
        try {
            for (BusDefinition b : site.buses()) {
                if (!byBus.containsKey(b.id())) {
                    continue;
                }
                SimulatedBus bus = new SimulatedBus(effective(b), byBus.get(b.id()));
                BusServer server = server(bus);
                servers.add(server);
                bus.served(server.start());
                buses.put(b.id(), bus);
                served.add(bus.definition());
            }
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
        this.site = new Site(site.site(), site.gatewayId(), site.location(), site.timezone(), served,
                site.devices().stream().filter(d -> devices.containsKey(d.id())).toList());
        clock = new SimulationClock(devices.values(), start, options.tick, options.speed);
        clock.start();
        shutdownHook = new Thread(this::stop, "sim-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        running = true;
        return this;
    }

    /** Stops serving: closes sockets, kills socat, ends every thread it started. Idempotent. */
    public synchronized void stop() {
        running = false;
        if (clock != null) {
            clock.stop();
        }
        for (BusServer s : servers) {
            s.close();
        }
        servers.clear();
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook runs stop() itself
            }
        }
        shutdownHook = null;
    }

    @Override
    public void close() {
        stop();
    }

    public boolean running() {
        return running;
    }

    /** The device with this id. @throws IllegalArgumentException when the site has none */
    public SimulatedDevice device(String id) {
        SimulatedDevice d = devices.get(id);
        if (d == null) {
            throw new IllegalArgumentException("no simulated device " + id);
        }
        return d;
    }

    public Collection<SimulatedDevice> devices() {
        return List.copyOf(devices.values());
    }

    /** The bus with this id. @throws IllegalArgumentException when the site has none */
    public SimulatedBus bus(String id) {
        SimulatedBus b = buses.get(id);
        if (b == null) {
            throw new IllegalArgumentException("no simulated bus " + id);
        }
        return b;
    }

    public List<SimulatedBus> buses() {
        return List.copyOf(buses.values());
    }

    /** Where each bus is served, in site order. */
    public List<Endpoint> endpoints() {
        return buses.values().stream().map(SimulatedBus::endpoint).toList();
    }

    /** The site as served: bus ports and paths after overrides, only the devices simulated. */
    public Site site() {
        return site;
    }

    /** Writes {@link #site()} as a site file, for a gateway under test to load. */
    public void writeSite(Path file) {
        SiteWriter.write(Objects.requireNonNull(site, "not started"), file);
    }

    /** Devices left out at start, and why. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Simulation time. */
    public Instant now() {
        return clock.now();
    }

    /** Jumps simulation time ahead (energy, hours, weather, water), e.g. to test accumulation without waiting. */
    public void advance(Duration d) {
        clock.advance(d);
    }

    private void warn(String message) {
        warnings.add(message);
        LOG.warn(message);
    }

    private BusServer server(SimulatedBus bus) {
        long turnaround = options.turnaround.toNanos();
        return switch (bus.definition().type()) {
            case TCP -> new ModbusTcpServer(bus);
            case RTU_OVER_TCP -> new RtuOverTcpServer(bus, turnaround);
            case SERIAL -> new SerialPtyServer(bus, turnaround);
            case COAP, GPIO -> throw new IllegalArgumentException("not a Modbus bus: " + bus.id());
        };
    }

    /** The bus with the builder's overrides applied, on loopback only. */
    private BusDefinition effective(BusDefinition b) {
        if (b.type() == BusType.SERIAL) {
            String port = options.ptyDirectory != null ? options.ptyDirectory.resolve(b.id()).toString() : b.port();
            if (port == null) {
                throw new IllegalArgumentException("serial bus " + b.id() + " has no port path");
            }
            return new BusDefinition(b.id(), b.type(), port, b.baud(), b.parity(), b.stopBits(), b.host(),
                    b.tcpPort(), b.interFrameDelayMs(), b.maxConnections());
        }
        String host = b.host();
        if (!isLoopback(host)) {
            warn("bus " + b.id() + ": host " + host + " is not loopback; serving on " + LOOPBACK);
            host = LOOPBACK;
        }
        int port = options.tcpPorts.getOrDefault(b.id(), options.anyFreePorts ? 0 : b.tcpPort());
        return new BusDefinition(b.id(), b.type(), b.port(), b.baud(), b.parity(), b.stopBits(), host, port,
                b.interFrameDelayMs(), b.maxConnections());
    }

    private static boolean isLoopback(String host) {
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    /** Options of a simulator. */
    public static final class Builder {

        private Duration turnaround = Duration.ofMillis(5);
        private long seed = 1;
        private Duration tick = Duration.ofMillis(100);
        private double speed = 1;
        private Instant startTime;
        private final Map<String, Integer> tcpPorts = new HashMap<>();
        private boolean anyFreePorts;
        private Path ptyDirectory;

        private Builder() {
        }

        /** The device's processing time before it answers on an RTU line (default 5 ms). */
        public Builder turnaround(Duration turnaround) {
            if (turnaround.isNegative()) {
                throw new IllegalArgumentException("turnaround must not be negative");
            }
            this.turnaround = turnaround;
            return this;
        }

        /** Seeds every random thing (noise, weather, intermittent faults); default 1. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Real-time interval of model ticks (default 100 ms). */
        public Builder tick(Duration tick) {
            if (tick.toMillis() < 1) {
                throw new IllegalArgumentException("tick must be at least 1 ms");
            }
            this.tick = tick;
            return this;
        }

        /** Simulated seconds per real second (default 1). */
        public Builder speed(double speed) {
            if (!(speed > 0 && speed <= 100_000)) {
                throw new IllegalArgumentException("speed must be within (0, 100000]");
            }
            this.speed = speed;
            return this;
        }

        /** Simulation time at start (default: now). */
        public Builder startTime(Instant startTime) {
            this.startTime = startTime;
            return this;
        }

        /** Serves TCP bus {@code busId} on {@code port} instead of the site's port (0: any free port). */
        public Builder tcpPort(String busId, int port) {
            tcpPorts.put(busId, port);
            return this;
        }

        /** Serves every TCP bus on a free port chosen by the system; read them from {@link Simulator#endpoints()}. */
        public Builder anyFreePorts() {
            this.anyFreePorts = true;
            return this;
        }

        /** Creates serial buses' pty links in this directory (named by bus id) instead of the site's port paths. */
        public Builder ptyDirectory(Path directory) {
            this.ptyDirectory = directory;
            return this;
        }

        public Simulator build() {
            return new Simulator(this);
        }
    }
}
