package org.cityedge.modbus.internal.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.cityedge.api.field.BusScanner;
import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.field.HostScanRequest;
import org.cityedge.api.field.SampleSink;
import org.cityedge.api.field.Scan;
import org.cityedge.api.field.ScanListener;
import org.cityedge.api.field.ScanRequest;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PollClass;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.modbus.internal.plan.PollPlan;
import org.cityedge.modbus.internal.scan.HostRange;
import org.cityedge.modbus.internal.scan.ProfileMatcher;
import org.cityedge.modbus.internal.scan.ScanTiming;
import org.cityedge.modbus.internal.wire.J2modLinkFactory;
import org.cityedge.modbus.internal.wire.LinkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Modbus field layer, usable with or without OSGi: polls every Modbus device of a site on schedule and hands the
 * samples to a sink, and serves verified writes and on-demand reads.
 *
 * <pre>
 * try (ModbusEngine engine = new ModbusEngine(site, profiles, sink, EngineConfig.defaults())) {
 *     engine.start();
 *     ...
 * }
 * </pre>
 *
 * Threads: one scheduler thread fires poll ticks; each serial port has one thread (one transaction at a time on the
 * wire); all TCP endpoints share {@link EngineConfig#workerThreads()} threads, each endpoint using at most its
 * maxConnections of them at once. Nothing is allocated per device beyond its plans and its last values.
 *
 * <p>Every Modbus bus of the site gets a queue, with or without devices, so that any of them can be scanned
 * ({@link BusScanner}); a bus without devices opens its port only while it is being scanned.
 */
public final class ModbusEngine implements FieldDevices, BusScanner, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusEngine.class);
    /** Longest wait for a running transaction when stopping, on top of the longest response timeout. */
    private static final long STOP_GRACE_MS = 2000;

    private final SampleSink sink;
    private final EngineConfig config;
    private final LinkFactory links;
    private final EngineCounters counters = new EngineCounters();
    private final ScheduledThreadPoolExecutor ticker;
    private final ThreadPoolExecutor workers;
    private final Map<String, BusLine> lines = new LinkedHashMap<>();
    private volatile Map<String, DevicePoller> devices = Map.of();
    private final Map<String, BusScan> scans = new ConcurrentHashMap<>();
    private final AtomicReference<HostScan> hostScan = new AtomicReference<>();
    private Site site;
    private Map<String, DeviceProfile> profiles;
    private boolean started;
    private boolean closed;

    public ModbusEngine(Site site, Map<String, DeviceProfile> profiles, SampleSink sink, EngineConfig config) {
        this(site, profiles, sink, config, new J2modLinkFactory());
    }

    public ModbusEngine(Site site, Map<String, DeviceProfile> profiles, SampleSink sink, EngineConfig config,
            LinkFactory links) {
        this.site = Objects.requireNonNull(site, "site");
        this.profiles = Map.copyOf(profiles);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.config = Objects.requireNonNull(config, "config");
        this.links = Objects.requireNonNull(links, "links");
        this.ticker = new ScheduledThreadPoolExecutor(1, r -> BusLine.daemon(r, "modbus-scheduler"));
        ticker.setRemoveOnCancelPolicy(true);
        ticker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> BusLine.daemon(r, "modbus-worker-" + n.incrementAndGet()));
    }

    /** Starts polling. */
    public synchronized ModbusEngine start() {
        if (closed) {
            throw new IllegalStateException("engine closed");
        }
        if (!started) {
            started = true;
            apply(site, profiles, Set.of());
        }
        return this;
    }

    /**
     * Switches to a new site: buses whose definition, devices and profiles are unchanged keep running untouched;
     * the others are stopped and rebuilt.
     */
    public synchronized void update(Site newSite, Map<String, DeviceProfile> newProfiles) {
        Map<String, BusSpec> before = specs(site, profiles);
        site = Objects.requireNonNull(newSite, "site");
        profiles = Map.copyOf(newProfiles);
        if (!started || closed) {
            return;
        }
        Map<String, BusSpec> after = specs(site, profiles);
        Set<String> unchanged = new java.util.HashSet<>();
        for (Map.Entry<String, BusSpec> e : after.entrySet()) {
            if (e.getValue().equals(before.get(e.getKey())) && lines.containsKey(e.getKey())) {
                unchanged.add(e.getKey());
            }
        }
        apply(site, profiles, unchanged);
    }

    private void apply(Site target, Map<String, DeviceProfile> targetProfiles, Set<String> keep) {
        List<BusLine> stopping = new ArrayList<>();
        for (String busId : new ArrayList<>(lines.keySet())) {
            if (!keep.contains(busId)) {
                BusLine line = lines.remove(busId);
                line.devices().forEach(DevicePoller::cancel);
                line.stop();
                stopping.add(line);
            }
        }
        awaitStopped(stopping);
        Map<String, BusSpec> specs = specs(target, targetProfiles);
        List<DevicePoller> started = new ArrayList<>();
        for (BusSpec spec : specs.values()) {
            if (keep.contains(spec.bus().id())) {
                continue;
            }
            BusLine line = new BusLine(spec.bus(), config, links, workers);
            List<DevicePoller> pollers = new ArrayList<>();
            for (int i = 0; i < spec.devices().size(); i++) {
                pollers.add(new DevicePoller(spec.devices().get(i), spec.profiles().get(i), line, config, counters,
                        this::publish));
            }
            line.attach(pollers);
            lines.put(spec.bus().id(), line);
            started.addAll(pollers);
        }
        Map<String, DevicePoller> all = new HashMap<>();
        lines.values().forEach(l -> l.devices().forEach(d -> all.put(d.device.id(), d)));
        devices = Map.copyOf(all);
        // spread first polls over the stagger window so a hundred devices never fire in the same millisecond
        started.sort(Comparator.comparing(d -> d.device.id()));
        for (int i = 0; i < started.size(); i++) {
            started.get(i).schedule(ticker, config, config.staggerMs() * i / started.size());
        }
        if (!started.isEmpty()) {
            LOG.info("Modbus: polling {} devices on {} buses ({} kept running)", all.size(), lines.size(),
                    keep.size());
        }
    }

    /** Devices grouped by bus, skipping (and logging) those whose bus or profile is missing. */
    private static Map<String, BusSpec> specs(Site site, Map<String, DeviceProfile> profiles) {
        Map<String, List<DeviceDefinition>> byBus = new LinkedHashMap<>();
        site.buses().stream().filter(b -> b.type().isModbus())
                .forEach(b -> byBus.put(b.id(), new ArrayList<>()));
        for (DeviceDefinition d : site.devices()) {
            if (site.bus(d.bus()).filter(b -> !b.type().isModbus()).isPresent()) {
                continue; // a CoAP or GPIO device: another driver's
            }
            if (site.bus(d.bus()).isEmpty()) {
                LOG.warn("device {}: bus {} is not defined; not polled", d.id(), d.bus());
            } else if (!profiles.containsKey(d.profile())) {
                LOG.warn("device {}: profile {} is not loaded; not polled", d.id(), d.profile());
            } else {
                byBus.computeIfAbsent(d.bus(), b -> new ArrayList<>()).add(d);
            }
        }
        Map<String, BusSpec> specs = new LinkedHashMap<>();
        byBus.forEach((busId, list) -> specs.put(busId, new BusSpec(site.bus(busId).orElseThrow(), list,
                list.stream().map(d -> profiles.get(d.profile())).toList())));
        return specs;
    }

    /** What a bus runs: if this is equal, the running bus can be kept. */
    private record BusSpec(BusDefinition bus, List<DeviceDefinition> devices, List<DeviceProfile> profiles) {
    }

    private void awaitStopped(List<BusLine> stopping) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MS + longestTimeout(stopping));
        try {
            for (BusLine line : stopping) {
                line.awaitStopped(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long longestTimeout(List<BusLine> stopping) {
        return stopping.stream().flatMap(l -> l.devices().stream()).mapToLong(d -> d.timeoutMs).max().orElse(0);
    }

    private void publish(List<Sample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        counters.samples.add(samples.size());
        try {
            sink.accept(samples);
        } catch (RuntimeException e) {
            counters.sinkFailures.increment();
            LOG.debug("sample sink failed", e);
        }
    }

    /** Stops every poll, thread and port; returns within the longest response timeout plus a grace period. */
    @Override
    public void close() {
        List<BusLine> stopping;
        HostScan hosts;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ticker.shutdownNow();
            stopping = new ArrayList<>(lines.values());
            lines.clear();
            scans.values().forEach(BusScan::cancel);
            hosts = hostScan.get();
            devices = Map.of();
        }
        stopHostScan(hosts);
        stopping.forEach(l -> l.devices().forEach(DevicePoller::cancel));
        stopping.forEach(BusLine::stop);
        workers.shutdown();
        awaitStopped(stopping);
        try {
            if (!workers.awaitTermination(STOP_GRACE_MS, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized Set<String> scannableBuses() {
        return closed || !started ? Set.of() : Set.copyOf(lines.keySet());
    }

    /**
     * Scans a bus through its queue (see {@link BusScan}): devices identified against every profile the engine was
     * given.
     */
    @Override
    public Scan scan(ScanRequest request, ScanListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        if (request.timeoutMs() < 0) {
            throw new IllegalArgumentException("timeoutMs must be >= 0 (0: the default for the line)");
        }
        for (ScanRequest.LineSetting s : request.lineSettings()) {
            if (s == null || s.baud() <= 0 || s.stopBits() < 0 || s.stopBits() > 2) {
                throw new IllegalArgumentException("line setting " + s + ": baud > 0 and 1 or 2 stop bits expected");
            }
        }
        BusLine line;
        ProfileMatcher matcher;
        synchronized (this) {
            line = closed || !started ? null : lines.get(request.bus());
            if (line == null) {
                throw new IllegalArgumentException("no Modbus bus " + request.bus() + " to scan; buses: "
                        + lines.keySet());
            }
            matcher = new ProfileMatcher(profiles.values());
        }
        BusScan scan = new BusScan(request, listener, line, matcher, config.extraInterFrameDelayMs());
        if (scans.putIfAbsent(request.bus(), scan) != null) {
            throw new IllegalArgumentException("bus " + request.bus() + " is already being scanned");
        }
        scan.result().whenComplete((r, e) -> scans.remove(request.bus(), scan));
        return scan.start();
    }

    /**
     * Scans Modbus TCP hosts that are on no bus (see {@link HostScan}), on a thread of its own; one host scan at a
     * time. Devices are identified against every profile the engine was given.
     */
    @Override
    public Scan scanHosts(HostScanRequest request, ScanListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        HostRange range = HostRange.of(request.firstHost(), request.lastHost(), HostScanRequest.MAX_HOSTS);
        if (request.timeoutMs() < 0 || request.timeoutMs() > ScanTiming.HOST_SCAN_MAX_TIMEOUT_MS) {
            throw new IllegalArgumentException("timeoutMs " + request.timeoutMs() + " is not within 0.."
                    + ScanTiming.HOST_SCAN_MAX_TIMEOUT_MS + " (0: " + ScanTiming.HOST_SCAN_TIMEOUT_MS + " ms)");
        }
        HostScan scan;
        synchronized (this) {
            if (closed || !started) {
                throw new IllegalArgumentException("the Modbus engine is not running");
            }
            scan = new HostScan(request, range, listener, links, new ProfileMatcher(profiles.values()));
            if (!hostScan.compareAndSet(null, scan)) {
                throw new IllegalArgumentException("a host scan is already running; cancel it or wait for it");
            }
        }
        scan.result().whenComplete((r, e) -> hostScan.compareAndSet(scan, null));
        return scan.start();
    }

    private static void stopHostScan(HostScan scan) {
        if (scan == null) {
            return;
        }
        try {
            if (!scan.stop()) {
                LOG.warn("Modbus: the host scan did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Set<String> deviceIds() {
        return devices.keySet();
    }

    @Override
    public CompletionStage<WriteResult> write(String deviceId, String point, Object value) {
        DevicePoller device = deviceId == null ? null : devices.get(deviceId);
        if (device == null) {
            return CompletableFuture.completedFuture(new WriteResult(deviceId, point, value, null, false,
                    "no Modbus device " + deviceId));
        }
        if (point == null) {
            return CompletableFuture.completedFuture(new WriteResult(deviceId, null, value, null, false,
                    "no point named"));
        }
        return PointWriter.write(device, point, value);
    }

    @Override
    public CompletionStage<List<Sample>> readNow(String deviceId) {
        DevicePoller device = deviceId == null ? null : devices.get(deviceId);
        if (device == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no Modbus device " + deviceId));
        }
        return device.readNow();
    }

    @Override
    public List<DeviceHealth> health() {
        return devices.values().stream().map(d -> d.status.snapshot())
                .sorted(Comparator.comparing(DeviceHealth::deviceId)).toList();
    }

    /** Health of one device, or null when it is not served. */
    public DeviceHealth health(String deviceId) {
        DevicePoller device = devices.get(deviceId);
        return device == null ? null : device.status.snapshot();
    }

    /** The read plans of a device by poll class (for the console and the benchmark). */
    public Map<PollClass, PollPlan> plans(String deviceId) {
        DevicePoller device = devices.get(deviceId);
        return device == null ? Map.of() : device.plans();
    }

    public EngineCounters counters() {
        return counters;
    }
}
