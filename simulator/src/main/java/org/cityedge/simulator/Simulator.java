package org.cityedge.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
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
import java.util.Set;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.Protocol;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.simulator.coap.CoapKeys;
import org.cityedge.simulator.coap.CoapStack;
import org.cityedge.simulator.coap.PushNode;
import org.cityedge.simulator.coap.ServedDevice;
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
    private final List<AutoCloseable> coapParts = new ArrayList<>();
    private final Map<String, DeviceEndpoint> deviceEndpoints = new LinkedHashMap<>();
    private final Map<String, String> servedAddresses = new HashMap<>();
    private CoapStack coapStack;
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
        Map<String, byte[]> keys = new HashMap<>(options.coapKeys);
        if (options.coapKeyFile != null) {
            keys.putAll(CoapKeys.load(options.coapKeyFile));
        }
        Map<String, Map<Integer, SimulatedDevice>> byBus = new HashMap<>();
        Set<String> coapBuses = new java.util.HashSet<>();
        for (BusDefinition b : site.buses()) {
            if (b.type().isModbus()) {
                byBus.put(b.id(), new LinkedHashMap<>());
            } else if (b.type() == BusType.COAP) {
                coapBuses.add(b.id());
            } else {
                warn("bus " + b.id() + " left out: the simulator serves Modbus and CoAP buses only");
            }
        }
        List<SimulatedDevice> coapDevices = new ArrayList<>();
        for (DeviceDefinition d : site.devices()) {
            DeviceProfile profile = profiles.get(d.profile());
            if (profile != null && coapBuses.contains(d.bus())) {
                if (profile.protocol() != Protocol.COAP) {
                    warn("device " + d.id() + " left out: profile " + d.profile() + " does not speak CoAP");
                    continue;
                }
                SimulatedDevice device = newDevice(d, profile, zone, start);
                coapDevices.add(device);
                devices.put(d.id(), device);
                continue;
            }
            if (profile != null && profile.protocol() != Protocol.MODBUS && byBus.containsKey(d.bus())) {
                warn("device " + d.id() + " left out: profile " + d.profile() + " does not speak Modbus");
                continue;
            }
            Map<Integer, SimulatedDevice> onBus = byBus.get(d.bus());
            if (profile == null || onBus == null || onBus.containsKey(d.unitId())) {
                warn("device " + d.id() + " left out: " + (profile == null ? "no profile " + d.profile()
                        : onBus == null ? "no bus " + d.bus() : "unit " + d.unitId() + " taken on " + d.bus()));
                continue;
            }
            SimulatedDevice device = newDevice(d, profile, zone, start);
            onBus.put(d.unitId(), device);
            devices.put(d.id(), device);
        }
        List<BusDefinition> served = new ArrayList<>();
        try {
            for (BusDefinition b : site.buses()) {
                if (coapBuses.contains(b.id())) {
                    served.add(b);   // no server of its own: each device is an endpoint
                    continue;
                }
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
            startCoap(coapDevices, keys);
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
        this.site = new Site(site.site(), site.gatewayId(), site.location(), site.timezone(), served,
                site.devices().stream().filter(d -> devices.containsKey(d.id())).map(this::withServedAddress)
                        .toList());
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
        for (AutoCloseable c : coapParts) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", c, e.toString());
            }
        }
        coapParts.clear();
        if (coapStack != null) {
            coapStack.close();
            coapStack = null;
        }
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

    /** Where each CoAP device is served (or pushes to), in site order. */
    public List<DeviceEndpoint> deviceEndpoints() {
        return List.copyOf(deviceEndpoints.values());
    }

    /** Where CoAP device {@code id} is served or pushes to. @throws IllegalArgumentException when none */
    public DeviceEndpoint deviceEndpoint(String id) {
        DeviceEndpoint e = deviceEndpoints.get(id);
        if (e == null) {
            throw new IllegalArgumentException("no simulated CoAP device " + id);
        }
        return e;
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

    private SimulatedDevice newDevice(DeviceDefinition d, DeviceProfile profile, ZoneId zone, Instant start) {
        long seed = options.seed ^ (d.id().hashCode() * 0x9E3779B97F4A7C15L);
        return new SimulatedDevice(d, new DeviceModel(profile, seed, zone, start), seed);
    }

    /** Serves CoAP devices with an address, starts push nodes for the others; a device it cannot run is left out. */
    private void startCoap(List<SimulatedDevice> coapDevices, Map<String, byte[]> keys) throws IOException {
        if (coapDevices.isEmpty()) {
            return;
        }
        coapStack = new CoapStack();
        List<SimulatedDevice> pushers = coapDevices.stream().filter(d -> d.definition().address() == null).toList();
        for (SimulatedDevice device : coapDevices) {
            String id = device.id();
            if (device.definition().address() != null) {
                serve(device, keys.get(id));
                continue;
            }
            URI gateway = options.coapGateway;
            byte[] key = keys.get(id);
            if (gateway != null && "coaps".equals(gateway.getScheme()) && key == null) {
                warn("device " + id + " idle: no PSK to push to " + gateway + " (coapKeys / --coap-psk-file)");
                gateway = null;
            } else if (gateway == null) {
                warn("device " + id + " idle: no CoAP gateway to push to (coapGateway / --coap-gateway)");
            }
            if (gateway == null) {
                deviceEndpoints.put(id, new DeviceEndpoint(id, null, true, "push node, idle (no gateway)"));
                continue;
            }
            PushNode node = new PushNode(device, coapStack, gateway, key, options.pushInterval);
            coapParts.add(node);
            // spread the nodes over one interval, as sleeping nodes wake at different times
            node.start(options.pushInterval.multipliedBy(pushers.indexOf(device)).dividedBy(pushers.size()));
            deviceEndpoints.put(id, new DeviceEndpoint(id, node.target(), true, "pushes SenML "
                    + (node.format() == org.cityedge.api.profile.CoapFormat.SENML_JSON ? "JSON" : "CBOR") + " to "
                    + node.target() + " every " + options.pushInterval.toString().substring(2).toLowerCase()));
        }
    }

    private void serve(SimulatedDevice device, byte[] key) throws IOException {
        String id = device.id();
        URI address;
        try {
            address = URI.create(device.definition().address());
        } catch (IllegalArgumentException e) {
            warn("device " + id + " left out: bad address " + device.definition().address());
            devices.remove(id);
            return;
        }
        boolean secure = "coaps".equals(address.getScheme());
        if (secure && key == null) {
            warn("device " + id + " left out: no PSK for " + address + " (coapKeys / --coap-psk-file)");
            devices.remove(id);
            return;
        }
        if (!isLoopback(address.getHost())) {
            warn("device " + id + ": host " + address.getHost() + " is not loopback; serving on " + LOOPBACK);
        }
        int sitePort = address.getPort() > 0 ? address.getPort() : secure ? 5684 : 5683;
        int port = options.coapPorts.getOrDefault(id, options.anyFreePorts ? 0 : sitePort);
        ServedDevice served = new ServedDevice(device, coapStack, new InetSocketAddress(LOOPBACK, port),
                secure ? key : null, options.observeInterval);
        coapParts.add(served);
        URI uri = served.start();
        servedAddresses.put(id, uri.toString());
        deviceEndpoints.put(id, new DeviceEndpoint(id, uri, false, (secure ? "CoAP over DTLS (PSK identity " + id
                + ")" : "CoAP") + " on " + uri + " " + String.join(" ", served.paths())));
    }

    private DeviceDefinition withServedAddress(DeviceDefinition d) {
        String address = servedAddresses.get(d.id());
        return address == null ? d : new DeviceDefinition(d.id(), d.name(), d.bus(), d.unitId(), d.profile(),
                d.location(), d.group(), address);
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
        private final Map<String, byte[]> coapKeys = new HashMap<>();
        private Path coapKeyFile;
        private final Map<String, Integer> coapPorts = new HashMap<>();
        private URI coapGateway;
        private Duration pushInterval = Duration.ofSeconds(60);
        private Duration observeInterval = Duration.ofSeconds(1);

        private Builder() {
        }

        /** DTLS pre-shared keys by device id (the PSK identity is the device id); adds to earlier ones. */
        public Builder coapKeys(Map<String, byte[]> keys) {
            keys.forEach((id, key) -> coapKeys.put(id, key.clone()));
            return this;
        }

        /** Reads DTLS pre-shared keys at start from a properties file of {@code deviceId=<hex key>} lines. */
        public Builder coapKeyFile(Path file) {
            this.coapKeyFile = file;
            return this;
        }

        /** Serves CoAP device {@code deviceId} on {@code port} instead of its address's port (0: any free port). */
        public Builder coapPort(String deviceId, int port) {
            coapPorts.put(deviceId, port);
            return this;
        }

        /**
         * The gateway's CoAP server that push nodes (CoAP devices without an address) POST to, at
         * {@code <gateway>/readings/<deviceId>}; coaps uses DTLS with the device's key. Without it they stay idle.
         */
        public Builder coapGateway(URI gateway) {
            if (gateway != null && !"coap".equals(gateway.getScheme()) && !"coaps".equals(gateway.getScheme())) {
                throw new IllegalArgumentException("the CoAP gateway must be a coap:// or coaps:// URI: " + gateway);
            }
            this.coapGateway = gateway;
            return this;
        }

        /** Real-time interval between two pushes of a push node (default 60 s). */
        public Builder pushInterval(Duration interval) {
            if (interval.toMillis() < 10) {
                throw new IllegalArgumentException("push interval must be at least 10 ms");
            }
            this.pushInterval = interval;
            return this;
        }

        /** Shortest real-time interval between two Observe notifications of one resource (default 1 s). */
        public Builder observeInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("observe interval must not be negative");
            }
            this.observeInterval = interval;
            return this;
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

        /**
         * Serves every TCP bus and CoAP device on a free port chosen by the system; read them from
         * {@link Simulator#endpoints()}, {@link Simulator#deviceEndpoints()} or {@link Simulator#site()}.
         */
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
