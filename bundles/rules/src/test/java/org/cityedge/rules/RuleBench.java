package org.cityedge.rules;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.cityedge.api.control.VerifiedDocument;
import org.cityedge.api.model.Sample;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.GeoPoint;
import org.cityedge.api.site.Site;
import org.cityedge.rules.engine.EngineLoop;
import org.cityedge.rules.engine.EngineSettings;
import org.cityedge.rules.engine.RuleEngine;
import org.cityedge.rules.engine.RuleSetCompiler;
import org.cityedge.rules.engine.SiteView;
import org.cityedge.rules.expr.Sandbox;
import org.cityedge.rules.store.RuleSetStore;
import org.cityedge.rules.support.DemoSite;
import org.cityedge.rules.support.FakeOutbox;
import org.cityedge.rules.support.FakePointControl;
import org.cityedge.rules.support.RulesFixture;

/**
 * Rule evaluation throughput at the TCP-scale load of the field issue: 1,000 devices x 20 points a second
 * (20,000 samples/s) offered through the engine's SampleSink path (queue, engine thread) for {@code seconds}, with
 * the demo rule set (docs/rules/demo-ruleset.json) on a site of 960 lamps in 40 circuits, 20 cabinets, 10 air
 * quality stations and 10 water level gauges. Values move on every poll, so every lamp poll evaluates its lamp rules.
 * Then the engine alone, as fast as it goes, for its headroom. Figures on the last line.
 *
 * <p>Usage: {@code RuleBench [seconds]} (default 10; 3 s of warm-up before).
 */
public final class RuleBench {

    private static final int DEVICES = 1000;
    private static final int POINTS = 20;
    private static final int OFFERED_PER_S = DEVICES * POINTS;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Site site = site();
        DemoSite profiles = new DemoSite();
        SiteView view = new SiteView() {
            @Override
            public Site site() {
                return site;
            }

            @Override
            public Map<String, Boolean> points(String profileId) {
                return profiles.points(profileId);
            }
        };
        Path state = Files.createTempDirectory("rulebench");
        RuleEngine engine = new RuleEngine(System::currentTimeMillis, EngineSettings.DEFAULTS);
        EngineLoop loop = new EngineLoop(engine, 2000, 1000);
        RuleSetManager manager = new RuleSetManager(new RuleSetStore(state),
                new RuleSetCompiler(new Sandbox(Sandbox.DEFAULT_MAX_LENGTH)), loop, engine.events(), () -> view,
                System::currentTimeMillis);
        engine.failureListener(manager);
        FakeOutbox outbox = new FakeOutbox();
        FakePointControl control = new FakePointControl();
        loop.call(e -> {
            e.events().outbox(outbox);
            e.control(control);
            e.site(view);
            return null;
        });
        manager.install(new VerifiedDocument("ruleset", 1, RulesFixture.demoRuleSet(1)));
        int instances = loop.call(RuleEngine::instanceCount);

        Latencies latencies = new Latencies();
        loop.observer(latencies);
        Feeder feeder = new Feeder(site.devices());
        feeder.run(loop, 3);   // warm-up
        latencies.reset();
        long samples0 = engine.stats().snapshot().samples();
        long evals0 = engine.stats().snapshot().evaluations();
        long dropped0 = engine.stats().snapshot().batchesDropped();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long engineThread = engineThreadId(threads);
        long engineCpu0 = threads.getThreadCpuTime(engineThread);
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        feeder.run(loop, seconds);
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (loop.queued() > 0 && System.nanoTime() < drainDeadline) {
            LockSupport.parkNanos(1_000_000);
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double cpuPct = 100.0 * (processCpuNanos() - cpu0) / 1e9 / elapsed;
        double engineCpuPct = 100.0 * (threads.getThreadCpuTime(engineThread) - engineCpu0) / 1e9 / elapsed;
        long samples = engine.stats().snapshot().samples() - samples0;
        long evals = engine.stats().snapshot().evaluations() - evals0;
        long dropped = engine.stats().snapshot().batchesDropped() - dropped0;
        long failures = engine.stats().snapshot().errors() + engine.stats().snapshot().timeouts();
        loop.close();

        deleteTree(state);
        double[] max = saturate(view, 3);
        double maxSamplesPerS = max[0];
        double samplesPerS = samples / elapsed;
        System.out.printf("offered_samples_per_s=%d samples_per_s=%.0f ratio=%.3f evals_per_s=%.0f"
                + " p50_batch_us=%.0f p99_batch_us=%.0f p99_process_us=%.0f cpu_pct=%.1f engine_cpu_pct=%.1f"
                + " dropped_batches=%d eval_failures=%d max_samples_per_s=%.0f max_evals_per_s=%.0f headroom=%.1fx"
                + " devices=%d"
                + " points_per_device=%d rule_instances=%d seconds=%d%n",
                OFFERED_PER_S, samplesPerS, samplesPerS / OFFERED_PER_S, evals / elapsed,
                latencies.percentile(50, true), latencies.percentile(99, true), latencies.percentile(99, false),
                cpuPct, engineCpuPct, dropped, failures, maxSamplesPerS, max[1], maxSamplesPerS / OFFERED_PER_S,
                DEVICES,
                POINTS, instances, seconds);
    }

