package org.cityedge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.ConfigProblem;
import org.cityedge.api.site.Site;
import org.cityedge.modbus.internal.engine.EngineConfig;
import org.cityedge.modbus.internal.engine.EngineCounters;
import org.cityedge.modbus.internal.engine.ModbusEngine;
import org.cityedge.site.load.LoadResult;
import org.cityedge.site.load.SiteFiles;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * TCP scale: N meters of 20 points, each its own Modbus TCP endpoint served by a simulator in a child JVM, polled
 * every period by the engine in this JVM (run it with the gateway's {@code -Xmx64m -XX:+UseSerialGC}). Measures
 * sustained points per second, the share of polls late, this JVM's CPU, heap and GC.
 */
@Command(name = "tcp", mixinStandardHelpOptions = true,
        description = "TCP scale: N simulated Modbus TCP meters x 20 points every period; points/s, late share, "
                + "CPU and heap of the engine's JVM (run with -Xmx64m -XX:+UseSerialGC).")
final class TcpBench implements Callable<Integer> {

    private static final List<String> CHILD_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-Xss256k");
    private static final long CHILD_READY_SECONDS = 120;
    private static final long SAMPLE_STEP_MS = 1000;
    private static final long REPORT_EVERY_SECONDS = 10;

    @Option(names = "--devices", defaultValue = "1000", description = "Meters (default: ${DEFAULT-VALUE}).")
    private int devices;

    @Option(names = "--period-ms", defaultValue = "1000", description = "Poll period (default: ${DEFAULT-VALUE}).")
    private long periodMs;

    @Option(names = "--workers", defaultValue = "4",
            description = "Engine threads shared by the TCP endpoints (default: ${DEFAULT-VALUE}, the gateway's).")
    private int workers;

    @Option(names = "--warmup-seconds", defaultValue = "15", description = "Before measuring (default: ${DEFAULT-VALUE}).")
    private long warmupSeconds;

    @Option(names = "--seconds", defaultValue = "60", description = "Measuring window (default: ${DEFAULT-VALUE}).")
    private long seconds;

    @Override
    public Integer call() throws Exception {
        if (devices < 1 || devices > 5000 || periodMs < 50 || workers < 1 || warmupSeconds < 0 || seconds < 1
) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--devices 1..5000, --period-ms >= 50, "
                    + "--workers >= 1, --seconds >= 1");
        }
        Map<String, DeviceProfile> profiles = TcpField.profiles();
        Path siteFile = Files.createTempFile("cityedge-bench-tcp", ".yaml");
        long childSeconds = CHILD_READY_SECONDS + warmupSeconds + seconds + 60;
        Progress.say("engine JVM: heap limit %d MB, %d processors; starting %d meters in a child JVM %s",
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), devices,
                CHILD_JVM_OPTIONS);
        try (ChildJvm child = ChildJvm.start(CHILD_JVM_OPTIONS, TcpFieldProcess.READY, "tcp-field", "--devices",
                Integer.toString(devices), "--site-out", siteFile.toString(), "--max-seconds",
                Long.toString(childSeconds))) {
            if (!child.awaitReady(CHILD_READY_SECONDS)) {
                Progress.say("error: the simulator child did not get ready");
                return 1;
            }
            Site site = served(siteFile, profiles);
            Progress.say("simulator ready (pid %d): %d endpoints on 127.0.0.1", child.pid(), site.buses().size());
            System.out.println(measure(site, profiles).line());
            return 0;
        } finally {
            Files.deleteIfExists(siteFile);
        }
    }

    private Site served(Path siteFile, Map<String, DeviceProfile> profiles) {
        LoadResult loaded = SiteFiles.loadSite(siteFile, profiles);
        if (loaded.site() == null || loaded.site().devices().size() != devices) {
            throw new IllegalStateException("served site file does not load: "
                    + loaded.problems().stream().limit(5).map(ConfigProblem::toString).toList());
        }
        return loaded.site();
    }

    private Figures measure(Site site, Map<String, DeviceProfile> profiles) throws InterruptedException {
        EngineConfig config = EngineConfig.defaults().withPeriods(periodMs, periodMs, periodMs)
                .withWorkers(workers, periodMs);
        SampleTally tally = new SampleTally();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (ModbusEngine engine = new ModbusEngine(site, profiles, tally, config)) {
            long starting = System.nanoTime();
            engine.start();
            Progress.say("engine started in %d ms: %d meters every %d ms, first polls staggered over a period, %d "
                    + "worker threads; warming up %d s", (System.nanoTime() - starting) / 1_000_000,
                    site.devices().size(), periodMs, workers, warmupSeconds);
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
            EngineCounters counters = engine.counters();
            PollTally before = PollTally.of(counters);
            JvmUsage usageBefore = JvmUsage.now();
            tally.counting(true);
            long heapPeak = 0;
            long windowStart = System.nanoTime();
            long windowEnd = windowStart + TimeUnit.SECONDS.toNanos(seconds);
            long nextReport = windowStart + TimeUnit.SECONDS.toNanos(REPORT_EVERY_SECONDS);
            for (long now = windowStart; now < windowEnd; now = System.nanoTime()) {
                Thread.sleep(Math.max(1, Math.min(SAMPLE_STEP_MS, (windowEnd - now) / 1_000_000)));
                heapPeak = Math.max(heapPeak, memory.getHeapMemoryUsage().getUsed());
                if (System.nanoTime() >= nextReport && nextReport < windowEnd) {
                    PollTally sofar = PollTally.of(counters).minus(before);
                    Progress.say("%d s: %d polls started, %d late, %d skipped as overruns",
                            TimeUnit.NANOSECONDS.toSeconds(nextReport - windowStart), sofar.polls(),
                            sofar.late(), sofar.overruns());
                    nextReport += TimeUnit.SECONDS.toNanos(REPORT_EVERY_SECONDS);
                }
            }
            tally.counting(false);
            JvmUsage usage = JvmUsage.now();
            PollTally window = PollTally.of(counters).minus(before);
            double windowSeconds = (usage.wallNanos() - usageBefore.wallNanos()) / 1e9;
            memory.gc();
            long heapAfterGc = memory.getHeapMemoryUsage().getUsed();
            int pointsPerPoll = profiles.get(TcpField.PROFILE_ID).points().size();
            long due = window.polls() + window.overruns();
            return new Figures().put("devices", site.devices().size()).put("points_per_device", pointsPerPoll)
                    .put("period_ms", periodMs).put("workers", workers).put("seconds", windowSeconds, 1)
                    .put("points_per_s", tally.goodPoints() / windowSeconds, 0)
                    .put("target_points_per_s", site.devices().size() * pointsPerPoll * 1000.0 / periodMs, 0)
                    .put("polls", window.polls()).put("late", window.late()).put("overruns", window.overruns())
                    .put("late_share", due == 0 ? 1 : (window.late() + window.overruns()) / (double) due, 4)
                    .put("late_after_ms", periodMs / EngineCounters.LATE_FRACTION)
                    .put("start_lag_mean_ms", window.polls() == 0 ? 0 : window.lagMicros() / 1000.0 / window.polls(), 2)
                    .put("start_lag_max_since_start_ms", counters.maxStartLagMicros() / 1000.0, 1)
                    .put("failed_polls", tally.failedPolls())
                    .put("cpu_pct", usage.processCpuPercentSince(usageBefore), 1)
                    .put("engine_cpu_pct", usage.engineCpuPercentSince(usageBefore), 1)
                    .put("cores", Runtime.getRuntime().availableProcessors())
                    .put("heap_after_gc_mb", heapAfterGc / 1048576.0, 1)
                    .put("heap_peak_mb", heapPeak / 1048576.0, 1)
                    .put("heap_limit_mb", Runtime.getRuntime().maxMemory() / 1048576.0, 0)
                    .put("gc_count", usage.gcCount() - usageBefore.gcCount())
                    .put("gc_ms", usage.gcMillis() - usageBefore.gcMillis())
                    .put("threads", Thread.activeCount())
                    .put("errors", errors(engine));
        }
    }

    /** The engine's poll counters at one moment; differences give a window's figures. */
    private record PollTally(long polls, long late, long overruns, long lagMicros) {
        static PollTally of(EngineCounters c) {
            return new PollTally(c.polls(), c.lateStarts(), c.overruns(), c.startLagMicros());
        }

        PollTally minus(PollTally o) {
            return new PollTally(polls - o.polls, late - o.late, overruns - o.overruns, lagMicros - o.lagMicros);
        }
    }

    private static long errors(ModbusEngine engine) {
        return engine.health().stream().map(DeviceHealth::errors)
                .mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum()).sum();
    }
}
