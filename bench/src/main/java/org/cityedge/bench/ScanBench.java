package org.cityedge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.field.FoundDevice;
import org.cityedge.api.field.Scan.ScanResult;
import org.cityedge.api.field.ScanListener;
import org.cityedge.api.field.ScanRequest;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.Parity;
import org.cityedge.api.site.Site;
import org.cityedge.modbus.internal.engine.EngineConfig;
import org.cityedge.modbus.internal.engine.ModbusEngine;
import org.cityedge.modbus.internal.scan.ScanTiming;
import org.cityedge.simulator.Simulator;
import org.cityedge.site.load.SiteFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Commissioning scan: N streetlight controllers (unit ids 1..N) on one simulated 9600 8E1 RS-485 bus (a socat pty,
 * the simulator in this JVM, real wire time); the engine knows the bus but no device on it and scans unit ids
 * 1..247. The figure that matters is the time per absent unit id against its physical floor: the probe request on
 * the wire plus the timeout.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Commissioning scan of unit ids 1..247 on a simulated RS-485 bus with N streetlight controllers: "
                + "total time, devices identified, time per absent unit id against its floor.")
final class ScanBench implements Callable<Integer> {

    @Option(names = "--devices", defaultValue = "32", description = "Controllers on the bus (default: ${DEFAULT-VALUE}).")
    private int devices;

    @Option(names = "--baud", defaultValue = "9600", description = "Bus speed (default: ${DEFAULT-VALUE}); 8E1.")
    private int baud;

    @Option(names = "--turnaround-ms", defaultValue = "5",
            description = "Simulated device turnaround (default: ${DEFAULT-VALUE}).")
    private int turnaroundMs;

    @Option(names = "--timeout-ms", defaultValue = "0",
            description = "Absent-unit timeout (default: 0, the driver's default for the line speed).")
    private int timeoutMs;

    @Option(names = "--max-seconds", defaultValue = "120", description = "Longest scan (default: ${DEFAULT-VALUE}).")
    private long maxSeconds;

    @Override
    public Integer call() throws Exception {
        if (devices < 1 || devices > 247 || timeoutMs < 0 || maxSeconds < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--devices 1..247, --timeout-ms >= 0, --max-seconds >= 1");
        }
        Map<String, DeviceProfile> profiles = SiteFiles.loadProfiles(List.of()).profiles();
        Path ptyDir = Files.createTempDirectory("cityedge-bench-scan");
        try (Simulator sim = Simulator.builder().turnaround(Duration.ofMillis(turnaroundMs)).ptyDirectory(ptyDir)
                .build().start(StreetlightBus.site(devices, baud, Parity.EVEN, 1), profiles)) {
            Progress.say("simulator in this JVM, %s", sim.endpoints().get(0));
            BusDefinition bus = sim.site().bus(StreetlightBus.BUS_ID).orElseThrow();
            // the gateway knows the bus, not yet its devices: what a technician commissions
            Site empty = new Site("bench", "bench-gw", null, "UTC", List.of(bus), List.of());
            try (ModbusEngine engine = new ModbusEngine(empty, profiles, ScanBench::ignore, EngineConfig.defaults())
                    .start()) {
                return scan(engine, bus);
            }
        } finally {
            Files.deleteIfExists(ptyDir);
        }
    }

    private int scan(ModbusEngine engine, BusDefinition bus) throws Exception {
        int timeout = timeoutMs > 0 ? timeoutMs : ScanTiming.defaultTimeoutMs(bus);
        ScanResult r = engine.scan(new ScanRequest(bus.id(), 1, 247, List.of(), timeoutMs), new ScanListener() {
            @Override
            public void progress(int done, int total, long elapsedMs, long etaMs) {
                if (done % 50 == 0 || done == total) {
                    Progress.say("scan: %d/%d unit ids, %.1f s, about %.1f s left", done, total, elapsedMs / 1e3,
                            etaMs / 1e3);
                }
            }

            @Override
            public void found(FoundDevice device) {
            }
        }).result().toCompletableFuture().get(maxSeconds, TimeUnit.SECONDS);
        long identified = r.devices().stream().filter(d -> StreetlightBus.PROFILE_ID.equals(d.profileId())).count();
        int absentIds = r.asked() - r.devices().size();
        double absentMs = r.absentMicros() / 1e3;
        double requestMs = ScanTiming.PROBE_REQUEST_BYTES * ScanTiming.characterMs(bus);
        double floorMs = ScanTiming.absentFloorMs(bus, timeout);
        double foundMs = (r.elapsedMs() - absentIds * absentMs) / Math.max(1, r.devices().size());
        Progress.say("scan: %d of %d controllers found, %d identified as %s by %s; %d absent ids at %.1f ms each "
                + "(floor %.1f ms: request %.1f ms + timeout %d ms), %.1f ms per device found", r.devices().size(),
                devices, identified, StreetlightBus.PROFILE_ID, r.devices().isEmpty() ? "-"
                        : r.devices().get(0).identifiedBy(), absentIds, absentMs, floorMs, requestMs, timeout,
                foundMs);
        System.out.println(new Figures()
                .put("devices", devices).put("baud", baud).put("line", "8E1").put("turnaround_ms", turnaroundMs)
                .put("unit_ids", r.asked()).put("scan_ms", r.elapsedMs())
                .put("found", r.devices().size()).put("identified", identified)
                .put("timeout_ms", timeout).put("absent_ids", absentIds)
                .put("absent_ms_mean", absentMs, 2).put("request_ms", requestMs, 2).put("floor_ms", floorMs, 2)
                .put("ratio", absentMs / floorMs, 3).put("found_ms_mean", foundMs, 1)
                .line());
        return 0;
    }

    private static void ignore(List<Sample> samples) {
        // no device is configured: nothing is polled
    }
}
