package org.cityedge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.Parity;
import org.cityedge.modbus.internal.engine.EngineConfig;
import org.cityedge.simulator.Simulator;
import org.cityedge.site.load.SiteFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * RTU bus efficiency: streetlight controllers on one simulated serial bus (a socat pty pair, the simulator in this
 * JVM), polled back to back by the engine with block reads and then by the naive one-request-per-point poller.
 */
@Command(name = "bus", mixinStandardHelpOptions = true,
        description = "RTU bus efficiency: poll-cycle time of N streetlight controllers on one simulated serial bus "
                + "against the wire-time bound, and the speed-up over one request per point.")
final class BusBench implements Callable<Integer> {

    @Option(names = "--devices", defaultValue = "32", description = "Controllers on the bus (default: ${DEFAULT-VALUE}).")
    private int devices;

    @Option(names = "--baud", defaultValue = "9600", description = "Bus speed (default: ${DEFAULT-VALUE}); 8E1.")
    private int baud;

    @Option(names = "--turnaround-ms", defaultValue = "5",
            description = "Simulated device turnaround (default: ${DEFAULT-VALUE}).")
    private int turnaroundMs;

    @Option(names = "--cycles", defaultValue = "5", description = "Measured block-read cycles (default: ${DEFAULT-VALUE}).")
    private int cycles;

    @Option(names = "--naive-cycles", defaultValue = "2",
            description = "Measured naive cycles (default: ${DEFAULT-VALUE}).")
    private int naiveCycles;

    @Option(names = "--warmup-cycles", defaultValue = "1", description = "Cycles before measuring (default: ${DEFAULT-VALUE}).")
    private int warmupCycles;

    @Option(names = "--max-seconds", defaultValue = "150",
            description = "Longest run of each poller, warm-up included (default: ${DEFAULT-VALUE}).")
    private long maxSeconds;

    /** Polls are re-queued this often: far shorter than one device's poll, so the queue never empties. */
    private static final long BACK_TO_BACK_PERIOD_MS = 50;

    @Override
    public Integer call() throws Exception {
        if (devices < 1 || devices > 247 || cycles < 1 || naiveCycles < 1 || warmupCycles < 0 || maxSeconds < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--devices 1..247, --cycles/--naive-cycles >= 1, --warmup-cycles >= 0, --max-seconds >= 1");
        }
        Map<String, DeviceProfile> profiles = StreetlightBus.allFast(SiteFiles.loadProfiles(List.of()).profiles());
        EngineConfig base = EngineConfig.defaults()
                .withPeriods(BACK_TO_BACK_PERIOD_MS, BACK_TO_BACK_PERIOD_MS, BACK_TO_BACK_PERIOD_MS)
                .withWorkers(1, 0);
        CycleResult block = measure("block reads", profiles, base, cycles);
        CycleResult naive = measure("naive", profiles, base.withBlockReads(false), naiveCycles);
        System.out.println(new Figures()
                .put("devices", devices).put("baud", baud).put("line", "8E1").put("turnaround_ms", turnaroundMs)
                .put("requests_per_cycle", block.requestsPerCycle()).put("cycles", block.cycles(), 1)
                .put("cycle_ms", block.cycleMs(), 1).put("bound_ms", block.boundMs(), 1)
                .put("efficiency", block.efficiency(), 3)
                .put("naive_requests_per_cycle", naive.requestsPerCycle())
                .put("naive_cycle_ms", naive.cycleMs(), 1).put("naive_bound_ms", naive.boundMs(), 1)
                .put("naive_efficiency", naive.efficiency(), 3)
                .put("speedup", naive.cycleNanos() / block.cycleNanos(), 2)
                .put("errors", block.errors() + naive.errors())
                .line());
        return 0;
    }

    /**
     * One poller against a freshly started simulator. Each run gets its own pty pair: j2mod 3.3.0 / jSerialComm
     * 2.11.4 cannot open a pty path a second time in the same JVM once it has been closed.
     */
    private CycleResult measure(String label, Map<String, DeviceProfile> profiles, EngineConfig config,
            int measuredCycles) throws Exception {
        Path ptyDir = Files.createTempDirectory("cityedge-bench-bus");
        try (Simulator sim = Simulator.builder().turnaround(Duration.ofMillis(turnaroundMs)).ptyDirectory(ptyDir)
                .build().start(StreetlightBus.site(devices, baud, Parity.EVEN, 1), profiles)) {
            Progress.say("%s: simulator in this JVM, %s", label, sim.endpoints().get(0));
            CycleRun run = new CycleRun(sim.site(), profiles, sim.bus(StreetlightBus.BUS_ID));
            CycleResult result = run.run(label, config, warmupCycles, measuredCycles, maxSeconds);
            report(label, result);
            return result;
        } finally {
            Files.deleteIfExists(ptyDir);
        }
    }

    private static void report(String label, CycleResult r) {
        Progress.say("%s: cycle %.1f ms over %.1f cycles, bound %.1f ms, efficiency %.3f; per request: master "
                + "overhead %.2f ms beyond the silence, simulator overshoot %.2f ms; errors %d", label, r.cycleMs(),
                r.cycles(), r.boundMs(), r.efficiency(), r.masterGapNanos() / 1e6, r.simOvershootNanos() / 1e6,
                r.errors());
    }
}