    /** The engine on this thread, batches as fast as it takes them: samples and evaluations per second. */
    private static double[] saturate(SiteView view, int seconds) throws Exception {
        RuleEngine engine = new RuleEngine(System::currentTimeMillis, EngineSettings.DEFAULTS);
        engine.site(view);
        engine.control(new FakePointControl());
        engine.events().outbox(new FakeOutbox());
        Path state = Files.createTempDirectory("rulebench");
        RuleSetManager manager = new RuleSetManager(new RuleSetStore(state),
                new RuleSetCompiler(new Sandbox(Sandbox.DEFAULT_MAX_LENGTH)),
                org.cityedge.rules.engine.EngineAccess.direct(engine), engine.events(), () -> view,
                System::currentTimeMillis);
        manager.install(new VerifiedDocument("ruleset", 1, RulesFixture.demoRuleSet(1)));
        Feeder feeder = new Feeder(view.site().devices());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < end) {   // warm-up
            engine.process(feeder.next());
        }
        long samples0 = engine.stats().snapshot().samples();
        long evals0 = engine.stats().snapshot().evaluations();
        long t0 = System.nanoTime();
        end = t0 + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            engine.process(feeder.next());
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        engine.close();
        deleteTree(state);
        return new double[] {(engine.stats().snapshot().samples() - samples0) / elapsed,
                (engine.stats().snapshot().evaluations() - evals0) / elapsed};
    }

    /** 960 lamps in 40 circuits of 24 (circuit-b among them), 20 cabinets, 10 air quality, 10 water level. */
    private static Site site() {
        List<DeviceDefinition> devices = new ArrayList<>();
        for (int i = 1; i <= 960; i++) {
            String circuit = i <= 24 ? "circuit-b" : "circuit-" + ((i - 1) / 24);
            devices.add(device(String.format("sl-%04d", i), "saigon-slc-110", circuit));
        }
        for (int i = 1; i <= 20; i++) {
            devices.add(device(String.format("cab-%03d", i), "saigon-slc-cab3", "cabinets"));
        }
        for (int i = 1; i <= 10; i++) {
            devices.add(device(String.format("aq-%03d", i), "mekong-aqm6", "environment"));
            devices.add(device(String.format("wl-%03d", i), "dongnai-wl2", "flood-watch"));
        }
        return new Site("bench", "bench-gw", new GeoPoint(11.5349, 106.8832), "Asia/Ho_Chi_Minh", List.of(),
                devices);
    }

    private static DeviceDefinition device(String id, String profile, String group) {
        return new DeviceDefinition(id, id, "tcp-" + id, 1, profile, null, group);
    }

    /** Polls of every device in turn, 20 points each, with values that move on every poll. */
    private static final class Feeder {
        private static final Map<String, String[]> POINT_NAMES = Map.of(
                "saigon-slc-110", new String[] {"dimLevel", "powerState", "voltage", "current", "activePower",
                        "powerFactor", "frequency", "gearTemperature", "activeEnergy", "operatingHours",
                        "switchCount", "faultFlags", "lampFailure", "gearFailure", "relayFailure", "dayBurner",
                        "supplyLoss", "overTemperature", "rssi", "uptime"},
                "saigon-slc-cab3", new String[] {"voltageL1", "voltageL2", "voltageL3", "currentL1", "currentL2",
                        "currentL3", "activePower", "powerFactor", "frequency", "activeEnergy", "illuminance",
                        "cabinetTemperature", "contactorState", "doorOpen", "surgeProtectorFailure", "workingMode",
                        "rssi", "uptime", "spare1", "spare2"},
                "mekong-aqm6", new String[] {"pm25", "pm10", "co", "no2", "so2", "o3", "temperature",
                        "relativeHumidity", "atmosphericPressure", "stationStatus", "rssi", "uptime", "spare1",
                        "spare2", "spare3", "spare4", "spare5", "spare6", "spare7", "spare8"},
                "dongnai-wl2", new String[] {"currentLevel", "rainRate", "precipitation", "levelAlarm",
                        "referenceLevel", "precipitationReset", "rssi", "uptime", "spare1", "spare2", "spare3",
                        "spare4", "spare5", "spare6", "spare7", "spare8", "spare9", "spare10", "spare11", "spare12"});
        private final List<DeviceDefinition> devices;
        private final Random random = new Random(42);
        private int next;
        private long poll;

        Feeder(List<DeviceDefinition> devices) {
            this.devices = devices;
        }

        /** Offers every device once a second for {@code seconds}, each at its own slot in the second. */
        void run(EngineLoop loop, int seconds) {
            long start = System.nanoTime();
            long slot = TimeUnit.SECONDS.toNanos(1) / devices.size();
            for (int s = 0; s < seconds; s++) {
                for (int d = 0; d < devices.size(); d++) {
                    long at = start + TimeUnit.SECONDS.toNanos(s) + d * slot;
                    long wait = at - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    loop.offer(next());
                }
            }
        }

        List<Sample> next() {
            DeviceDefinition device = devices.get(next);
            next = (next + 1) % devices.size();
            poll++;
            long now = System.currentTimeMillis();
            String[] names = POINT_NAMES.get(device.profile());
            Sample[] batch = new Sample[names.length];
            for (int i = 0; i < names.length; i++) {
                batch[i] = Sample.good(device.id(), names[i], value(device, names[i]), "", now);
            }
            return Arrays.asList(batch);
        }

        private Object value(DeviceDefinition device, String point) {
            return switch (point) {
                case "powerState", "contactorState" -> true;
                case "dimLevel" -> 100L;
                case "current" -> device.id().endsWith("7") ? 0.0 : 0.45 + random.nextGaussian() * 0.01;
                case "lampFailure", "gearFailure", "relayFailure", "dayBurner", "supplyLoss", "overTemperature",
                        "doorOpen", "surgeProtectorFailure", "precipitationReset" -> false;
                case "illuminance" -> (long) (20 + random.nextInt(60));
                case "pm25" -> (long) (30 + random.nextInt(30));
                case "currentLevel" -> 2.4 + random.nextGaussian() * 0.2;
                case "workingMode", "levelAlarm" -> "auto";
                case "uptime", "operatingHours", "activeEnergy", "switchCount" -> poll;
                default -> 100 + random.nextGaussian();
            };
        }
    }

    /** Batch latencies of the measured run: queued to done, and processing alone, in microseconds. */
    private static final class Latencies implements EngineLoop.BatchObserver {
        private static final int MAX = 1 << 20;
        private final long[] total = new long[MAX];
        private final long[] processing = new long[MAX];
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public void done(int samples, long queuedAt, long startedAt, long finishedAt) {
            int i = count.getAndIncrement();
            if (i < MAX) {
                total[i] = finishedAt - queuedAt;
                processing[i] = finishedAt - startedAt;
            }
        }

        void reset() {
            count.set(0);
        }

        double percentile(int p, boolean queued) {
            int n = Math.min(count.get(), MAX);
            if (n == 0) {
                return 0;
            }
            long[] copy = Arrays.copyOf(queued ? total : processing, n);
            Arrays.sort(copy);
            return copy[Math.min(n - 1, (int) Math.ceil(p / 100.0 * n) - 1)] / 1000.0;
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static long engineThreadId(ThreadMXBean threads) {
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info.getThreadName().equals("cityedge-rules")) {
                return info.getThreadId();
            }
        }
        throw new IllegalStateException("no engine thread");
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
